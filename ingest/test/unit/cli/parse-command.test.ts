import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { runCli } from '../../../src/cli/run';
import { cliContext, realCloudTrailRecord, realEventBridgeFinding, realInstanceFinding, REAL_FIXTURES, tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('gdlens parse', () => {
  it('writes one document per record, in input order, and a summary; exit 0', async () => {
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.json.gz');
    writeFileSync(a, `${JSON.stringify(realInstanceFinding())}\n${JSON.stringify(realEventBridgeFinding())}\n`);
    writeFileSync(b, gzipSync(JSON.stringify({ Records: [realCloudTrailRecord()] })));
    const { ctx, out, err } = cliContext(['parse', b, a]);
    expect(await runCli(ctx)).toBe(0);
    const documents = lines(out()).map((l) => JSON.parse(l) as { source: string; finding_id?: string });
    expect(documents.map((d) => d.source)).toEqual(['aws.cloudtrail', 'aws.guardduty', 'aws.guardduty']);
    expect(documents[1]?.finding_id).toBe('00f996e6c7804e4c8b4b61e60f5fc423');
    expect(err()).toBe('read 3, parsed 3, skipped 0, rejected 0\n');
  });

  it('reports rejected records as file:line: reason, dead-letters them whole, and exits 2', async () => {
    const input = path.join(dir, 'mixed.jsonl');
    const deadLetter = path.join(dir, 'dead.jsonl');
    const { type: _t, ...noType } = realInstanceFinding();
    writeFileSync(input, `${JSON.stringify(realInstanceFinding())}\n{"broken": \n${JSON.stringify(noType)}\n`);
    const { ctx, out, err } = cliContext(['parse', '--dead-letter', deadLetter, input]);
    expect(await runCli(ctx)).toBe(2);
    expect(lines(out())).toHaveLength(1);
    expect(lines(err())).toEqual([
      expect.stringMatching(new RegExp(`^${input}:2: invalid JSON`)),
      `${input}:3: finding 00f996e6c7804e4c8b4b61e60f5fc423 has no type`,
      'read 3, parsed 1, skipped 0, rejected 2',
    ]);
    const dead = lines(readFileSync(deadLetter, 'utf8')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(dead).toEqual([
      { file: input, line: 2, reason: expect.stringContaining('invalid JSON'), raw: '{"broken":' },
      { file: input, line: 3, reason: 'finding 00f996e6c7804e4c8b4b61e60f5fc423 has no type', raw: JSON.stringify(noType) },
    ]);
  });

  it('counts skipped records, reports them, and still exits 0', async () => {
    const input = path.join(dir, 'events.jsonl');
    writeFileSync(input, `${JSON.stringify({ 'detail-type': 'GuardDuty Malware Protection Object Scan Result', source: 'aws.guardduty', detail: {} })}\n${JSON.stringify(realEventBridgeFinding())}\n`);
    const { ctx, err } = cliContext(['parse', input]);
    expect(await runCli(ctx)).toBe(0);
    expect(lines(err())).toEqual([expect.stringMatching(new RegExp(`^${input}:1: skipped: EventBridge event "GuardDuty Malware Protection Object Scan Result"`)), 'read 2, parsed 1, skipped 1, rejected 0']);
  });

  it('reads stdin for "-"', async () => {
    const { ctx, out, err } = cliContext(['parse', '-'], gzipSync(`${JSON.stringify(realCloudTrailRecord())}\n`));
    expect(await runCli(ctx)).toBe(0);
    expect(lines(out())).toHaveLength(1);
    expect(err()).toBe('read 1, parsed 1, skipped 0, rejected 0\n');
  });

  it('reads an empty file as nothing, exit 0', async () => {
    const input = path.join(dir, 'empty.json');
    writeFileSync(input, '');
    const { ctx, out, err } = cliContext(['parse', input]);
    expect(await runCli(ctx)).toBe(0);
    expect(out()).toBe('');
    expect(err()).toBe('read 0, parsed 0, skipped 0, rejected 0\n');
  });

  it('parses the real fixtures directory with every record accounted for', async () => {
    const { ctx, out, err } = cliContext(['parse', REAL_FIXTURES]);
    // SOURCES.md sits beside the fixtures and is not JSON: its lines are rejected, so exit 2.
    expect(await runCli(ctx)).toBe(2);
    const summary = /read (\d+), parsed (\d+), skipped (\d+), rejected (\d+)\n$/.exec(err());
    const [read, parsed, skipped, rejected] = (summary ?? []).slice(1).map(Number);
    expect(read).toBe((parsed ?? 0) + (skipped ?? 0) + (rejected ?? 0));
    expect(lines(out())).toHaveLength(parsed ?? -1);
    expect(parsed).toBeGreaterThan(400);
  });

  it('fails with status 1 on a path that does not exist, after the records before it', async () => {
    const input = path.join(dir, 'one.jsonl');
    writeFileSync(input, `${JSON.stringify(realInstanceFinding())}\n`);
    const { ctx, out, err } = cliContext(['parse', input, path.join(dir, 'missing')]);
    expect(await runCli(ctx)).toBe(1);
    expect(lines(out())).toHaveLength(1);
    expect(lines(err())).toEqual(['read 1, parsed 1, skipped 0, rejected 0', expect.stringMatching(/^gdlens parse: cannot read .*missing/)]);
  });

  it('stops quietly when the reader of stdout goes away (EPIPE), with the summary so far', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ...realInstanceFinding(), id: `f${i}` })).join('\n');
    const { ctx, err } = cliContext(['parse', '-'], lines);
    const closedPipe = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    expect(await runCli({ ...ctx, stdout: closedPipe })).toBe(0);
    const summary = err().trim().split('\n').pop() ?? '';
    expect(summary).toMatch(/^read \d+, parsed \d+, skipped 0, rejected 0$/);
    expect(Number(/^read (\d+)/.exec(summary)?.[1])).toBeLessThan(3000);
  });

  it('fails with status 1 when the dead-letter file cannot be written', async () => {
    const input = path.join(dir, 'in.jsonl');
    writeFileSync(input, 'not json\n');
    const { ctx, err } = cliContext(['parse', '--dead-letter', path.join(dir, 'no-such-dir', 'dead.jsonl'), input]);
    expect(await runCli(ctx)).toBe(1);
    expect(err()).toMatch(/^gdlens parse: cannot write dead-letter file .*dead\.jsonl/);
  });

  it('fails with status 1 and the usage on a bad command line', async () => {
    for (const argv of [['parse'], ['parse', '--dead-letter'], ['parse', '--bogus', 'x']]) {
      const { ctx, err } = cliContext(argv);
      expect(await runCli(ctx)).toBe(1);
      expect(err()).toContain('usage: gdlens parse');
    }
  });
});

