import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { startS3, type RunningS3 } from '@gdlens/aws-local';
import type { ParsedRecord } from '../../../src/records';
import { readStream } from '../../../src/sources/files';
import { ObjectStateStore, objectUri, parseS3Url, S3Poller, type PollSummary } from '../../../src/sources/s3';
import { runGdlens, type CliRun } from '../../cli-harness';
import { createTestStore, FIXED_NOW, fixtureLines, storeSnapshot, type TestStore } from '../helpers';

const ACCOUNT = '123456789012';
const KMS_KEY_ID = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const GD_PREFIX = `AWSLogs/${ACCOUNT}/GuardDuty/us-east-1/2026/01/02/`;
const CT_PREFIX = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/01/02/`;
const ORG_CT_PREFIX = `AWSLogs/o-a1b2c3d4e5/${ACCOUNT}/CloudTrail/eu-west-1/2026/01/02/`;
const DIGEST_PREFIX = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2026/01/02/`;

let server: RunningS3;
let s3: S3Client;
const stores: TestStore[] = [];

beforeAll(async () => {
  server = await startS3({ validKmsKeyArns: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/${KMS_KEY_ID}`] });
  s3 = new S3Client({ endpoint: server.endpoint, region: server.region, credentials: server.credentials, forcePathStyle: true });
}, 240_000);

afterAll(async () => {
  for (const store of stores) await store.cleanup();
  s3?.destroy();
  await server?.stop();
});

async function newStore(): Promise<TestStore> {
  const store = await createTestStore();
  stores.push(store);
  return store;
}

/** A GuardDuty export object: findings as JSON lines, gzipped. */
function exportBody(lines: readonly string[]): Buffer {
  return gzipSync(`${lines.join('\n')}\n`);
}

/** A CloudTrail log object: one `Records` array. */
function trailBody(lines: readonly string[], gzip: boolean): Buffer {
  const text = JSON.stringify({ Records: lines.map((line) => JSON.parse(line) as unknown) });
  return gzip ? gzipSync(text) : Buffer.from(text);
}

function trailKey(prefix: string, region: string): string {
  return `${prefix}${ACCOUNT}_CloudTrail_${region}_20260102T0000Z_${randomUUID().replace(/-/g, '').slice(0, 16)}.json.gz`;
}

interface Put {
  readonly key: string;
  readonly body: Buffer;
}

async function newBucket(objects: readonly Put[]): Promise<string> {
  const bucket = `gdlens-s3src-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await putAll(bucket, objects);
  return bucket;
}

async function putAll(bucket: string, objects: readonly Put[]): Promise<void> {
  for (const { key, body } of objects) {
    // GuardDuty exports are SSE-KMS encrypted; reading them needs nothing more than kms:Decrypt.
    const sse = key.includes('/GuardDuty/') ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: KMS_KEY_ID } : {};
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...sse }));
  }
}

/** The records the file reader makes of the same bytes: what the S3 source must produce. */
async function recordsOf(bucket: string, put: Put): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const record of readStream(Readable.from([put.body]), objectUri(bucket, put.key))) out.push(record);
  return out;
}

interface Worker {
  readonly poller: S3Poller;
  readonly state: ObjectStateStore;
  readonly origins: Map<string, ParsedRecord[]>;
  readonly writer: ReturnType<TestStore['writer']>;
}

function worker(store: TestStore, bucket: string, options: { workerId?: string; now?: () => number; leaseMs?: number; prefix?: string; pageSizeKeys?: number } = {}): Worker {
  const writer = store.writer();
  const state = new ObjectStateStore({
    client: store.client,
    names: store.names,
    workerId: options.workerId ?? 'worker-a',
    leaseMs: options.leaseMs ?? 60_000,
    now: options.now ?? (() => FIXED_NOW),
  });
  const origins = new Map<string, ParsedRecord[]>();
  const sink = {
    write: async (record: ParsedRecord) => {
      origins.set(record.origin.file, [...(origins.get(record.origin.file) ?? []), record]);
      await writer.write(record);
    },
    flush: () => writer.flush(),
  };
  const location = parseS3Url(`s3://${bucket}/${options.prefix ?? 'AWSLogs/'}`);
  return { poller: new S3Poller({ s3, location, state, sink, pageSizeKeys: options.pageSizeKeys ?? 1000 }), state, origins, writer };
}

