import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { RunningS3, startS3 } from '../../src';

// GuardDuty's S3 export writes one gzipped JSON-lines object per batch under this layout.
const EXPORT_PREFIX = 'AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/02/';
const KMS_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KMS_KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KMS_KEY_ID}`;

let server: RunningS3;
let s3: S3Client;

beforeAll(async () => {
  server = await startS3({ validKmsKeyArns: [KMS_KEY_ARN] });
  s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.credentials, forcePathStyle: true });
  // The first start on a machine also resolves the server's jars with Maven.
}, 240_000);

afterAll(async () => {
  s3?.destroy();
  await server?.stop();
});

function exportObject(findings: number): Buffer {
  const lines = Array.from({ length: findings }, (_, i) => JSON.stringify({ id: randomUUID(), type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 2 + i }));
  return gzipSync(`${lines.join('\n')}\n`);
}

async function newBucket(): Promise<string> {
  const bucket = `gdlens-test-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

async function bodyBytes(bucket: string, key: string): Promise<Buffer> {
  const reply = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!reply.Body) throw new Error(`no body for ${key}`);
  return Buffer.from(await reply.Body.transformToByteArray());
}

async function statusOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return { name: error.name, status: error.$metadata.httpStatusCode };
    throw error;
  }
  throw new Error('the request succeeded');
}

test('GuardDuty export objects are listed by prefix page by page and read back byte-identical', async () => {
  const bucket = await newBucket();
  const written = new Map<string, Buffer>();
  for (let i = 0; i < 7; i++) {
    const key = `${EXPORT_PREFIX}${randomUUID()}.jsonl.gz`;
    const body = exportObject(i + 1);
    written.set(key, body);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/gzip' }));
  }
  // Another day and another account: the prefix must keep them out.
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/03/x.jsonl.gz', Body: exportObject(1) }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'AWSLogs/210987654321/GuardDuty/us-east-1/2026/01/02/y.jsonl.gz', Body: exportObject(1) }));

  const pages: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: EXPORT_PREFIX, MaxKeys: 3, ContinuationToken: token }));
    pages.push(page);
    token = page.NextContinuationToken;
  } while (token);

  expect(pages.map((page) => page.KeyCount)).toEqual([3, 3, 1]);
  expect(pages.map((page) => page.IsTruncated)).toEqual([true, true, false]);
  const listed = pages.flatMap((page) => (page.Contents ?? []).map((entry) => entry.Key));
  expect(listed).toEqual([...written.keys()].sort());
  for (const [key, body] of written) {
    expect((await bodyBytes(bucket, key)).equals(body)).toBe(true);
  }
  const sizes = pages.flatMap((page) => page.Contents ?? []).map((entry) => [entry.Key, entry.Size]);
  expect(sizes).toEqual([...written].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, body]) => [key, body.length]));
});

test('a delimiter lists the date partitions as common prefixes', async () => {
  const bucket = await newBucket();
  for (const day of ['01', '02', '03']) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/${day}/a.jsonl.gz`, Body: exportObject(1) }));
  }
  const reply = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/', Delimiter: '/' }));
  expect(reply.Contents ?? []).toEqual([]);
  expect((reply.CommonPrefixes ?? []).map((entry) => entry.Prefix)).toEqual(['01', '02', '03'].map((day) => `AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/${day}/`));
});

test('keys with spaces, "=", "+" and "%" survive put, list (plain and URL-encoded) and get', async () => {
  const bucket = await newBucket();
  const key = 'AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/02/part=1 copy+x%y.json.gz';
  const body = exportObject(2);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  const plain = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'AWSLogs/123456789012/CloudTrail/' }));
  expect((plain.Contents ?? []).map((entry) => entry.Key)).toEqual([key]);
  // S3 event notifications and EncodingType=url listings carry the key URL-encoded; the SDK
  // leaves the decoding to the caller.
  const encoded = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'AWSLogs/123456789012/CloudTrail/', EncodingType: 'url' }));
  const encodedKey = encoded.Contents?.[0]?.Key ?? '';
  expect(encodedKey).not.toBe(key);
  expect(decodeURIComponent(encodedKey)).toBe(key);
  expect((await bodyBytes(bucket, key)).equals(body)).toBe(true);
});

test('HeadObject reports size and MD5 ETag, and a missing key is a 404', async () => {
  const bucket = await newBucket();
  const key = `${EXPORT_PREFIX}${randomUUID()}.jsonl.gz`;
  const body = exportObject(3);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  expect(head.ContentLength).toBe(body.length);
  expect(head.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);

  expect(await statusOf(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${key}.missing` })))).toEqual({ name: 'NotFound', status: 404 });
  expect(await statusOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${key}.missing` })))).toEqual({ name: 'NoSuchKey', status: 404 });
});

test('SSE-KMS headers are accepted for a known key and reported back; an unknown key is refused', async () => {
  const bucket = await newBucket();
  const key = `${EXPORT_PREFIX}${randomUUID()}.jsonl.gz`;
  const body = exportObject(2);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KMS_KEY_ID }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  expect(head.ServerSideEncryption).toBe('aws:kms');
  expect(head.SSEKMSKeyId).toBe(KMS_KEY_ID);
  expect((await bodyBytes(bucket, key)).equals(body)).toBe(true);

  const refused = await statusOf(
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.2`, Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: randomUUID() })),
  );
  expect(refused.status).toBe(400);
});
