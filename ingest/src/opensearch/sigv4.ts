/**
 * AWS Signature Version 4 for Amazon OpenSearch Service (`es`) and OpenSearch Serverless
 * (`aoss`), on `node:crypto` only.
 *
 * Pure: the clock and the credentials come in as arguments, and nothing is sent. The client
 * calls {@link signRequest} with the final method, URL, headers and body, and adds the headers it
 * returns. The lower-level {@link signCanonicalRequest} is exported so the signer can be checked
 * step by step (canonical request, string to sign, Authorization) against AWS's published
 * SigV4 test suite.
 */
import { createHash, createHmac } from 'node:crypto';
import { IngestError } from '../errors';

/** The signing names of the two OpenSearch offerings. */
export type SigV4Service = 'es' | 'aoss';

/** Static or temporary AWS credentials; `sessionToken` comes with temporary (STS) ones. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignRequestInput {
  readonly method: string;
  /** The URL the request goes to, as sent: its path and query are what the server canonicalizes. */
  readonly url: URL | string;
  /** Headers that will be sent. `host` may be left out: it is taken from `url`, as Node sends it. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The payload; chunks are hashed in order, as they are sent. */
  readonly body?: string | Uint8Array | readonly Uint8Array[];
  readonly region: string;
  readonly service: SigV4Service;
  readonly credentials: AwsCredentials;
  /** The signing time; AWS rejects signatures more than 5 minutes off its clock. */
  readonly now: Date;
}

/** The headers to add to the request. */
export interface SigV4Headers {
  Authorization: string;
  'X-Amz-Date': string;
  'X-Amz-Content-Sha256': string;
  'X-Amz-Security-Token'?: string;
}

/** A request reduced to what SigV4 signs; the input of {@link signCanonicalRequest}. */
export interface CanonicalRequestInput {
  readonly method: string;
  /** The path as sent on the request line, already percent-encoded where the wire needs it. */
  readonly path: string;
  /** Decoded query parameters in any order; a repeated name appears once per value. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Every header to sign, `host` and `x-amz-date` included; names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lowercase hex SHA-256 of the body. */
  readonly payloadHash: string;
  /** `YYYYMMDD'T'HHMMSS'Z'`, equal to the `x-amz-date` header. */
  readonly amzDate: string;
  readonly region: string;
  readonly service: string;
  readonly credentials: AwsCredentials;
}

/** Every intermediate of one signature, so each step can be checked on its own. */
export interface SignatureSteps {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly authorization: string;
}

/** The signer was given something it cannot sign (missing credentials, a bad date or region). */
export class SigV4Error extends IngestError {
  override readonly name = 'SigV4Error';
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Headers a proxy or the HTTP stack may add, drop or rewrite on the way; signing them would
 * make the signature fail for reasons unrelated to the request.
 */
const UNSIGNED_HEADERS = new Set([
  'authorization',
  'connection',
  'expect',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/**
 * Signs one OpenSearch request and returns the headers to add. The canonical path is the
 * request's wire path encoded once more, as every AWS service but S3 expects.
 */
export function signRequest(input: SignRequestInput): SigV4Headers {
  requireText('region', input.region);
  const url = typeof input.url === 'string' ? new URL(input.url) : input.url;
  const amzDate = toAmzDate(input.now);
  const payloadHash = sha256Hex(input.body ?? '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.host ??= url.host;
  headers['x-amz-date'] = amzDate;
  // Serverless (aoss) refuses requests without it; the managed service (es) accepts it.
  headers['x-amz-content-sha256'] = payloadHash;
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  else delete headers['x-amz-security-token'];

  const steps = signCanonicalRequest({
    method: input.method,
    path: url.pathname,
    query: parseQuery(url.search),
    headers,
    payloadHash,
    amzDate,
    region: input.region,
    service: input.service,
    credentials: input.credentials,
  });
  const signed: SigV4Headers = { Authorization: steps.authorization, 'X-Amz-Date': amzDate, 'X-Amz-Content-Sha256': payloadHash };
  if (input.credentials.sessionToken) signed['X-Amz-Security-Token'] = input.credentials.sessionToken;
  return signed;
}

/** Runs the three SigV4 steps on an already reduced request and returns each intermediate. */
export function signCanonicalRequest(input: CanonicalRequestInput): SignatureSteps {
  requireText('credentials.accessKeyId', input.credentials.accessKeyId);
  requireText('credentials.secretAccessKey', input.credentials.secretAccessKey);
  requireText('region', input.region);
  requireText('service', input.service);
  if (!/^\d{8}T\d{6}Z$/.test(input.amzDate)) throw new SigV4Error(`amzDate must look like 20150830T123600Z, got ${JSON.stringify(input.amzDate)}`);

  const headerEntries = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), canonicalHeaderValue(value)] as const)
    .filter(([name]) => !UNSIGNED_HEADERS.has(name))
    .sort(([a], [b]) => compareCodePoints(a, b));
  const repeated = headerEntries.find(([name], i) => i > 0 && headerEntries[i - 1]?.[0] === name);
  if (repeated) throw new SigV4Error(`header ${repeated[0]} is given twice in different cases; join the values with commas`, { header: repeated[0] });
  const signedHeaders = headerEntries.map(([name]) => name).join(';');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath(input.path),
    canonicalQuery(input.query),
    headerEntries.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');

  const date = input.amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [ALGORITHM, input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [date, input.region, input.service, 'aws4_request'].reduce<Buffer>(
    (key, part) => hmac(key, part),
    Buffer.from(`AWS4${input.credentials.secretAccessKey}`, 'utf8'),
  );
  const signature = hmac(signingKey, stringToSign).toString('hex');
  const authorization = `${ALGORITHM} Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signedHeaders, signature, authorization };
}

/** `2015-08-30T12:36:00.000Z` → `20150830T123600Z`. */
export function toAmzDate(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new SigV4Error('now is an invalid Date');
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Splits a raw query string (`?a=1&b`) into decoded pairs. Only percent-escapes are decoded:
 * a literal `+` stays a plus, as AWS reads it, rather than becoming a space as in HTML forms.
 */
export function parseQuery(search: string): Array<[string, string]> {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1 ? [decodeLoosely(part), ''] : [decodeLoosely(part.slice(0, equals)), decodeLoosely(part.slice(equals + 1))];
    });
}

/** RFC 3986 encoding: everything but `A-Z a-z 0-9 - _ . ~` is percent-encoded from UTF-8. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Removes `.` and `..` segments and empty segments (repeated slashes), keeps a trailing slash,
 * then encodes each segment. Services other than S3 normalize the path this way before checking.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length === 0) return '/';
  const trailingSlash = path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailingSlash}`;
}

function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compareCodePoints(nameA, nameB) || compareCodePoints(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Trims the value and folds each run of spaces, tabs or line breaks to one space. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` is sent as is; signing it literally matches what the server sees.
    return text;
  }
}

function sha256Hex(data: string | Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for (const chunk of data) hash.update(chunk);
  return hash.digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function requireText(field: string, value: string | undefined): void {
  if (typeof value !== 'string' || value.trim() === '') throw new SigV4Error(`${field} is required for SigV4 signing`, { field });
}
