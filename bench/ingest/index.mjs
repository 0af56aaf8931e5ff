#!/usr/bin/env node
// End-to-end ingest benchmark on the real local OpenSearch node: findings per second through
// `gdlens ingest`, against a baseline measured in the same run: the very bulk bodies gdlens sent
// (same actions, same stored scripts, same documents), recorded, pre-serialised and replayed with
// the same client at the same concurrency. Also: plain `index` operations of the same documents
// (no scripts, no occurrences), to show what the update-aware design costs, and the worker's peak
// RSS at each size.
//
//   flock /tmp/gdlens-os.lock node bench/ingest/index.mjs [--sizes 10000,100000] [--smoke] [--url URL]
//
// Needs a built tree (`npx tsc -b tsconfig.build.json`). Prints one JSON line per size.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../support/args.mjs';
import { benchOpenSearch } from '../support/opensearch.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'ingest/dist/cli/main.js');
const { NdjsonChunks, OpenSearchClient } = require(path.join(repo, 'ingest/dist/opensearch/client.js'));
const { storeNames } = require(path.join(repo, 'ingest/dist/store/names.js'));
const { removeStore, setupStore } = require(path.join(repo, 'ingest/dist/store/setup.js'));
const { BulkWriter } = require(path.join(repo, 'ingest/dist/sink/writer.js'));
const { readRecords } = require(path.join(repo, 'ingest/dist/sources/files.js'));

const { smoke, option, number, numbers } = benchArgs();
const sizes = numbers('--sizes', smoke ? '2000' : '10000,100000');
const node = await benchOpenSearch(option('--url', process.env.OPENSEARCH_URL));
const url = node.url;
// Two cores shared with the node: alternate gdlens and baseline runs and keep each one's best,
// so a burst of load on the machine does not decide the ratio.
const repeats = number('--repeat', smoke ? 1 : 2);
const concurrency = 2;
const flushCount = 1000;
const work = mkdtempSync(path.join(tmpdir(), 'gdlens-bench-ingest-'));

/** A bulk body as bytes, whichever form the writer passed it in (chunks, buffer or string). */
function bodyBytes(body) {
  if (body instanceof NdjsonChunks) return Buffer.concat(body.chunks);
  return Buffer.isBuffer(body) ? body : Buffer.from(body);
}

/**
 * A real client that also writes every `_bulk` body it sends to a file, for the baseline replay:
 * each body as a 4-byte length and its bytes (a body is NDJSON itself, so no newline can frame it).
 */
class RecordingClient extends OpenSearchClient {
  constructor(options, fd) {
    super(options);
    this.fd = fd;
  }
  async request(method, requestPath, options = {}) {
    if (requestPath.startsWith('/_bulk')) {
      const bytes = bodyBytes(options.body);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      writeSync(this.fd, length);
      writeSync(this.fd, bytes);
    }
    return super.request(method, requestPath, options);
  }
}

/**
 * The recorded bodies, each in its own buffer: outside the JS heap, so a million findings'
 * bodies (about 3 GB) fit, and the replay only writes them to the socket.
 */
function loadBodies(file) {
  const fd = openSync(file, 'r');
  const bodies = [];
  const length = Buffer.alloc(4);
  try {
    while (readSync(fd, length, 0, 4, null) === 4) {
      const body = Buffer.allocUnsafe(length.readUInt32BE(0));
      if (readSync(fd, body, 0, body.length, null) !== body.length) throw new Error(`${file}: truncated body`);
      bodies.push(body);
    }
  } finally {
    closeSync(fd);
  }
  return bodies;
}

async function freshStore(client, label) {
  const names = storeNames(`gdlbench-${label}-${process.pid}`);
  await removeStore(client, names);
  await setupStore(client, { names });
  return names;
}

