#!/usr/bin/env node
// Findings per second through gdlens's parse path (split the bytes into records, detect the
// form, derive the document, serialise it) against a baseline measured in the same run on the
// same bytes: split lines + JSON.parse + JSON.stringify alone, which no parser that keeps the
// finding can beat. Input: seeded, real-shaped findings of about 3 KB from `gdlens generate`.
//
//   node bench/parse/index.mjs [--findings 20000] [--rounds 5] [--seed 42] [--smoke]
//
// Needs the built workspaces (`npm run build`). Prints one JSON line; `ratio` is gdlens over the
// baseline (1.0 would mean the derivation costs nothing). The goal is ratio >= 0.7.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { benchArgs } from '../support/args.mjs';

const require = createRequire(import.meta.url);
const { generateRecords } = require('@gdlens/ingest/dist/generate/index.js');
const { readStream } = require('@gdlens/ingest/dist/sources/files.js');

const { smoke, number: flag } = benchArgs();
const findingCount = flag('--findings', smoke ? 2000 : 20000);
const rounds = flag('--rounds', smoke ? 3 : 5);
const seed = flag('--seed', 42);
const CHUNK_BYTES = 64 * 1024;

let text = '';
for (const record of generateRecords({ seed, findings: findingCount })) text += `${JSON.stringify(record.value)}\n`;
const bytes = Buffer.from(text);
const chunks = [];
for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(bytes.subarray(i, i + CHUNK_BYTES));

/** Baseline: the least any reader must do: decode, split lines, parse, serialise. */
function baseline() {
  let outBytes = 0;
  for (const line of bytes.toString('utf8').split('\n')) {
    if (line === '') continue;
    outBytes += JSON.stringify(JSON.parse(line)).length;
  }
  return outBytes;
}

/** gdlens: the same bytes through readStream (splitter, detection, mapping) and serialised documents. */
async function gdlens() {
  let outBytes = 0;
  let documents = 0;
  for await (const record of readStream(Readable.from(chunks), 'bench')) {
    if (record.kind !== 'finding') throw new Error(`unexpected ${record.kind}: ${record.reason}`);
    outBytes += JSON.stringify(record.document).length;
    documents += 1;
  }
  if (documents !== findingCount) throw new Error(`parsed ${documents} of ${findingCount}`);
  return outBytes;
}

async function rate(fn) {
  const started = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return findingCount / seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Warm-up: let V8 optimise both paths before anything is timed.
baseline();
await gdlens();

const baselineRates = [];
const gdlensRates = [];
for (let round = 0; round < rounds; round++) {
  // Alternate the order so neither path always runs on a warmer or colder heap.
  if (round % 2 === 0) {
    baselineRates.push(await rate(baseline));
    gdlensRates.push(await rate(gdlens));
  } else {
    gdlensRates.push(await rate(gdlens));
    baselineRates.push(await rate(baseline));
  }
}

const baselinePerS = median(baselineRates);
const gdlensPerS = median(gdlensRates);
const result = {
  bench: 'parse',
  findings: findingCount,
  mean_finding_bytes: Math.round(bytes.length / findingCount),
  rounds,
  baseline_findings_per_s: Math.round(baselinePerS),
  gdlens_findings_per_s: Math.round(gdlensPerS),
  ratio: Math.round((gdlensPerS / baselinePerS) * 100) / 100,
  goal_ratio: 0.7,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
