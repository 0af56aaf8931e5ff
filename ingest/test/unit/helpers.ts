import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../src/cli/command';
import type { ParsedRecord } from '../../src/records';
import { captureContext } from '../cli-harness';

export const REAL_FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/real');

/** Line `line` (1-based) of a real fixture, parsed. */
export function fixtureRecord(file: string, line: number): Record<string, unknown> {
  const text = readFileSync(path.join(REAL_FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '')[line - 1];
  if (text === undefined) throw new Error(`${file} has no line ${line}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A real raw finding (SEKOIA, an EC2 TorRelay finding with a network connection). */
export function realInstanceFinding(): Record<string, unknown> {
  return fixtureRecord('sekoia-intake-formats-guardduty.jsonl', 7);
}

/** A real EventBridge "GuardDuty Finding" event (foxsec). */
export function realEventBridgeFinding(): Record<string, unknown> {
  return fixtureRecord('mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl', 1);
}

/** A real CloudTrail record (Stratus Red Team detonation). */
export function realCloudTrailRecord(): Record<string, unknown> {
  return fixtureRecord('stratus-red-team-detonation-logs-cloudtrail.jsonl', 1);
}

/** A temporary directory removed after the test file. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-ingest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The kinds of a list of records, for compact assertions. */
export function kinds(records: readonly ParsedRecord[]): string[] {
  return records.map((r) => r.kind);
}

/** A CLI context with captured output streams. */
export function cliContext(argv: string[], stdinText?: string | Buffer): { ctx: CommandContext; out: () => string; err: () => string } {
  const { context, out, err } = captureContext(argv, { stdin: stdinText });
  return { ctx: context, out, err };
}
