export { s3ClientConfig, s3ClientFromSettings, type S3ClientSettings } from './client';
export { listObjectPages } from './list';
export { decodeListedKey, objectUri, parseS3Url, skipReason, type S3Location } from './location';
export { S3Poller, S3ReadError, type PollSummary, type RecordSink, type S3PollerOptions } from './poller';
export { existingStateDecision, ObjectStateStore, objectStateId, parseState, type Claim, type ClaimResult, type ObjectState, type ObjectVersion } from './state';
