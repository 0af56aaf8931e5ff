import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ParsedRecord } from '../../../src/records';
import { endOfLastLine, planRead, readChanged, type WatchedFileState } from '../../../src/sources/watched-file';
import { REAL_FIXTURES } from '../helpers';

const lines = (name: string): string[] => readFileSync(path.join(REAL_FIXTURES, name), 'utf8').split('\n').filter((line) => line.trim() !== '');
const FIRST = lines('panther-analysis-guardduty.jsonl');
const SECOND = lines('sekoia-intake-formats-guardduty.jsonl');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-watched-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One poll: what was read (kind and record lines) and the state the next poll starts from. */
async function poll(file: string, previous: WatchedFileState | undefined): Promise<{ kind: string; lines: number[]; kinds: string[]; state: WatchedFileState }> {
  const read = await readChanged(file, previous);
  const records: ParsedRecord[] = [];
  for await (const record of read.records) records.push(record);
  return { kind: read.plan.kind, lines: records.map((r) => r.origin.line), kinds: records.map((r) => r.kind), state: read.nextState() };
}

/** Moves the modification time, as a later write would, without waiting for the clock. */
function touchLater(file: string, seconds: number): void {
  const at = new Date(Date.parse('2026-01-01T00:00:00Z') + seconds * 1000);
  utimesSync(file, at, at);
}

describe('planRead', () => {
  const state: WatchedFileState = { ino: 7, size: 100, mtimeMs: 1, offset: 100, line: 5, appendable: true };
  it('reads a new, replaced or truncated file whole, and only the rest of a grown line-oriented one', () => {
    expect(planRead(undefined, { ino: 7, size: 10, mtimeMs: 1 })).toEqual({ kind: 'whole' });
    expect(planRead(state, { ino: 8, size: 200, mtimeMs: 2 })).toEqual({ kind: 'whole' });
    expect(planRead(state, { ino: 7, size: 50, mtimeMs: 2 })).toEqual({ kind: 'whole' });
    expect(planRead(state, { ino: 7, size: 100, mtimeMs: 2 })).toEqual({ kind: 'whole' });
    expect(planRead(state, { ino: 7, size: 100, mtimeMs: 1 })).toEqual({ kind: 'unchanged' });
    expect(planRead(state, { ino: 7, size: 180, mtimeMs: 2 })).toEqual({ kind: 'appended', fromByte: 100, fromLine: 5, settled: false });
  });

  it('reads a last line without newline once it stayed so for a poll, and re-reads a grown gzip or Records file whole', () => {
    expect(planRead({ ...state, offset: 90 }, { ino: 7, size: 100, mtimeMs: 1 })).toEqual({ kind: 'appended', fromByte: 90, fromLine: 5, settled: true });
    expect(planRead({ ...state, appendable: false }, { ino: 7, size: 180, mtimeMs: 2 })).toEqual({ kind: 'whole' });
    expect(planRead({ ...state, appendable: false }, { ino: 7, size: 100, mtimeMs: 1 })).toEqual({ kind: 'unchanged' });
  });
});

