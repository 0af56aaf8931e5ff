import { ConfigError } from '../../errors';

/** A bucket and a key prefix, as given by `s3://bucket/prefix`. */
export interface S3Location {
  readonly bucket: string;
  /** Key prefix without a leading slash; empty for the whole bucket. */
  readonly prefix: string;
}

// Bucket naming rules: 3–63 of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://bucket[/prefix]`; throws `ConfigError` naming `--s3` otherwise. */
export function parseS3Url(text: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text);
  if (!match) throw new ConfigError(`--s3 must look like s3://bucket/prefix, got '${text}'`, { s3: text });
  const bucket = match[1] ?? '';
  if (!BUCKET_NAME.test(bucket)) throw new ConfigError(`--s3: '${bucket}' is not a valid bucket name`, { s3: text });
  return { bucket, prefix: match[2] ?? '' };
}

/** The URI an object's records carry as `origin.file` (and dead letters as their file). */
export function objectUri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/**
 * Decodes a key from a listing made with `EncodingType=url`. S3 encodes it like a form value
 * (a space is `+`, a literal `+` is `%2B`), so `+` must become a space before percent-decoding.
 */
export function decodeListedKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

// CloudTrail writes integrity digests beside the logs (`…/CloudTrail-Digest/…`); they hold hashes, not events.
const DIGEST_SEGMENT = /(^|\/)CloudTrail-Digest(\/|$)/;

/** Why an object is not read at all (no GET), or undefined when it should be read. */
export function skipReason(key: string, sizeBytes: number): string | undefined {
  if (DIGEST_SEGMENT.test(key)) return 'CloudTrail digest file (integrity hashes, not events)';
  // Consoles create zero-byte "folder" objects ending in a slash.
  if (key.endsWith('/') && sizeBytes === 0) return 'folder marker (empty object ending in /)';
  return undefined;
}
