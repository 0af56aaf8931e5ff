export { startS3 } from './s3';
export type { S3Options, RunningS3 } from './s3';
export { startSqs, renderElasticMqConfig, localCredentials } from './sqs';
export type { SqsOptions, RunningSqs, LocalCredentials } from './sqs';
export { AwsLocalError } from './errors';
export { freePort } from './ports';