describe('readChanged on real files', () => {
  it('reads only what was appended to JSON Lines, numbering records by their real line', async () => {
    const file = path.join(dir, 'findings.jsonl');
    writeFileSync(file, `${FIRST.join('\n')}\n`);
    touchLater(file, 1);
    const first = await poll(file, undefined);
    expect(first.kind).toBe('whole');
    expect(first.lines).toEqual(FIRST.map((_, i) => i + 1));
    expect(first.state).toMatchObject({ offset: Buffer.byteLength(`${FIRST.join('\n')}\n`), line: FIRST.length + 1, appendable: true });

    expect((await poll(file, first.state)).kind).toBe('unchanged');

    appendFileSync(file, `${SECOND.slice(0, 3).join('\n')}\n`);
    touchLater(file, 2);
    const second = await poll(file, first.state);
    expect(second.kind).toBe('appended');
    expect(second.lines).toEqual([FIRST.length + 1, FIRST.length + 2, FIRST.length + 3]);
    expect(second.kinds).toEqual(['finding', 'finding', 'finding']);
  });

  it('leaves a half-written last line for later, and takes it once it stayed the same for a poll', async () => {
    const file = path.join(dir, 'findings.jsonl');
    writeFileSync(file, `${FIRST[0]}\n`);
    touchLater(file, 1);
    const first = await poll(file, undefined);
    const half = (SECOND[0] ?? '').slice(0, 200);
    appendFileSync(file, `${SECOND[1]}\n${half}`);
    touchLater(file, 2);
    const second = await poll(file, first.state);
    expect(second.lines).toEqual([2]);
    // The writer finishes the line.
    appendFileSync(file, `${(SECOND[0] ?? '').slice(200)}`);
    touchLater(file, 3);
    const third = await poll(file, second.state);
    // Still no newline: the line waits one more poll, then counts as complete.
    expect(third.lines).toEqual([]);
    const fourth = await poll(file, third.state);
    expect({ kind: fourth.kind, lines: fourth.lines, kinds: fourth.kinds }).toEqual({ kind: 'appended', lines: [3], kinds: ['finding'] });
    expect(fourth.state.offset).toBe(readFileSync(file).length);
  });

  it('re-reads a replaced or truncated file whole', async () => {
    const file = path.join(dir, 'findings.jsonl');
    writeFileSync(file, `${FIRST.join('\n')}\n`);
    const first = await poll(file, undefined);
    const replacement = path.join(dir, 'next.tmp');
    writeFileSync(replacement, `${[...FIRST, ...SECOND].join('\n')}\n`);
    renameSync(replacement, file);
    const replaced = await poll(file, first.state);
    expect(replaced.kind).toBe('whole');
    expect(replaced.lines).toHaveLength(FIRST.length + SECOND.length);

    truncateSync(file, 0);
    writeFileSync(file, `${SECOND[0]}\n`);
    const truncated = await poll(file, replaced.state);
    expect({ kind: truncated.kind, lines: truncated.lines }).toEqual({ kind: 'whole', lines: [1] });
  });

  it('re-reads a grown gzip file and a grown Records document whole', async () => {
    const gz = path.join(dir, 'findings.jsonl.gz');
    writeFileSync(gz, gzipSync(`${FIRST.slice(0, 2).join('\n')}\n`));
    touchLater(gz, 1);
    const first = await poll(gz, undefined);
    expect(first.state.appendable).toBe(false);
    // Firehose appends a gzip member per batch.
    appendFileSync(gz, gzipSync(`${FIRST.slice(2, 4).join('\n')}\n`));
    touchLater(gz, 2);
    const grown = await poll(gz, first.state);
    expect({ kind: grown.kind, records: grown.lines.length }).toEqual({ kind: 'whole', records: 4 });

    const trail = path.join(dir, 'trail.json');
    const events = lines('sekoia-intake-formats-cloudtrail.jsonl').map((line) => JSON.parse(line) as unknown);
    writeFileSync(trail, `${JSON.stringify({ Records: events.slice(0, 1) })}\n`);
    touchLater(trail, 1);
    const records = await poll(trail, undefined);
    expect(records.state.appendable).toBe(false);
    writeFileSync(trail, `${JSON.stringify({ Records: events.slice(0, 2) })}\n`);
    touchLater(trail, 2);
    expect((await poll(trail, records.state)).kind).toBe('whole');
  });
});

describe('endOfLastLine', () => {
  it('finds the last newline across read blocks, or none', async () => {
    const file = path.join(dir, 'long.jsonl');
    writeFileSync(file, `${'x'.repeat(10)}\n${'y'.repeat(200_000)}`);
    expect(await endOfLastLine(file, 0, 200_011)).toBe(11);
    expect(await endOfLastLine(file, 11, 200_011)).toBe(11);
  });
});
