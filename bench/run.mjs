#!/usr/bin/env node
// Runs every benchmark in bench/<name>/index.mjs, one after another (two cores: never in
// parallel). `--smoke` passes a small size to each, for CI; `--only a,b` picks some.
// Each benchmark prints one JSON line per result, with its baseline ratio where it has one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;
const passThrough = onlyIndex < 0 ? args : args.filter((_arg, i) => i !== onlyIndex && i !== onlyIndex + 1);

const names = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(benchDir, entry.name, 'index.mjs')))
  .map((entry) => entry.name)
  .filter((name) => !only || only.has(name))
  .sort();

const failed = [];
for (const name of names) {
  process.stderr.write(`\n--- bench ${name} ${passThrough.join(' ')}\n`);
  const result = spawnSync(process.execPath, [path.join(benchDir, name, 'index.mjs'), ...passThrough], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  process.stderr.write(`\nbenchmarks failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
