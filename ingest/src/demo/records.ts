import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recordsFromValue } from '../formats/detect';
import { generateRecords } from '../generate';
import type { ParsedRecord } from '../records';
import { scenarioRecords } from './scenario';
import { primaryTimeMs, rankOffsets, shiftRecord } from './shift';

export interface DemoOptions {
  /** "Now" for the demo: everything lands before it. */
  readonly nowMs: number;
  readonly seed: number;
  /** Generated finding records (updates included). */
  readonly findings: number;
  /** Generated CloudTrail records. */
  readonly cloudtrail: number;
  /** How far back the generated volume reaches. */
  readonly days: number;
  /** A folder of real `.jsonl` records to shift to now; none when undefined. */
  readonly fixturesDir?: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Real records are spread over the last day, so the default dashboard range shows all of them. */
const FIXTURE_WINDOW_MS = DAY_MS;
const FIXTURE_WINDOW_END_BEFORE_NOW_MS = 15 * MINUTE_MS;

/** What the demo loads, per part, for its summary line. */
export interface DemoPlan {
  readonly fixtureFiles: string[];
  readonly scenarioIntents: string[];
}

async function fixtureFiles(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  return names.map((name) => path.join(dir, name));
}

/**
 * Every demo record as a ParsedRecord, mapped by the same code as `gdlens parse`: real fixtures
 * shifted into the last day, seeded generated volume over the last `days`, then the scripted
 * records that make each alert fire. `plan` is filled in as the generator runs.
 */
export async function* demoRecords(options: DemoOptions, plan: DemoPlan = { fixtureFiles: [], scenarioIntents: [] }): AsyncGenerator<ParsedRecord> {
  if (options.fixturesDir !== undefined) {
    for (const file of await fixtureFiles(options.fixturesDir)) {
      plan.fixtureFiles.push(file);
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      const values = lines.map((line) => {
        if (line.trim() === '') return undefined;
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return line;
        }
      });
      const offsets = rankOffsets(values.map(primaryTimeMs), options.nowMs - FIXTURE_WINDOW_END_BEFORE_NOW_MS, FIXTURE_WINDOW_MS);
      for (let i = 0; i < values.length; i += 1) {
        const value = values[i];
        if (value === undefined) continue;
        const origin = { file, line: i + 1 };
        if (typeof value === 'string') {
          yield { kind: 'rejected', reason: 'invalid JSON', raw: value, origin };
          continue;
        }
        yield* recordsFromValue(shiftRecord(value, offsets[i] ?? 0), origin);
      }
    }
  }
  let line = 0;
  for (const generated of generateRecords({
    seed: options.seed,
    findings: options.findings,
    cloudtrail: options.cloudtrail,
    start: new Date(options.nowMs - options.days * DAY_MS).toISOString(),
    end: new Date(options.nowMs - 10 * MINUTE_MS).toISOString(),
  })) {
    line += 1;
    yield* recordsFromValue(generated.value, { file: 'demo:generated', line });
  }
  const scenario = scenarioRecords(options.nowMs, options.seed);
  for (let i = 0; i < scenario.length; i += 1) {
    const record = scenario[i];
    if (record === undefined) continue;
    plan.scenarioIntents.push(record.intent);
    yield* recordsFromValue(record.value, { file: 'demo:scenario', line: i + 1 });
  }
}
