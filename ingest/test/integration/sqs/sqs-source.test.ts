import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { startS3, startSqs, type RunningS3, type RunningSqs } from '@gdlens/aws-local';
import type { ParsedRecord } from '../../../src/records';
import { readStream, recordsFromValue } from '../../../src/sources/files';
import { ObjectStateStore, objectUri, type RecordSink } from '../../../src/sources/s3';
import { queueMaxReceiveCount, SqsConsumer, type ReceiveSummary } from '../../../src/sources/sqs';
import { eventBridgeObjectCreated, s3Notification, s3TestEvent, snsEnvelope, type ObjectFacts } from '../../sqs-shapes';
import { runGdlens, type CliRun } from '../../cli-harness';
import { createTestStore, FIXED_NOW, fixtureLines, storeSnapshot, type TestStore } from '../helpers';

const ACCOUNT = '123456789012';
const GD_PREFIX = `AWSLogs/${ACCOUNT}/GuardDuty/us-east-1/2026/01/02/`;
const CT_PREFIX = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/01/02/`;
const LEASE_MS = 60_000;

let s3Server: RunningS3;
let sqsServer: RunningSqs;
let s3: S3Client;
let sqs: SQSClient;
const stores: TestStore[] = [];

beforeAll(async () => {
  [s3Server, sqsServer] = await Promise.all([startS3(), startSqs()]);
  s3 = new S3Client({ endpoint: s3Server.endpoint, region: s3Server.region, credentials: s3Server.credentials, forcePathStyle: true });
  sqs = new SQSClient({ endpoint: sqsServer.endpoint, region: sqsServer.region, credentials: sqsServer.credentials });
}, 240_000);

afterAll(async () => {
  for (const store of stores) await store.cleanup();
  s3?.destroy();
  sqs?.destroy();
  await Promise.all([s3Server?.stop(), sqsServer?.stop()]);
});

async function newStore(): Promise<TestStore> {
  const store = await createTestStore();
  stores.push(store);
  return store;
}

interface Put extends ObjectFacts {
  readonly body: Buffer;
}

/** Puts objects into a fresh bucket; their facts carry the ETag and size S3 reports, as a notification would. */
async function newBucket(objects: ReadonlyArray<{ key: string; body: Buffer }>): Promise<Put[]> {
  const bucket = `gdlens-sqssrc-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const puts: Put[] = [];
  for (const { key, body } of objects) {
    const reply = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    puts.push({ bucket, key, body, etag: (reply.ETag ?? '').replace(/"/g, ''), sizeBytes: body.length });
  }
  return puts;
}

function guardDutyObjects(count: number): Array<{ key: string; body: Buffer }> {
  const findings = fixtureLines('panther-analysis-guardduty.jsonl');
  const size = Math.max(1, Math.floor(findings.length / count));
  return Array.from({ length: count }, (_, i) => ({ key: `${GD_PREFIX}${randomUUID()}.jsonl.gz`, body: gzipSync(`${findings.slice(i * size, (i + 1) * size).join('\n')}\n`) }));
}

function trailObjects(count: number, keyOf: (i: number) => string = () => `${CT_PREFIX}${ACCOUNT}_CloudTrail_us-east-1_20260102T0000Z_${randomUUID().slice(0, 16)}.json.gz`): Array<{ key: string; body: Buffer }> {
  const events = fixtureLines('stratus-red-team-detonation-logs-cloudtrail.jsonl');
  return Array.from({ length: count }, (_, i) => ({ key: keyOf(i), body: gzipSync(JSON.stringify({ Records: events.slice(i * 5, i * 5 + 5).map((line) => JSON.parse(line) as unknown) })) }));
}

/** The records the file reader makes of the same bytes: what the SQS source must store. */
async function recordsOf(put: Put): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const record of readStream(Readable.from([put.body]), objectUri(put.bucket, put.key))) out.push(record);
  return out;
}

async function newQueue(attributes: Record<string, string> = {}): Promise<string> {
  const reply = await sqs.send(new CreateQueueCommand({ QueueName: `gdlens-sqssrc-${randomUUID().slice(0, 8)}`, Attributes: { VisibilityTimeout: '1', ...attributes } }));
  return reply.QueueUrl ?? '';
}

async function queueArn(url: string): Promise<string> {
  const reply = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return reply.Attributes?.QueueArn ?? '';
}