function guardDutyObjects(): Put[] {
  const findings = fixtureLines('panther-analysis-guardduty.jsonl');
  return [findings.slice(0, 3), findings.slice(3, 6), findings.slice(6)].map((lines) => ({ key: `${GD_PREFIX}${randomUUID()}.jsonl.gz`, body: exportBody(lines) }));
}

function trailObjects(count: number, from = 0): Put[] {
  const events = fixtureLines('stratus-red-team-detonation-logs-cloudtrail.jsonl');
  const size = 10;
  return Array.from({ length: count }, (_, i) => ({ key: trailKey(CT_PREFIX, 'us-east-1'), body: trailBody(events.slice((from + i) * size, (from + i + 1) * size), true) }));
}

describe('S3 source against S3Mock and OpenSearch', () => {
  it('reads both layouts, gzipped and plain, URL-encoded keys and many list pages, each through the file reader', async () => {
    const store = await newStore();
    const airbnb = fixtureLines('airbnb-streamalert-cloudtrail.jsonl');
    const objects: Put[] = [
      ...guardDutyObjects(),
      ...trailObjects(4),
      { key: trailKey(ORG_CT_PREFIX, 'eu-west-1').replace(/\.gz$/, ''), body: trailBody(airbnb.slice(0, 20), false) },
      { key: `${CT_PREFIX}part=1 copy+x %41.json`, body: trailBody(airbnb.slice(20, 30), false) },
      { key: `${DIGEST_PREFIX}${ACCOUNT}_CloudTrail-Digest_us-east-1_trail_us-east-1_20260102T010000Z.json.gz`, body: gzipSync('{"digestStartTime":"2026-01-02T00:00:00Z","logFiles":[]}') },
    ];
    const bucket = await newBucket(objects);
    const one = worker(store, bucket, { pageSizeKeys: 3 });

    const summary = await one.poller.pollOnce();
    await one.writer.flush();

    expect(summary).toEqual<PollSummary>({ listed: objects.length, processed: objects.length, records: expect.any(Number) as number, busy: 0, failed: 0 });
    expect([...one.origins.keys()].sort()).toEqual(objects.map((o) => objectUri(bucket, o.key)).sort());
    const expectedAll: ParsedRecord[] = [];
    for (const put of objects.filter((o) => !o.key.includes('CloudTrail-Digest'))) {
      const expected = await recordsOf(bucket, put);
      expect(expected.length).toBeGreaterThan(0);
      expect(one.origins.get(objectUri(bucket, put.key))).toEqual(expected);
      expectedAll.push(...expected);
    }
    const digest = one.origins.get(objectUri(bucket, objects[objects.length - 1]?.key ?? ''));
    expect(digest).toEqual([{ kind: 'skipped', reason: expect.stringMatching(/digest/) as string, origin: expect.anything() as unknown }]);

    const counts = one.writer.accounting.counts;
    expect(counts.read).toBe(summary.records);
    expect(counts.read).toBe(expectedAll.length + 1);
    // The airbnb fixture starts with schema rows that are not events: rejected by the parser, as from a file.
    expect(counts.rejected).toBe(expectedAll.filter((r) => r.kind === 'rejected').length);
    expect(counts.skipped).toBe(expectedAll.filter((r) => r.kind === 'skipped').length + 1);
    await store.refresh();
    const findingIds = new Set(expectedAll.flatMap((r) => (r.kind === 'finding' ? [r.document.finding_id] : [])));
    const eventIds = new Set(expectedAll.flatMap((r) => (r.kind === 'cloudtrail' ? [r.document.eventID] : [])));
    expect(findingIds.size).toBeGreaterThan(1);
    expect(eventIds.size).toBeGreaterThan(40);
    expect(await store.count('findings')).toBe(findingIds.size);
    expect(await store.count('cloudtrail')).toBe(eventIds.size);
    const state = await store.search<{ key: string; kind: string; value: { status: string } }>('state', { size: 100, query: { term: { kind: 's3-object' } } });
    expect(state.map((hit) => hit._source.key).sort()).toEqual(objects.map((o) => objectUri(bucket, o.key)).sort());
    expect(new Set(state.map((hit) => hit._source.value.status))).toEqual(new Set(['done']));
  });

  it('reads an object added between polls once, and a restarted worker neither re-reads nor skips', async () => {
    const store = await newStore();
    const first = trailObjects(4);
    const bucket = await newBucket(first);
    const before = worker(store, bucket, { pageSizeKeys: 2 });
    expect((await before.poller.pollOnce()).processed).toBe(4);

    const [added] = trailObjects(1, 10);
    if (!added) throw new Error('no object');
    await putAll(bucket, [added]);
    const second = await before.poller.pollOnce();
    expect(second).toMatchObject({ listed: 5, processed: 1, records: (await recordsOf(bucket, added)).length });
    expect((await before.poller.pollOnce()).processed).toBe(0);
    await before.writer.flush();
    const readBefore = before.writer.accounting.counts.read;

    // A new process: nothing in memory, only the state index.
    const [late] = trailObjects(1, 20);
    if (!late) throw new Error('no object');
    await putAll(bucket, [late]);
    const after = worker(store, bucket, { workerId: 'worker-a-restarted', pageSizeKeys: 2 });
    const restarted = await after.poller.pollOnce();
    await after.writer.flush();
    expect(restarted).toMatchObject({ listed: 6, processed: 1, busy: 0, failed: 0 });
    expect([...after.origins.keys()]).toEqual([objectUri(bucket, late.key)]);
    expect(after.writer.accounting.counts.read).toBe((await recordsOf(bucket, late)).length);
    expect(readBefore).toBe(50);
    expect(after.writer.accounting.counts.unchanged).toBe(0);
  });

  it('two workers on one bucket store the same as one worker, each object read once', async () => {
    const objects = [...guardDutyObjects(), ...trailObjects(9)];
    const bucket = await newBucket(objects);
    const single = await newStore();
    const alone = worker(single, bucket, { pageSizeKeys: 4 });
    const aloneSummary = await alone.poller.pollOnce();
    await alone.writer.flush();

    const shared = await newStore();
    const a = worker(shared, bucket, { workerId: 'worker-a', pageSizeKeys: 4 });
    const b = worker(shared, bucket, { workerId: 'worker-b', pageSizeKeys: 4 });
    const [sa, sb] = await Promise.all([a.poller.pollOnce(), b.poller.pollOnce()]);
    await Promise.all([a.writer.flush(), b.writer.flush()]);
    // A worker skips what the other holds; a second poll of both finds nothing left.
    const [ra, rb] = await Promise.all([a.poller.pollOnce(), b.poller.pollOnce()]);

    expect(sa.processed + sb.processed + ra.processed + rb.processed).toBe(objects.length);
    expect(sa.records + sb.records + ra.records + rb.records).toBe(aloneSummary.records);
    const readByA = new Set(a.origins.keys());
    expect([...b.origins.keys()].filter((uri) => readByA.has(uri))).toEqual([]);
    expect(a.writer.accounting.counts.read + b.writer.accounting.counts.read).toBe(alone.writer.accounting.counts.read);
    expect(await storeSnapshot(shared)).toEqual(await storeSnapshot(single));
  });

  it('dead-letters a corrupt gzip object with its s3:// URI in the reason and reads the objects after it', async () => {
    const store = await newStore();
    const good = trailObjects(2);
    const corruptKey = `${CT_PREFIX}${ACCOUNT}_CloudTrail_us-east-1_20260102T0005Z_0corrupt.json.gz`;
    const whole = trailBody(fixtureLines('sekoia-intake-formats-cloudtrail.jsonl'), true);
    // Gzip magic and header intact, deflate stream garbled half way.
    const corrupt = Buffer.concat([whole.subarray(0, Math.floor(whole.length / 2)), Buffer.alloc(64, 0xff), whole.subarray(Math.floor(whole.length / 2) + 64)]);
    const bucket = await newBucket([...good, { key: corruptKey, body: corrupt }]);
    const one = worker(store, bucket);

    const summary = await one.poller.pollOnce();
    await one.writer.flush();

    expect(summary).toMatchObject({ listed: 3, processed: 3, failed: 0 });
    expect(one.writer.accounting.counts.rejected).toBe(1);
    await store.refresh();
    const letters = await store.search<{ reason: string }>('dead-letters', { size: 10 });
    expect(letters).toHaveLength(1);
    expect(letters[0]?._source.reason).toContain(`s3://${bucket}/${corruptKey}`);
    expect(letters[0]?._source.reason).toMatch(/corrupt gzip|truncated gzip/);
    let goodRecords = 0;
    for (const put of good) goodRecords += (await recordsOf(bucket, put)).length;
    expect(await store.count('cloudtrail')).toBe(goodRecords);
    // Done, not retried: reading the same bytes again cannot help.
    expect((await one.poller.pollOnce()).processed).toBe(0);
  });

  it('a claim whose worker died holds until its lease runs out, then exactly one worker takes it over', async () => {
    const store = await newStore();
    const [object] = trailObjects(1, 5);
    if (!object) throw new Error('no object');
    const bucket = await newBucket([object]);
    const leaseMs = 60_000;
    let nowMs = FIXED_NOW;
    const clock = (): number => nowMs;
    const dead = worker(store, bucket, { workerId: 'worker-dead', now: clock, leaseMs });
    const claimed = await dead.state.claim({ bucket, key: object.key, etag: (await headEtag(bucket, object.key)) ?? '', sizeBytes: object.body.length });
    expect(claimed.kind).toBe('claimed');

    const b = worker(store, bucket, { workerId: 'worker-b', now: clock, leaseMs });
    const c = worker(store, bucket, { workerId: 'worker-c', now: clock, leaseMs });
    nowMs = FIXED_NOW + leaseMs - 1;
    expect(await b.poller.pollOnce()).toMatchObject({ listed: 1, processed: 0, busy: 1 });

    nowMs = FIXED_NOW + leaseMs + 1;
    const [sb, sc] = await Promise.all([b.poller.pollOnce(), c.poller.pollOnce()]);
    expect(sb.processed + sc.processed).toBe(1);
    expect(b.origins.size + c.origins.size).toBe(1);
    await Promise.all([b.writer.flush(), c.writer.flush()]);
    await store.refresh();
    expect(await store.count('cloudtrail')).toBe((await recordsOf(bucket, object)).length);
    expect((await b.poller.pollOnce()).processed + (await c.poller.pollOnce()).processed).toBe(0);
  });

  it('a worker reading for longer than the lease renews its claim, so no other worker takes the object over', async () => {
    const store = await newStore();
    const events = fixtureLines('stratus-red-team-detonation-logs-cloudtrail.jsonl').slice(0, 60);
    const object = { key: trailKey(CT_PREFIX, 'us-east-1'), body: trailBody(events, true) };
    const bucket = await newBucket([object]);
    const leaseMs = 1500;
    const slow = worker(store, bucket, { workerId: 'worker-slow', now: Date.now, leaseMs });
    const other = worker(store, bucket, { workerId: 'worker-other', now: Date.now, leaseMs });
    const slowSink = {
      write: async (record: ParsedRecord) => {
        await new Promise((resolve) => setTimeout(resolve, 75));
        slow.origins.set(record.origin.file, [...(slow.origins.get(record.origin.file) ?? []), record]);
        await slow.writer.write(record);
      },
      flush: () => slow.writer.flush(),
    };
    const slowPoller = new S3Poller({ s3, location: parseS3Url(`s3://${bucket}/AWSLogs/`), state: slow.state, sink: slowSink });

    const startedMs = Date.now();
    let finished = false;
    const reading = slowPoller.pollOnce().finally(() => (finished = true));
    let otherProcessed = 0;
    let otherBusyAfterLease = 0;
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const summary = await other.poller.pollOnce();
      otherProcessed += summary.processed;
      if (Date.now() - startedMs > leaseMs * 1.5 && !finished) otherBusyAfterLease += summary.busy;
    }
    const slowSummary = await reading;
    await slow.writer.flush();

    // The read outlasted the lease several times over, and the other worker kept finding it held.
    expect(Date.now() - startedMs).toBeGreaterThan(leaseMs * 2);
    expect(otherBusyAfterLease).toBeGreaterThan(0);
    expect(otherProcessed).toBe(0);
    expect(slowSummary).toMatchObject({ processed: 1, records: 60 });
    expect(other.origins.size).toBe(0);
    expect((await other.poller.pollOnce()).processed).toBe(0);
  });

  it('gdlens ingest --s3 --once reads the prefix, writes a heartbeat, and a second run reads nothing', async () => {
    const store = await newStore();
    const objects = [...guardDutyObjects(), ...trailObjects(2)];
    const bucket = await newBucket(objects);
    const env = { AWS_REGION: server.region, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey };
    const argv = ['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--s3', `s3://${bucket}/AWSLogs/${ACCOUNT}/`, '--once', '--s3-page-size', '2', '--s3-endpoint', server.endpoint];
    const firstRun = await gdlens(argv, env);
    expect(firstRun.err).toMatch(/poll: 5 objects listed, 5 read/);
    // 8 findings (some ids updated in the same file, so stale) and 20 CloudTrail events.
    expect(firstRun.out).toMatch(/^gdlens ingest: read=28 .* rejected=0 /);
    expect(firstRun.status).toBe(0);
    await store.refresh();
    const beats = await store.search<{ command: string; status: string }>('heartbeats', { size: 10, query: { term: { command: 'ingest --s3' } } });
    expect(beats.map((hit) => hit._source.status)).toEqual(['stopped']);

    const secondRun = await gdlens(argv, { ...env, AWS_ENDPOINT_URL_S3: server.endpoint });
    expect(secondRun.out).toMatch(/^gdlens ingest: read=0 /);
    expect(secondRun.status).toBe(0);

    const wrong = await gdlens(['ingest', '--s3', 'https://example.com/x', '--opensearch', store.url, '--prefix', store.names.prefix], env);
    expect(wrong.status).toBe(1);
    expect(wrong.err).toMatch(/s3:\/\/bucket\/prefix/);
  });
});

