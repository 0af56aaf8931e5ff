#!/usr/bin/env node
// Measures the local OpenSearch node itself: start time, resident memory, and `_bulk` throughput
// of small documents. These are the figures every other benchmark sits on.
//
//   node bench/opensearch-node/index.mjs [--docs 10000] [--batch 1000] [--smoke]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { benchArgs } from '../support/args.mjs';

const require = createRequire(import.meta.url);
const { startOpenSearch, requestJson } = require('@gdlens/opensearch-local');

const { smoke, number: flag } = benchArgs();
const docCount = flag('--docs', smoke ? 2000 : 10000);
const batchDocs = flag('--batch', 1000);

function residentMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** Small, security-log-shaped documents (≈150 B), seeded so every run sends the same bytes. */
function* smallDocs(count) {
  let state = 42;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < count; i++) {
    yield {
      '@timestamp': new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      account_id: String(100000000000 + Math.floor(next() * 20)),
      severity: Math.round(next() * 100) / 10,
      region: ['us-east-1', 'eu-west-1', 'ap-southeast-2'][Math.floor(next() * 3)],
      count: 1 + Math.floor(next() * 50),
    };
  }
}

async function bulkRound(url, index) {
  await requestJson('PUT', `${url}/${index}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' },
  });
  const bodies = [];
  let batch = '';
  let inBatch = 0;
  for (const doc of smallDocs(docCount)) {
    batch += `{"index":{}}\n${JSON.stringify(doc)}\n`;
    if (++inBatch === batchDocs) {
      bodies.push(batch);
      batch = '';
      inBatch = 0;
    }
  }
  if (batch) bodies.push(batch);
  const bytes = bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0);
  const started = performance.now();
  for (const body of bodies) {
    const { body: reply } = await requestJson('POST', `${url}/${index}/_bulk`, body);
    if (reply.errors) throw new Error('bulk reported item errors');
  }
  const elapsedMs = performance.now() - started;
  await requestJson('POST', `${url}/${index}/_refresh`);
  const { body: countReply } = await requestJson('GET', `${url}/${index}/_count`);
  if (countReply.count !== docCount) throw new Error(`indexed ${countReply.count} of ${docCount}`);
  return {
    bulk_docs_per_s: Math.round(docCount / (elapsedMs / 1000)),
    bulk_mib_per_s: Math.round((bytes / 2 ** 20 / (elapsedMs / 1000)) * 10) / 10,
    bulk_ms: Math.round(elapsedMs),
  };
}

const port = 9400 + Math.floor(Math.random() * 200);
const node = await startOpenSearch({ httpPort: port });
try {
  const rssAtStartMiB = residentMiB(node.pid);
  // The first round runs on a cold JVM (what a test run sees); the second shows the warmed-up rate.
  const rounds = [];
  for (const round of ['cold', 'warm']) {
    rounds.push({ round, ...(await bulkRound(node.url, `bench-node-bulk-${round}`)) });
  }
  const rssAfterMiB = residentMiB(node.pid);
  const result = {
    bench: 'opensearch-node',
    docs: docCount,
    batch_docs: batchDocs,
    start_ms: node.startMs,
    rss_after_start_mib: Math.round(rssAtStartMiB),
    rss_after_bulk_mib: Math.round(rssAfterMiB),
    rounds,
    warm_over_cold: Math.round((rounds[1].bulk_docs_per_s / rounds[0].bulk_docs_per_s) * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await node.stop();
}
