#!/usr/bin/env node
// SQS source benchmark with the real local servers: S3Mock holds GuardDuty export objects
// (seeded generator, real export shape: gzipped JSON lines), ElasticMQ a queue of the S3 event
// notifications for them (real message shape), and 1, 2, 4… `gdlens ingest --sqs --once` worker
// processes drain it into the local OpenSearch. Prints objects and findings per second for each
// worker count, and as baseline (same run, same findings) `gdlens ingest FILE` of one file holding
// every finding: what the store alone takes, without S3, SQS and the per-object claims.
//
//   flock /tmp/gdlens-bench.lock node bench/sqs/index.mjs [--objects 10000] [--workers 1,2,4]
//     [--findings-per-object 5] [--smoke] [--url URL]
//
// Needs a built tree (`npx tsc -b tsconfig.build.json`). Prints one JSON line per worker count.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { benchArgs } from '../support/args.mjs';
import { benchOpenSearch } from '../support/opensearch.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'ingest/dist/cli/main.js');
const { OpenSearchClient } = require(path.join(repo, 'ingest/dist/opensearch/client.js'));
const { storeNames } = require(path.join(repo, 'ingest/dist/store/names.js'));
const { removeStore, setupStore } = require(path.join(repo, 'ingest/dist/store/setup.js'));
const { generateRecords } = require(path.join(repo, 'ingest/dist/generate/index.js'));
const { startS3, startSqs } = require('@gdlens/aws-local');

const { smoke, option, number, numbers } = benchArgs();
const objectCount = number('--objects', smoke ? 300 : 10000);
const workerCounts = numbers('--workers', smoke ? '1,2' : '1,2,4');
const findingsPerObject = number('--findings-per-object', 5);
for (const [flag, value] of [['--objects', objectCount], ['--findings-per-object', findingsPerObject], ...workerCounts.map((w) => ['--workers', w])]) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} must be whole numbers ≥ 1, got ${value}`);
}
const ACCOUNT = '123456789012';
const BUCKET = 'gdlens-bench-export';
const PUT_LANES = 8;
const SEND_LANES = 4;

/** Runs `task(i)` for i in [0, count) with `lanes` in flight. */
async function inLanes(count, lanes, task) {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < count) await task(next++);
  }));
}

/** GuardDuty export objects: `findingsPerObject` generated findings each, as JSON lines, gzipped. */
function exportObjects() {
  const objects = [];
  let lines = [];
  for (const record of generateRecords({ seed: 7, findings: objectCount * findingsPerObject })) {
    lines.push(JSON.stringify(record.value));
    if (lines.length === findingsPerObject) {
      const n = objects.length;
      const day = String(1 + (n % 28)).padStart(2, '0');
      const key = `AWSLogs/${ACCOUNT}/GuardDuty/us-east-1/2026/01/${day}/${n.toString(16).padStart(8, '0')}-5f41-44dd-b757-19556835054f.jsonl.gz`;
      objects.push({ key, body: gzipSync(`${lines.join('\n')}\n`), findings: lines });
      lines = [];
    }
  }
  return objects;
}

/** The body S3 sends to a queue for one created object (event notification structure 2.1). */
function notification(key, etag, size, n) {
  return JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2026-01-02T03:04:05.678Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AROAEXAMPLEROLEID:GuardDutyExport' },
        requestParameters: { sourceIPAddress: '10.0.12.34' },
        responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'gdlens-ingest',
          bucket: { name: BUCKET, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${BUCKET}` },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: etag, sequencer: `0065A1B2C3D4${n.toString(16).padStart(8, '0')}` },
        },
      },
    ],
  });
}

/** Runs `gdlens` with these arguments; resolves with its stdout once it exits 0. */
function gdlens(argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`gdlens ${argv[0]} exited ${code}: ${stderr}`))));
  });
}

async function freshStore(client, label) {
  const names = storeNames(`gdlbench-sqs-${label}-${process.pid}`);
  stores.push(names);
  await removeStore(client, names);
  await setupStore(client, { names });
  return names;
}

async function count(client, names, kind, query) {
  await client.request('POST', `/${names.prefix}-*/_refresh`);
  const reply = await client.request('POST', `/${names.alias(kind)}/_count`, { body: query ? { query } : {} });
  return reply.body.count;
}

/** State documents of objects marked done (the status is stored, not indexed: page through them). */
async function objectsDone(client, names) {
  let done = 0;
  let after;
  for (;;) {
    const reply = await client.request('POST', `/${names.alias('state')}/_search`, {
      body: { size: 5000, query: { term: { kind: 's3-object' } }, _source: ['value.status'], sort: [{ key: 'asc' }], ...(after ? { search_after: after } : {}) },
    });
    const hits = reply.body.hits.hits;
    done += hits.filter((hit) => hit._source.value?.status === 'done').length;
    if (hits.length < 5000) return done;
    after = hits[hits.length - 1].sort;
  }
}

