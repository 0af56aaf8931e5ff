import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import { ConfigError } from '../../errors';

/** A queue as named by its URL: `https://sqs.<region>.amazonaws.com/<account>/<name>`, or a local server's. */
export interface QueueAddress {
  readonly url: string;
  readonly name: string;
  /** The region in an AWS queue URL's host; undefined for other hosts. */
  readonly region?: string;
}

/** Parses a queue URL; throws `ConfigError` naming `--sqs` otherwise. */
export function parseQueueUrl(text: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`--sqs must be a queue URL like https://sqs.us-east-1.amazonaws.com/123456789012/name, got '${text}'`, { sqs: text });
  }
  const match = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)\/?$/.exec(url.pathname);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !match) {
    throw new ConfigError(`--sqs must be a queue URL ending in /<12-digit account>/<queue name>, got '${text}'`, { sqs: text });
  }
  const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(url.hostname)?.[1];
  return { url: text.replace(/\/$/, ''), name: match[2] ?? '', ...(region ? { region } : {}) };
}

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
