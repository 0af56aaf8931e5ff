#!/usr/bin/env node
/**
 * `npm run generate -w dashboards` writes every generated file; `--check` only compares and exits
 * 1 when the tree differs from what the generator produces.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderAll } from '../render';

const repoRoot = resolve(__dirname, '../../..');
const checkOnly = process.argv.includes('--check');
let stale = 0;
for (const [relative, content] of renderAll()) {
  const target = resolve(repoRoot, relative);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  stale += 1;
  if (checkOnly) {
    process.stderr.write(`stale: ${relative}\n`);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`wrote ${relative}\n`);
  }
}
process.exitCode = checkOnly && stale > 0 ? 1 : 0;
