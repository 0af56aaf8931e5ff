import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import type { QueueAddress } from './queue-url';

export interface SqsClientSettings {
  readonly queue: QueueAddress;
  /** `--sqs-endpoint`; wins over `AWS_ENDPOINT_URL_SQS` and `AWS_ENDPOINT_URL`. */
  readonly endpoint?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The SQS client configuration, from the same AWS variables as the S3 client's; the region falls
 * back to the one in the queue URL, so a worker in another region needs no extra setting.
 */
export function sqsClientConfig(settings: SqsClientSettings): SQSClientConfig {
  const { env } = settings;
  const endpoint = settings.endpoint ?? env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? settings.queue.region;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } }
      : {}),
  };
}

/** A client built from {@link sqsClientConfig}; the caller destroys it. */
export function sqsClientFromSettings(settings: SqsClientSettings): SQSClient {
  return new SQSClient(sqsClientConfig(settings));
}
