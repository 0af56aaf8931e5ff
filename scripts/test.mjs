#!/usr/bin/env node
// The one test command (`npm test`): builds, then runs every tier in turn and ends with a single
// "N passed, N failed" line. Tiers run one after another because the machine has two cores and
// the integration tier owns a JVM.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const pluginPackage = path.join(root, 'plugin', 'package.json');
const pluginScripts = existsSync(pluginPackage) ? JSON.parse(readFileSync(pluginPackage, 'utf8')).scripts ?? {} : {};
const rootScripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};

/**
 * Each step is a command; `report` names the jest JSON report it writes (the orchestrator adds
 * `--json --outputFile=…`, after `--` when the command is an npm script).
 * @type {Array<{name: string, cmd: string[], report?: string, cwd?: string}>}
 */
const steps = [
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  { name: 'unit', cmd: ['npx', 'jest', '-c', 'jest.config.js', '--ci'], report: 'unit.json' },
  { name: 'integration', cmd: ['npx', 'jest', '-c', 'jest.integration.config.js', '--ci'], report: 'integration.json' },
];
if (pluginScripts['test:ci']) steps.push({ name: 'plugin', cmd: ['npm', 'run', 'test:ci'], cwd: 'plugin', report: 'plugin.json' });
if (pluginScripts['typecheck']) steps.push({ name: 'plugin typecheck', cmd: ['npm', 'run', 'typecheck'], cwd: 'plugin' });
if (pluginScripts['build']) steps.push({ name: 'plugin build', cmd: ['npm', 'run', 'build'], cwd: 'plugin' });
if (pluginScripts['test:browser']) steps.push({ name: 'browser', cmd: ['npm', 'run', 'test:browser'], cwd: 'plugin', report: 'browser.json' });
if (rootScripts['bench:smoke']) steps.push({ name: 'bench smoke', cmd: ['npm', 'run', 'bench:smoke'] });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const step of steps) {
  const args = [...step.cmd];
  if (step.report) {
    if (args[0] === 'npm') args.push('--');
    args.push('--json', `--outputFile=${path.join(resultsDir, step.report)}`);
  }
  const started = Date.now();
  process.stderr.write(`\n=== ${step.name}: ${args.join(' ')}\n`);
  const result = spawnSync(args[0], args.slice(1), { cwd: path.join(root, step.cwd ?? '.'), stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const file = step.report;
  if (file && existsSync(path.join(resultsDir, file))) {
    const report = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) failed += report.numFailedTestSuites;
  }
  process.stderr.write(`=== ${step.name}: exit ${result.status ?? result.signal} after ${seconds} s\n`);
  if (result.status !== 0) {
    failures.push(step.name);
    if (file === undefined || !existsSync(path.join(resultsDir, file))) failed += 1;
    if (step.name === 'build') break;
  }
}
if (failures.length > 0) process.stderr.write(`\nfailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\ngdlens: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