async function sendAll(queueUrl: string, bodies: readonly string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    const reply = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: body })) }));
    expect(reply.Failed ?? []).toEqual([]);
  }
}

/** Messages in the queue, visible or not. */
async function queueDepth(queueUrl: string): Promise<number> {
  const reply = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(reply.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(reply.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

interface Worker {
  readonly consumer: SqsConsumer;
  readonly queueUrl: string;
  readonly writer: ReturnType<TestStore['writer']>;
}

interface WorkerOptions {
  readonly workerId?: string;
  readonly now?: () => number;
  readonly sink?: (writer: ReturnType<TestStore['writer']>) => RecordSink;
  readonly maxReceives?: number;
  readonly deleteDeadLettered?: boolean;
  readonly visibilityTimeoutS?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

function worker(store: TestStore, queueUrl: string, options: WorkerOptions = {}): Worker {
  const writer = store.writer();
  const state = new ObjectStateStore({ client: store.client, names: store.names, workerId: options.workerId ?? 'worker-a', leaseMs: LEASE_MS, now: options.now ?? (() => FIXED_NOW) });
  const consumer = new SqsConsumer({
    sqs,
    queueUrl,
    s3,
    state,
    sink: options.sink ? options.sink(writer) : writer,
    maxReceives: options.maxReceives ?? 5,
    deleteDeadLettered: options.deleteDeadLettered ?? true,
    visibilityTimeoutS: options.visibilityTimeoutS ?? 1,
    waitTimeS: 1,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { consumer, writer, queueUrl };
}

const EMPTY: ReceiveSummary = { received: 0, deleted: 0, retried: 0, deadLettered: 0, skipped: 0, objectsRead: 0, objectsAlreadyDone: 0, records: 0 };

function add(total: ReceiveSummary, one: ReceiveSummary): ReceiveSummary {
  return Object.fromEntries(Object.entries(total).map(([key, value]) => [key, value + one[key as keyof ReceiveSummary]])) as unknown as ReceiveSummary;
}

/** Receives until the queue holds nothing at all (messages retried later included), or the time runs out. */
async function drain(one: Worker, timeoutMs = 60_000): Promise<ReceiveSummary> {
  let total = EMPTY;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const summary = await one.consumer.receiveOnce();
    total = add(total, summary);
    if (summary.received === 0 && (await queueDepth(one.queueUrl)) === 0) break;
  }
  await one.writer.flush();
  return total;
}

/**
 * The store's content minus what legitimately differs between runs (`ingested_at`, a dead
 * letter's write time, the ledger's insertion order), per index kind; compared whole, so a
 * difference shows as a readable diff rather than two unequal hashes.
 */
async function content(store: TestStore): Promise<Record<string, unknown>> {
  const snapshot = await storeSnapshot(store);
  const sources = async (kind: 'cloudtrail' | 'dead-letters'): Promise<unknown[]> => {
    const hits = await store.search<Record<string, unknown>>(kind, { size: 5000, sort: [{ _id: 'asc' }] });
    return hits.map((hit) => {
      const { ingested_at: _i, '@timestamp': stamp, ...rest } = hit._source;
      return [hit._id, kind === 'dead-letters' ? rest : { ...rest, '@timestamp': stamp }];
    });
  };
  return { findings: snapshot.findings, occurrences: [snapshot.occurrences, snapshot.sums], cloudtrail: await sources('cloudtrail'), deadLetters: await sources('dead-letters') };
}

describe('SQS source against ElasticMQ, S3Mock and OpenSearch', () => {
  it('reads every message form, skips s3:TestEvent, and leaves the queue empty', async () => {
    const store = await newStore();
    const [gd1, gd2, gd3, ...trails] = await newBucket([...guardDutyObjects(3), ...trailObjects(3, (i) => `${CT_PREFIX}part=${i} copy+x %41.json`)]);
    if (!gd1 || !gd2 || !gd3 || trails.length !== 3) throw new Error('objects missing');
    const [ct1, ct2, ct3] = trails as [Put, Put, Put];
    const events = fixtureLines('mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl').slice(0, 3);
    const queueUrl = await newQueue();
    await sendAll(queueUrl, [
      s3TestEvent(gd1.bucket),
      s3Notification([gd1, ct1]),
      snsEnvelope(s3Notification([gd2])),
      snsEnvelope(s3TestEvent(gd1.bucket)),
      eventBridgeObjectCreated(gd3),
      s3Notification([ct2], 'ObjectCreated:CompleteMultipartUpload'),
      eventBridgeObjectCreated(ct3),
      ...events,
    ]);
    const one = worker(store, queueUrl);

    const summary = await drain(one);

    const expected: ParsedRecord[] = [];
    for (const put of [gd1, ct1, gd2, gd3, ct2, ct3]) {
      const records = await recordsOf(put);
      expect(records.length).toBeGreaterThan(0);
      expected.push(...records);
    }
    const eventRecords = events.flatMap((line) => recordsFromValue(JSON.parse(line), { file: 'event', line: 1 }));
    expect(summary).toMatchObject({ received: 7 + events.length, deleted: 7 + events.length, retried: 0, deadLettered: 0, skipped: 2, objectsRead: 6, objectsAlreadyDone: 0 });
    expect(summary.records).toBe(expected.length + eventRecords.length);
    const counts = one.writer.accounting.counts;
    expect(counts.read).toBe(expected.length + eventRecords.length + 2);
    expect(counts.skipped).toBe(2);
    await store.refresh();
    const findingIds = new Set([...expected, ...eventRecords].flatMap((r) => (r.kind === 'finding' ? [r.document.finding_id] : [])));
    const eventIds = new Set(expected.flatMap((r) => (r.kind === 'cloudtrail' ? [r.document.eventID] : [])));
    expect(findingIds.size).toBeGreaterThan(3);
    expect(eventIds.size).toBe(15);
    expect(await store.count('findings')).toBe(findingIds.size);
    expect(await store.count('cloudtrail')).toBe(eventIds.size);
    const state = await store.search<{ key: string; value: { status: string } }>('state', { size: 50, query: { term: { kind: 's3-object' } } });
    expect(state.map((hit) => hit._source.key).sort()).toEqual([gd1, ct1, gd2, gd3, ct2, ct3].map((p) => objectUri(p.bucket, p.key)).sort());
    expect(new Set(state.map((hit) => hit._source.value.status))).toEqual(new Set(['done']));
    expect(await queueDepth(queueUrl)).toBe(0);
  });

  it('deletes a message only after its records are stored: a worker that dies before acknowledging leaves it to be redelivered, with the same result', async () => {
    const objects = await newBucket([...guardDutyObjects(2), ...trailObjects(2)]);
    const bodies = objects.map((put) => s3Notification([put]));

    const clean = await newStore();
    const cleanQueue = await newQueue();
    await sendAll(cleanQueue, bodies);
    await drain(worker(clean, cleanQueue));

    const store = await newStore();
    const queueUrl = await newQueue();
    await sendAll(queueUrl, bodies);
    let stored = 0;
    // Records reach OpenSearch, then the worker hangs for good: no "done", no delete, no release.
    const dying = worker(store, queueUrl, {
      workerId: 'dies',
      sink: (writer) => ({
        write: (record) => writer.write(record),
        flush: async () => {
          await writer.flush();
          stored = writer.accounting.counts.read;
          await new Promise<never>(() => undefined);
        },
      }),
    });
    void dying.consumer.receiveOnce();
    await waitFor(() => stored > 0);
    await store.refresh();
    expect(await store.count('findings')).toBeGreaterThan(0);
    expect(await queueDepth(queueUrl)).toBe(objects.length);

    // Its claims hold until the lease runs out; a worker whose clock is past it takes them over.
    const after = worker(store, queueUrl, { workerId: 'after', now: () => FIXED_NOW + LEASE_MS + 1 });
    const summary = await drain(after);
    expect(summary.objectsRead).toBe(objects.length);
    expect(await queueDepth(queueUrl)).toBe(0);
    expect(await content(store)).toEqual(await content(clean));
  });

  it('sends a poison message to the dead-letter queue after maxReceiveCount receives, backing off between them', async () => {
    const store = await newStore();
    const deadLetterQueue = await newQueue();
    const queueUrl = await newQueue({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(deadLetterQueue), maxReceiveCount: 3 }) });
    const [good] = await newBucket(trailObjects(1));
    if (!good) throw new Error('no object');
    const poison = '{"Records": [ this is not JSON';
    await sendAll(queueUrl, [poison, s3Notification([good])]);
    const maxReceives = await queueMaxReceiveCount(sqs, queueUrl);
    expect(maxReceives).toBe(3);
    const lines: string[] = [];
    const one = worker(store, queueUrl, { maxReceives: maxReceives ?? 0, deleteDeadLettered: false, log: (line) => lines.push(line) });

    const receivedAtMs: number[] = [];
    let summary = EMPTY;
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline && (await queueDepth(deadLetterQueue)) === 0) {
      const once = await one.consumer.receiveOnce();
      // A long poll returns as soon as the message is visible again: the return time is the receive time.
      if (once.retried + once.deadLettered > 0) receivedAtMs.push(Date.now());
      summary = add(summary, once);
    }
    await one.writer.flush();

    expect(summary).toMatchObject({ retried: 2, deadLettered: 1, objectsRead: 1 });
    // Hidden 1 s, then 2 s: the gaps grow, and three receives in all.
    expect(receivedAtMs).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = receivedAtMs;
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1_900);
    const moved = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterQueue, WaitTimeSeconds: 1 }));
    expect(moved.Messages?.map((m) => m.Body)).toEqual([poison]);
    expect(await queueDepth(queueUrl)).toBe(0);
    await store.refresh();
    const letters = await store.search<{ reason: string; raw: string }>('dead-letters', { size: 10 });
    expect(letters.map((hit) => hit._source.raw)).toEqual([poison]);
    expect(letters[0]?._source.reason).toMatch(/after 3 receives: not a message gdlens can read: not JSON/);
    expect(lines.some((line) => /receive 3 of 3: dead-lettered, left for the queue's redrive policy/.test(line))).toBe(true);
    expect(await store.count('cloudtrail')).toBe((await recordsOf(good)).length);
  });

  it('without a redrive policy, dead-letters a poison message in the store and deletes it', async () => {
    const store = await newStore();
    const queueUrl = await newQueue();
    const poison = JSON.stringify({ hello: 'not a notification' });
    await sendAll(queueUrl, [poison]);
    const one = worker(store, queueUrl, { maxReceives: 2, deleteDeadLettered: true });
    const summary = await drain(one, 20_000);
    expect(summary).toMatchObject({ received: 2, retried: 1, deadLettered: 1, deleted: 1 });
    expect(await queueDepth(queueUrl)).toBe(0);
    await store.refresh();
    const letters = await store.search<{ raw: string; reason: string }>('dead-letters', { size: 10 });
    expect(letters.map((hit) => hit._source.raw)).toEqual([poison]);
  });

  it('two workers with 5% duplicate deliveries end with the same store as one worker', async () => {
    const objects = await newBucket([...guardDutyObjects(6), ...trailObjects(34)]);
    const forms = [(p: Put) => s3Notification([p]), (p: Put) => snsEnvelope(s3Notification([p])), (p: Put) => eventBridgeObjectCreated(p)];
    const bodies = objects.map((put, i) => {
      const form = forms[i % forms.length];
      if (!form) throw new Error('no form');
      return form(put);
    });
    bodies.push(...fixtureLines('mozilla-foxsec-pipeline-guardduty-eventbridge-duplicates.jsonl').slice(0, 8));
    // One message in fifteen delivered twice (as an at-least-once duplicate or a repeated notification would be).
    const withDuplicates = [...bodies, ...bodies.filter((_, i) => i % 15 === 7)];
    expect(withDuplicates.length - bodies.length).toBeGreaterThanOrEqual(Math.ceil(bodies.length * 0.05));

    const single = await newStore();
    const singleQueue = await newQueue();
    await sendAll(singleQueue, withDuplicates);
    const alone = await drain(worker(single, singleQueue));
    expect(alone.objectsRead).toBe(objects.length);

    const shared = await newStore();
    const sharedQueue = await newQueue();
    await sendAll(sharedQueue, withDuplicates);
    // Visibility well above a batch's time, so a message comes back only when it asked to (an object held by the other worker).
    const [a, b] = await Promise.all([drain(worker(shared, sharedQueue, { workerId: 'a', visibilityTimeoutS: 10 })), drain(worker(shared, sharedQueue, { workerId: 'b', visibilityTimeoutS: 10 }))]);
    if (!a || !b) throw new Error('a worker returned nothing');
    // Both took part, and no object was read twice.
    expect(a.objectsRead).toBeGreaterThan(0);
    expect(b.objectsRead).toBeGreaterThan(0);
    expect(a.objectsRead + b.objectsRead).toBe(objects.length);
    expect(a.deleted + b.deleted).toBe(withDuplicates.length);
    expect(await queueDepth(sharedQueue)).toBe(0);

    const [one, two] = [await content(single), await content(shared)];
    expect(two).toEqual(one);
    const findingIds = new Set<string>();
    const eventLines = bodies.slice(objects.length);
    for (const record of [...(await Promise.all(objects.map(recordsOf))).flat(), ...eventLines.flatMap((line) => recordsFromValue(JSON.parse(line), { file: 'event', line: 1 }))]) {
      if (record.kind === 'finding') findingIds.add(record.document.finding_id);
    }
    expect(findingIds.size).toBeGreaterThan(1);
    expect(await single.count('findings')).toBe(findingIds.size);
  });

  it('a restarted worker neither re-reads nor skips: one stopped part way, another finishes', async () => {
    const store = await newStore();
    const objects = await newBucket(trailObjects(25));
    const queueUrl = await newQueue({ VisibilityTimeout: '30' });
    await sendAll(queueUrl, objects.map((put) => s3Notification([put])));
    const controller = new AbortController();
    let written = 0;
    const first = worker(store, queueUrl, {
      workerId: 'first',
      signal: controller.signal,
      // Stopped (SIGTERM) while its first batch is read: what is read is stored and acknowledged, the rest goes back.
      sink: (writer) => ({
        write: async (record) => {
          await writer.write(record);
          if (++written === 15) controller.abort();
        },
        flush: () => writer.flush(),
      }),
    });
    const stopped = await first.consumer.receiveOnce();
    await first.writer.flush();
    expect(stopped.objectsRead).toBeGreaterThan(0);
    expect(stopped.objectsRead).toBeLessThan(stopped.received);
    expect(stopped.deleted).toBe(stopped.objectsRead);

    const second = worker(store, queueUrl, { workerId: 'second' });
    const rest = await drain(second);
    expect(rest.objectsAlreadyDone).toBe(0);
    expect(stopped.objectsRead + rest.objectsRead).toBe(objects.length);
    expect(await queueDepth(queueUrl)).toBe(0);
    await store.refresh();
    expect(await store.count('cloudtrail')).toBe(objects.length * 5);
    expect(first.writer.accounting.counts.read + second.writer.accounting.counts.read).toBe(objects.length * 5);
  });

  it('gdlens ingest --sqs --once drains a queue and says what it stored', async () => {
    const store = await newStore();
    const objects = await newBucket([...guardDutyObjects(2), ...trailObjects(2)]);
    const queueUrl = await newQueue();
    await sendAll(queueUrl, [s3TestEvent(objects[0]?.bucket ?? ''), ...objects.map((put) => snsEnvelope(s3Notification([put])))]);
    const env = { AWS_REGION: sqsServer.region, AWS_ACCESS_KEY_ID: sqsServer.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: sqsServer.credentials.secretAccessKey };
    const argv = ['ingest', '--sqs', queueUrl, '--sqs-endpoint', sqsServer.endpoint, '--s3-endpoint', s3Server.endpoint, '--visibility-timeout-s', '5', '--once', '--opensearch', store.url, '--prefix', store.names.prefix];

    const run = await gdlens(argv, env);

    expect(run.err).toContain('dead-lettered after 5 receives and deleted (the queue has no redrive policy)');
    expect(run.status).toBe(0);
    let expectedRecords = 0;
    for (const put of objects) expectedRecords += (await recordsOf(put)).length;
    expect(run.out).toMatch(new RegExp(`^gdlens ingest: read=${expectedRecords + 1} .* skipped=1 rejected=0 `));
    expect(await queueDepth(queueUrl)).toBe(0);

    const misuse = await gdlens(['ingest', '--sqs', 'gd-events', '--opensearch', store.url, '--prefix', store.names.prefix], env);
    expect(misuse.status).not.toBe(0);
    expect(misuse.err).toMatch(/--sqs must be a queue URL/);
    const stray = await gdlens(['ingest', 'some-file.json', '--max-receives', '3', '--opensearch', store.url], env);
    expect(stray.err).toMatch(/--max-receives goes with --sqs/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function gdlens(argv: string[], env: Record<string, string>): Promise<CliRun> {
  return runGdlens(argv, { env, now: () => FIXED_NOW });
}