/** Runs the CLI as a user would and samples its peak RSS (VmHWM) until it exits. */
function timedCli(file, names) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'ingest', '--opensearch', url, '--prefix', names.prefix, '--concurrency', String(concurrency), '--flush-count', String(flushCount), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakKiB = 0;
    const sample = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // The process has exited between samples.
      }
    }, 100);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sample);
      if (code !== 0) reject(new Error(`gdlens ingest exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms: performance.now() - started, peakRssMiB: Math.round(peakKiB / 1024), summary: stdout.trim() });
    });
  });
}

/** Sends pre-serialised bulk bodies with `concurrency` in flight, in recorded order. */
async function replay(client, bodies) {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const reply = await client.request('POST', '/_bulk?require_alias=true', { body });
      if (reply.body.errors && reply.body.items.some((item) => Object.values(item)[0].status >= 500)) throw new Error('baseline bulk failed');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return performance.now() - started;
}

async function runSize(size) {
  const client = new OpenSearchClient({ url });
  const input = path.join(work, `findings-${size}.jsonl`);
  const generated = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" generate --seed 7 --findings ${size} > "${input}"`]);
  if (generated.status !== 0) throw new Error(`generate failed: ${generated.stderr}`);

  // 1. Record the bulk bodies gdlens sends (in-process, untimed).
  const recordedFile = path.join(work, `bulks-${size}.bin`);
  const fd = openSync(recordedFile, 'w');
  const recordNames = await freshStore(client, 'rec');
  const recorder = new RecordingClient({ url }, fd);
  const writer = new BulkWriter({ client: recorder, names: recordNames, now: Date.now, concurrency, limits: { flushCount, flushBytes: 5_000_000 } });
  for await (const record of readRecords([input])) await writer.write(record);
  await writer.flush();
  closeSync(fd);
  recorder.close();
  await removeStore(client, recordNames);
  const bodies = loadBodies(recordedFile);
  rmSync(recordedFile, { force: true });

  // 2 and 3, alternated: gdlens end to end as a child process, then the baseline: the same
  // bodies, pre-serialised, sent with the same client into a fresh store of the recording's
  // names (so the bodies need no rewriting).
  let gdlens;
  let baselineMs = Infinity;
  for (let round = 0; round < repeats; round += 1) {
    const gdlensNames = await freshStore(client, 'gd');
    const run = await timedCli(input, gdlensNames);
    await removeStore(client, gdlensNames);
    if (!gdlens || run.ms < gdlens.ms) gdlens = { ...run, peakRssMiB: Math.max(run.peakRssMiB, gdlens?.peakRssMiB ?? 0) };
    await freshStore(client, 'rec');
    baselineMs = Math.min(baselineMs, await replay(client, bodies));
    await removeStore(client, recordNames);
  }

  // 4. Plain index operations of the same documents: what a naive "append everything" would cost.
  const plainNames = await freshStore(client, 'plain');
  const plainBodies = [];
  let batch = '';
  let inBatch = 0;
  const findingsAlias = plainNames.alias('findings');
  for await (const record of readRecords([input])) {
    if (record.kind !== 'finding') continue;
    batch += `{"index":{"_index":"${findingsAlias}"}}\n${JSON.stringify({ ...record.document, ingested_at: new Date().toISOString() })}\n`;
    if (++inBatch === flushCount) {
      // As bytes, outside the JS heap: a million documents' bodies do not fit in it as strings.
      plainBodies.push(Buffer.from(batch));
      batch = '';
      inBatch = 0;
    }
  }
  if (batch) plainBodies.push(Buffer.from(batch));
  const plainMs = await replay(client, plainBodies);
  await removeStore(client, plainNames);
  client.close();
  rmSync(input, { force: true });

  const rate = (ms) => Math.round(size / (ms / 1000));
  return {
    bench: 'ingest',
    size,
    gdlens_findings_per_s: rate(gdlens.ms),
    baseline_findings_per_s: rate(baselineMs),
    ratio_to_baseline: Number((baselineMs / gdlens.ms).toFixed(3)),
    plain_index_findings_per_s: rate(plainMs),
    update_aware_cost: Number((baselineMs / plainMs).toFixed(2)),
    worker_peak_rss_mib: gdlens.peakRssMiB,
    bulk_requests: bodies.length,
    concurrency,
    flush_count: flushCount,
    repeats,
    summary: gdlens.summary,
  };
}

try {
  for (const size of sizes) process.stdout.write(`${JSON.stringify(await runSize(size))}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await node.stop();
}
