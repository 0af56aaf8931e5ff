import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { IngestError } from '../../../src/errors';
import { readRecords } from '../../../src/sources/files';
import type { ParsedRecord } from '../../../src/records';
import { collect, kinds, realCloudTrailRecord, realEventBridgeFinding, realInstanceFinding, tempDir } from '../helpers';

const finding = realInstanceFinding();
const trail = realCloudTrailRecord();
const jsonl = (values: unknown[]): string => values.map((v) => JSON.stringify(v)).join('\n') + '\n';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function write(relative: string, content: string | Buffer): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('readRecords', () => {
  it('reads a raw S3-export .jsonl.gz under its AWSLogs path', async () => {
    const file = write('AWSLogs/111111111111/GuardDuty/eu-west-2/2023/03/20/export.jsonl.gz', gzipSync(jsonl([finding, { ...finding, id: 'b' }])));
    const records = await collect(readRecords([file]));
    expect(kinds(records)).toEqual(['finding', 'finding']);
    expect(records.map((r) => r.origin)).toEqual([
      { file, line: 1 },
      { file, line: 2 },
    ]);
  });

  it('reads an organization trail Records .json.gz and skips digest files', async () => {
    const logs = write('AWSLogs/o-abc123/111111111111/CloudTrail/us-east-1/2024/01/01/x_CloudTrail_us-east-1_20240101T0000Z_a.json.gz', gzipSync(JSON.stringify({ Records: [trail, trail, trail] })));
    const digest = write('AWSLogs/o-abc123/111111111111/CloudTrail-Digest/us-east-1/2024/01/01/x_CloudTrail-Digest_us-east-1.json.gz', gzipSync('{"digestStartTime":"x"}'));
    const records = await collect(readRecords([logs, digest]));
    expect(kinds(records)).toEqual(['cloudtrail', 'cloudtrail', 'cloudtrail', 'skipped']);
    expect(records.map((r) => r.origin.index)).toEqual([0, 1, 2, undefined]);
    expect(records[3]).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('digest'), origin: { file: digest } });
  });

  it('walks a directory of mixed formats recursively in sorted order', async () => {
    write('b/events.json', jsonl([realEventBridgeFinding()]));
    write('a/cli-output.json', JSON.stringify({ Findings: [finding] }, null, 4));
    write('c/firehose', `${JSON.stringify(finding)}${JSON.stringify(trail)}`);
    write('a/trail.json', JSON.stringify({ Records: [trail] }));
    write('d/empty.jsonl', '');
    const records = await collect(readRecords([dir]));
    expect(records.map((r) => `${path.relative(dir, r.origin.file)}:${r.kind}`)).toEqual([
      'a/cli-output.json:finding',
      'a/trail.json:cloudtrail',
      'b/events.json:finding',
      'c/firehose:finding',
      'c/firehose:cloudtrail',
    ]);
  });

  it('reads a Firehose object of CloudWatch Logs payloads: gzip members, concatenated JSON, CONTROL_MESSAGE', async () => {
    const payload = (events: unknown[]) => ({ messageType: 'DATA_MESSAGE', owner: '1', logGroup: 'g', logStream: 's', subscriptionFilters: ['f'], logEvents: events.map((e, i) => ({ id: String(i), timestamp: 0, message: JSON.stringify(e) })) });
    const control = { messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 0, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' }] };
    const members = [payload([finding, realEventBridgeFinding()]), control, payload([trail])].map((p) => gzipSync(JSON.stringify(p)));
    const file = write('firehose/2024/01/01/00/stream-1-2024-01-01-00-00-00-abc', Buffer.concat(members));
    const records = await collect(readRecords([file]));
    expect(kinds(records)).toEqual(['finding', 'finding', 'skipped', 'cloudtrail']);
    expect(records.map((r) => r.origin.index)).toEqual([0, 1, 1, 0]);
  });

  it('reads nothing from an empty file', async () => {
    expect(await collect(readRecords([write('empty.json', '')]))).toEqual([]);
  });

  it('keeps the records before a truncated gzip and rejects the rest, naming the file and line', async () => {
    const whole = gzipSync(jsonl(Array.from({ length: 400 }, (_, i) => ({ ...finding, id: `f${i}` }))));
    const file = write('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const records = await collect(readRecords([file]));
    const last = records[records.length - 1];
    expect(records.length).toBeGreaterThan(10);
    expect(kinds(records.slice(0, -1)).every((k) => k === 'finding')).toBe(true);
    expect(last).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(new RegExp(`^truncated gzip: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ends at line ${records.length}`)) });
  });

  it('rejects invalid JSON and wrong shapes per line and reads on', async () => {
    const file = write('mixed.jsonl', `${JSON.stringify(finding)}\nnot json\n[1, 2]\n"text"\n${JSON.stringify(trail)}\n`);
    const records = await collect(readRecords([file]));
    expect(records.map((r) => `${r.origin.line}:${r.kind}`)).toEqual(['1:finding', '2:rejected', '3:rejected', '3:rejected', '4:rejected', '5:cloudtrail']);
    expect(records[1]).toMatchObject({ raw: 'not json', reason: expect.stringContaining('invalid JSON') });
  });

  it('reads a 20 MB line', async () => {
    const big = { ...finding, description: 'x'.repeat(20 * 1024 * 1024) };
    const file = write('big-line.jsonl', jsonl([finding, big, finding]));
    const records = await collect(readRecords([file]));
    expect(kinds(records)).toEqual(['finding', 'finding', 'finding']);
    const second = records[1] as Extract<ParsedRecord, { kind: 'finding' }>;
    expect((second.document.detail['description'] as string).length).toBe(20 * 1024 * 1024);
  });

  it('rejects a value over maxLineBytes and reads the next one', async () => {
    const file = write('limit.jsonl', jsonl([{ ...finding, description: 'x'.repeat(5000) }, finding]));
    const records = await collect(readRecords([file], { maxLineBytes: 4096 }));
    expect(kinds(records)).toEqual(['rejected', 'finding']);
    expect(records[0]).toMatchObject({ reason: 'value starting at line 1 is larger than 4096 bytes; skipped', origin: { file, line: 1 } });
  });

  it('reads stdin for "-", gzip or not', async () => {
    const plain = await collect(readRecords(['-'], { stdin: Readable.from([Buffer.from(jsonl([finding]))]) }));
    const zipped = await collect(readRecords(['-'], { stdin: Readable.from([gzipSync(jsonl([trail]))]) }));
    expect(kinds(plain)).toEqual(['finding']);
    expect(kinds(zipped)).toEqual(['cloudtrail']);
    expect(plain[0]?.origin.file).toBe('-');
  });

  it.each([
    ['plain', (text: string) => Buffer.from(text)],
    ['gzip', (text: string) => gzipSync(text)],
  ])('throws an IngestError when a %s stream fails mid-read, after the records it could decode', async (_name, encode) => {
    const bytes = encode(jsonl(Array.from({ length: 200 }, (_, i) => ({ ...trail, eventID: `e${i}` }))));
    async function* failing(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, 4000);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    }
    const seen: ParsedRecord[] = [];
    const reading = (async () => {
      for await (const record of readRecords(['-'], { stdin: Readable.from(failing()) })) seen.push(record);
    })();
    await expect(reading).rejects.toThrow(/^cannot read -: EIO/);
    await expect(reading).rejects.toBeInstanceOf(IngestError);
    expect(seen.every((r) => r.kind === 'cloudtrail')).toBe(true);
    // Plain text hands on whole lines at once; zlib may still hold its output when the source fails.
    if (_name === 'plain') expect(seen.length).toBeGreaterThan(0);
  });

  it('throws an IngestError for a path that does not exist', async () => {
    await expect(collect(readRecords([path.join(dir, 'missing.json')]))).rejects.toBeInstanceOf(IngestError);
  });

  it('throws an IngestError for an unreadable file', async () => {
    const file = write('secret.json', '{}');
    chmodSync(file, 0o000);
    // root reads anything; only assert where permissions apply.
    if (process.getuid?.() === 0) {
      expect(kinds(await collect(readRecords([file])))).toEqual(['rejected']);
    } else {
      await expect(collect(readRecords([file]))).rejects.toBeInstanceOf(IngestError);
    }
  });

  it('passes over hidden files and folders inside a directory, but reads one given by name', async () => {
    write('inbox/.upload-in-progress.jsonl', jsonl([finding]));
    write('inbox/.cache/old.jsonl', jsonl([finding]));
    write('inbox/.gitkeep', '');
    const visible = write('inbox/done.jsonl', jsonl([trail]));
    const walked = await collect(readRecords([path.join(dir, 'inbox')]));
    expect(walked.map((r) => `${path.relative(dir, r.origin.file)}:${r.kind}`)).toEqual([`${path.relative(dir, visible)}:cloudtrail`]);
    expect(kinds(await collect(readRecords([path.join(dir, 'inbox/.upload-in-progress.jsonl')])))).toEqual(['finding']);
  });

  it('skips links inside directories unless asked to follow them', async () => {
    const target = write('elsewhere/real.json', jsonl([finding]));
    mkdirSync(path.join(dir, 'walk'));
    symlinkSync(target, path.join(dir, 'walk', 'link.json'));
    symlinkSync(path.join(dir, 'walk'), path.join(dir, 'walk', 'loop'));
    expect(await collect(readRecords([path.join(dir, 'walk')]))).toEqual([]);
    expect(kinds(await collect(readRecords([path.join(dir, 'walk')], { followSymlinks: true })))).toEqual(['finding']);
  });
});