describe('gdlens ingest --s3 when the bucket cannot be listed', () => {
  it('fails with --once, and keeps polling (with heartbeats) without it until stopped', async () => {
    const store = await newStore();
    const env = { AWS_REGION: server.region, AWS_ACCESS_KEY_ID: server.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey };
    const missing = `s3://gdlens-missing-${randomUUID().slice(0, 8)}/AWSLogs/`;
    const base = ['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--s3', missing, '--s3-endpoint', server.endpoint];

    const once = await gdlens([...base, '--once'], env);
    expect(once.status).toBe(1);
    expect(once.err).toContain(`cannot list ${missing}`);
    const beatStatus = async (): Promise<string[]> => {
      await store.refresh();
      const beats = await store.search<{ status: string }>('heartbeats', { size: 10, query: { term: { command: 'ingest --s3' } } });
      return beats.map((hit) => hit._source.status);
    };
    // One document per worker id (host and pid, the same for both runs in this process).
    expect(await beatStatus()).toEqual(['failed']);

    const controller = new AbortController();
    let failures = 0;
    const running = gdlens([...base, '--poll-ms', '50'], env, controller.signal, (text) => {
      failures += text.split('poll failed: cannot list').length - 1;
      if (failures >= 2) controller.abort();
    });
    const stopped = await running;
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(stopped.status).toBe(0);
    expect(stopped.out).toMatch(/read=0 .*stopped by signal/);
    expect(await beatStatus()).toEqual(['stopped']);
  });
});

async function headEtag(bucket: string, key: string): Promise<string | undefined> {
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.ETag?.replace(/"/g, '');
}

function gdlens(argv: string[], env: Record<string, string>, signal?: AbortSignal, onStderr?: (text: string) => void): Promise<CliRun> {
  return runGdlens(argv, { env, signal, onStderr, now: () => FIXED_NOW });
}
