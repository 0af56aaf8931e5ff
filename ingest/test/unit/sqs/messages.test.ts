import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentId, decodeMessage, maxReceiveCountOf, parseQueueUrl, retryVisibilityS, sqsClientConfig } from '../../../src/sources/sqs';
import { ConfigError } from '../../../src/errors';
import { eventBridgeObjectCreated, s3Notification, s3TestEvent, snsEnvelope, type ObjectFacts } from '../../sqs-shapes';
import { REAL_FIXTURES } from '../helpers';

const EXPORT: ObjectFacts = {
  bucket: 'gd-export-123456789012',
  key: 'AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/02/5d3f8a0e-1b2c-3d4e-8f90-a1b2c3d4e5f6.jsonl.gz',
  etag: '9b2cf535f27731c974343645a3985328',
  sizeBytes: 48213,
};
const ODD_KEY: ObjectFacts = { bucket: 'trail-logs', key: 'AWSLogs/part=1 copy+x %41.json', etag: 'd41d8cd98f00b204e9800998ecf8427e-3', sizeBytes: 7 };

function realGuardDutyEvent(): string {
  return readFileSync(path.join(REAL_FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), 'utf8').split('\n')[0] ?? '';
}

describe('decodeMessage', () => {
  it('reads the objects of a raw S3 notification, decoding URL-encoded keys', () => {
    expect(decodeMessage(s3Notification([EXPORT, ODD_KEY]))).toEqual({
      kind: 'objects',
      objects: [
        { bucket: EXPORT.bucket, key: EXPORT.key, etag: EXPORT.etag, sizeBytes: EXPORT.sizeBytes },
        { bucket: ODD_KEY.bucket, key: ODD_KEY.key, etag: ODD_KEY.etag, sizeBytes: ODD_KEY.sizeBytes },
      ],
      ignoredRecords: 0,
    });
  });

  it('unwraps an SNS envelope to the same objects as the raw notification', () => {
    const raw = decodeMessage(s3Notification([ODD_KEY]));
    expect(decodeMessage(snsEnvelope(s3Notification([ODD_KEY])))).toEqual(raw);
    expect(raw.kind).toBe('objects');
  });

  it('reads an EventBridge Object Created event, whose key is not URL-encoded', () => {
    expect(decodeMessage(eventBridgeObjectCreated(ODD_KEY))).toEqual({ kind: 'objects', objects: [{ bucket: ODD_KEY.bucket, key: ODD_KEY.key, etag: ODD_KEY.etag, sizeBytes: 7 }], ignoredRecords: 0 });
  });

  it('hands a GuardDuty EventBridge event over as an event, named by its id', () => {
    const body = realGuardDutyEvent();
    const decoded = decodeMessage(body);
    expect(decoded).toEqual({ kind: 'event', event: JSON.parse(body) as unknown, eventId: '19ab29f7-5f41-94dd-f757-19556835054f' });
  });

  it('skips s3:TestEvent, raw or through SNS, with a reason naming it', () => {
    for (const body of [s3TestEvent('gd-export'), snsEnvelope(s3TestEvent('gd-export'))]) {
      const decoded = decodeMessage(body);
      expect(decoded.kind).toBe('skip');
      expect(decoded.kind === 'skip' && decoded.reason).toMatch(/^s3:TestEvent for bucket gd-export/);
    }
  });

  it('skips notifications with deletions only, and counts deletions beside creations', () => {
    expect(decodeMessage(s3Notification([EXPORT], 'ObjectRemoved:Delete'))).toEqual({ kind: 'skip', reason: expect.stringMatching(/no ObjectCreated record among 1/) as string });
    const mixed = JSON.stringify({ Records: [...(JSON.parse(s3Notification([EXPORT], 'ObjectRemoved:Delete')) as { Records: unknown[] }).Records, ...(JSON.parse(s3Notification([ODD_KEY])) as { Records: unknown[] }).Records] });
    expect(decodeMessage(mixed)).toMatchObject({ kind: 'objects', objects: [{ key: ODD_KEY.key }], ignoredRecords: 1 });
    const deleted = JSON.parse(eventBridgeObjectCreated(EXPORT)) as Record<string, unknown>;
    expect(decodeMessage(JSON.stringify({ ...deleted, 'detail-type': 'Object Deleted' }))).toEqual({ kind: 'skip', reason: 'EventBridge Object Deleted event (only Object Created is read)' });
  });

  it('leaves out an ETag or size the notification lacks, and strips quotes from one it has', () => {
    const body = JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Copy', s3: { bucket: { name: 'b-1' }, object: { key: 'a+b', eTag: '"abc"' } } }] });
    expect(decodeMessage(body)).toEqual({ kind: 'objects', objects: [{ bucket: 'b-1', key: 'a b', etag: 'abc' }], ignoredRecords: 0 });
  });

  it.each([
    ['not JSON', '{"Records":', /^not JSON/],
    ['an array', '[1]', /got an array/],
    ['an unknown object', '{"hello":"world"}', /neither an S3 notification/],
    ['a record from another service', JSON.stringify({ Records: [{ eventSource: 'aws:sqs', eventName: 'x' }] }), /Records\[0\] is not an S3 event record/],
    ['a created record without key', JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' } } }] }), /no s3.bucket.name or s3.object.key/],
    ['an SNS envelope around garbage', snsEnvelope('not json at all'), /^SNS notification: Message is not JSON/],
  ])('calls %s undecodable, saying why', (_name, body, reason) => {
    const decoded = decodeMessage(body);
    expect(decoded.kind).toBe('undecodable');
    expect(decoded.kind === 'undecodable' && decoded.reason).toMatch(reason);
  });
});

describe('contentId', () => {
  it('is the same for the same body and differs for another', () => {
    const body = s3Notification([EXPORT]);
    expect(contentId(body)).toBe(contentId(`${body}`));
    expect(contentId(body)).not.toBe(contentId(s3Notification([ODD_KEY])));
    expect(contentId(body)).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('redrive and back-off', () => {
  it('reads maxReceiveCount from a redrive policy, as number or string', () => {
    expect(maxReceiveCountOf('{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":4}')).toBe(4);
    expect(maxReceiveCountOf('{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"7"}')).toBe(7);
    expect(maxReceiveCountOf(undefined)).toBeUndefined();
    expect(maxReceiveCountOf('not json')).toBeUndefined();
    expect(maxReceiveCountOf('{"maxReceiveCount":0}')).toBeUndefined();
  });

  it('doubles the hidden time on each receive, up to SQS’s 12 hours', () => {
    expect([1, 2, 3, 4].map((n) => retryVisibilityS(30, n))).toEqual([30, 60, 120, 240]);
    expect(retryVisibilityS(300, 30)).toBe(43_200);
    expect(retryVisibilityS(0, 1)).toBe(1);
  });
});

describe('queue URL and client settings', () => {
  it('parses AWS and local queue URLs', () => {
    expect(parseQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/gd-events')).toEqual({ url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/gd-events', name: 'gd-events', region: 'eu-west-1' });
    expect(parseQueueUrl('http://127.0.0.1:9324/000000000000/q.fifo/')).toEqual({ url: 'http://127.0.0.1:9324/000000000000/q.fifo', name: 'q.fifo' });
  });

  it.each(['gd-events', 'https://sqs.us-east-1.amazonaws.com/gd-events', 'ftp://host/123456789012/q'])('refuses %s naming --sqs', (text) => {
    expect(() => parseQueueUrl(text)).toThrow(ConfigError);
    expect(() => parseQueueUrl(text)).toThrow(/--sqs/);
  });

  it('takes the region from the environment first, then from the queue URL', () => {
    const queue = parseQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/gd-events');
    expect(sqsClientConfig({ queue, env: {} }).region).toBe('eu-west-1');
    expect(sqsClientConfig({ queue, env: { AWS_REGION: 'us-east-2' } }).region).toBe('us-east-2');
    expect(sqsClientConfig({ queue, env: { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:1' }, endpoint: 'http://127.0.0.1:2' }).endpoint).toBe('http://127.0.0.1:2');
    expect(sqsClientConfig({ queue, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:3' } }).endpoint).toBe('http://127.0.0.1:3');
  });
});