describe('gdlens generate', () => {
  it('writes the same lines for the same seed, and they parse', async () => {
    const first = cliContext(['generate', '--seed', '3', '--findings', '40', '--cloudtrail', '10']);
    const second = cliContext(['generate', '--seed', '3', '--findings', '40', '--cloudtrail', '10']);
    expect(await runCli(first.ctx)).toBe(0);
    expect(await runCli(second.ctx)).toBe(0);
    expect(lines(first.out())).toHaveLength(50);
    expect(first.out()).toBe(second.out());
    const parsed = cliContext(['parse', '-'], first.out());
    expect(await runCli(parsed.ctx)).toBe(0);
    expect(parsed.err()).toBe('read 50, parsed 50, skipped 0, rejected 0\n');
  });

  it('honours the time window', async () => {
    const { ctx, out } = cliContext(['generate', '--seed', '1', '--findings', '20', '--start', '2025-06-01T00:00:00Z', '--end', '2025-06-02T00:00:00Z']);
    expect(await runCli(ctx)).toBe(0);
    for (const line of lines(out())) expect((JSON.parse(line) as { updatedAt: string }).updatedAt.startsWith('2025-06-01')).toBe(true);
  });

  it('writes an S3-export tree with --out that parse reads back whole', async () => {
    const out = path.join(dir, 'bucket');
    const generated = cliContext(['generate', '--seed', '5', '--findings', '120', '--cloudtrail', '60', '--out', out]);
    expect(await runCli(generated.ctx)).toBe(0);
    expect(generated.err()).toMatch(/^wrote 180 records in \d+ objects under /);
    const parsed = cliContext(['parse', out]);
    expect(await runCli(parsed.ctx)).toBe(0);
    expect(parsed.err()).toBe('read 180, parsed 180, skipped 0, rejected 0\n');
  });

  it('needs --seed and --findings', async () => {
    const { ctx, err } = cliContext(['generate', '--findings', '3']);
    expect(await runCli(ctx)).toBe(1);
    expect(err()).toContain('--seed is required');
  });
});