const node = await benchOpenSearch(option('--url', process.env.OPENSEARCH_URL));
const work = mkdtempSync(path.join(tmpdir(), 'gdlens-bench-sqs-'));
const [s3Server, sqsServer] = await Promise.all([startS3({ initialBuckets: [BUCKET] }), startSqs()]);
const s3 = new S3Client({ endpoint: s3Server.endpoint, region: s3Server.region, credentials: s3Server.credentials, forcePathStyle: true });
const sqs = new SQSClient({ endpoint: sqsServer.endpoint, region: sqsServer.region, credentials: sqsServer.credentials });
const client = new OpenSearchClient({ url: node.url });
// Interrupted (Ctrl-C, kill): stop the JVMs started here and drop the stores, as a normal end does.
let stores = [];
const stopOnSignal = async () => {
  await Promise.allSettled([s3Server.stop(), sqsServer.stop(), ...stores.map((names) => removeStore(client, names)), node.stop()]);
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);
const env = { AWS_REGION: sqsServer.region, AWS_ACCESS_KEY_ID: sqsServer.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: sqsServer.credentials.secretAccessKey };
try {
  const objects = exportObjects();
  const findingTotal = objects.length * findingsPerObject;
  const uniqueFindingIds = new Set(objects.flatMap((o) => o.findings.map((line) => JSON.parse(line).id))).size;
  const putStarted = performance.now();
  const notifications = new Array(objects.length);
  await inLanes(objects.length, PUT_LANES, async (i) => {
    const { key, body } = objects[i];
    const reply = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    notifications[i] = notification(key, reply.ETag.replace(/"/g, ''), body.length, i);
  });
  const putS = (performance.now() - putStarted) / 1000;

  // Baseline: the same findings from one local file, one worker.
  const file = path.join(work, 'findings.jsonl');
  writeFileSync(file, `${objects.flatMap((o) => o.findings).join('\n')}\n`);
  const baseNames = await freshStore(client, 'file');
  const baseStarted = performance.now();
  await gdlens(['ingest', '--opensearch', node.url, '--prefix', baseNames.prefix, file], {});
  const baselineS = (performance.now() - baseStarted) / 1000;
  if ((await count(client, baseNames, 'findings')) !== uniqueFindingIds) throw new Error('baseline: findings missing');
  await removeStore(client, baseNames);
  const baselineFindingsPerS = findingTotal / baselineS;

  for (const workers of workerCounts) {
    const names = await freshStore(client, `w${workers}`);
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: `gdlens-bench-${workers}-${process.pid}`, Attributes: { VisibilityTimeout: '300' } }));
    const queueUrl = queue.QueueUrl;
    await inLanes(Math.ceil(notifications.length / 10), SEND_LANES, async (batch) => {
      const entries = notifications.slice(batch * 10, batch * 10 + 10).map((body, j) => ({ Id: String(j), MessageBody: body }));
      const reply = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      if ((reply.Failed ?? []).length > 0) throw new Error(`send failed: ${JSON.stringify(reply.Failed)}`);
    });
    const argv = ['ingest', '--sqs', queueUrl, '--sqs-endpoint', sqsServer.endpoint, '--s3-endpoint', s3Server.endpoint, '--once', '--opensearch', node.url, '--prefix', names.prefix];
    const started = performance.now();
    const summaries = await Promise.all(Array.from({ length: workers }, () => gdlens(argv, env)));
    const elapsedS = (performance.now() - started) / 1000;

    const done = await objectsDone(client, names);
    const stored = await count(client, names, 'findings');
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    const left = Number(attrs.Attributes.ApproximateNumberOfMessages) + Number(attrs.Attributes.ApproximateNumberOfMessagesNotVisible);
    if (done !== objects.length || stored !== uniqueFindingIds || left !== 0) {
      throw new Error(`${workers} workers: ${done}/${objects.length} objects done, ${stored}/${uniqueFindingIds} findings, ${left} messages left`);
    }
    await removeStore(client, names);
    const findingsPerS = findingTotal / elapsedS;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sqs',
        objects: objects.length,
        findings: findingTotal,
        workers,
        seconds: Number(elapsedS.toFixed(1)),
        objects_per_s: Math.round(objects.length / elapsedS),
        findings_per_s: Math.round(findingsPerS),
        baseline_file_findings_per_s: Math.round(baselineFindingsPerS),
        ratio_to_baseline: Number((findingsPerS / baselineFindingsPerS).toFixed(3)),
        s3_put_objects_per_s: Math.round(objects.length / putS),
        summaries,
      })}\n`,
    );
  }
} finally {
  client.close();
  s3.destroy();
  sqs.destroy();
  await Promise.all([s3Server.stop(), sqsServer.stop()]);
  rmSync(work, { recursive: true, force: true });
  await node.stop();
}
