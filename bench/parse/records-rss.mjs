#!/usr/bin/env node
// Peak memory of `gdlens parse` on one big CloudTrail `{"Records":[…]}` file (one line, as
// CloudTrail writes them), against reading the same file the naive way (JSON.parse of the whole
// text). The file is generated in a temporary directory at run time and deleted afterwards.
//
//   node bench/parse/records-rss.mjs [--mb 200] [--seed 42] [--smoke]
//
// Needs the built workspaces (`npm run build`). Prints one JSON line with both peak RSS figures.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { benchArgs } from '../support/args.mjs';

const require = createRequire(import.meta.url);
const { generateRecords } = require('@gdlens/ingest/dist/generate/index.js');
const cli = require.resolve('@gdlens/ingest/dist/cli/main.js');

const { smoke, number: flag } = benchArgs();
const targetMb = flag('--mb', smoke ? 20 : 200);
const seed = flag('--seed', 42);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-rss-'));
const file = path.join(dir, 'records.json');
const preload = path.join(dir, 'report-rss.cjs');
// Loaded into each child: reports the child's own peak resident set when it exits.
writeFileSync(preload, "process.on('exit', () => process.stderr.write(`maxrss_kib=${process.resourceUsage().maxRSS}\\n`));\n");

try {
  const out = createWriteStream(file);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"Records":[');
  let written = 0;
  let records = 0;
  // One generator pass yields CloudTrail records only; repeat seeds until the size is reached.
  for (let round = 0; written < targetMb * 1024 * 1024; round++) {
    for (const record of generateRecords({ seed: seed + round, findings: 0, cloudtrail: 20000 })) {
      const text = (records === 0 ? '' : ',') + JSON.stringify(record.value);
      written += text.length;
      records += 1;
      await write(text);
      if (written >= targetMb * 1024 * 1024) break;
    }
  }
  await write(']}\n');
  out.end();
  await once(out, 'close');
  const fileMb = statSync(file).size / 1024 / 1024;

  const peakMib = (argv) => {
    const result = spawnSync(process.execPath, ['--require', preload, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const stderr = result.stderr.toString();
    const match = /maxrss_kib=(\d+)/.exec(stderr);
    return { status: result.status, peakMib: match ? Math.round(Number(match[1]) / 1024) : null, summary: stderr.split('\n').find((l) => l.startsWith('read ')) };
  };
  const gdlens = peakMib([cli, 'parse', file]);
  const naive = peakMib(['-e', `const fs=require('fs');const v=JSON.parse(fs.readFileSync(${JSON.stringify(file)},'utf8'));process.stdout.write(String(v.Records.length))`]);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'parse-records-rss',
      file_mib: Math.round(fileMb),
      records,
      gdlens_parse_peak_rss_mib: gdlens.peakMib,
      gdlens_summary: gdlens.summary,
      gdlens_status: gdlens.status,
      naive_json_parse_peak_rss_mib: naive.peakMib,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
