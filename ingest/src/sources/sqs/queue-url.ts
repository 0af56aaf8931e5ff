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
