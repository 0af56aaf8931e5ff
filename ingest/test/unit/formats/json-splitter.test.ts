import { JsonRecordSplitter, type SplitUnit } from '../../../src/formats/json-splitter';
import { SeededRandom } from '../../../src/generate/random';

/** A random JSON value with nasty strings (quotes, backslashes, braces, escapes, non-ASCII). */
function randomValue(random: SeededRandom, depth: number): unknown {
  const strings = ['', 'plain', 'a "quoted" }{ ][ , :', 'back\\slash\\', 'tab\there', 'é😀中', '\\"', '{"Records":['];
  const kind = depth > 3 ? random.int(0, 3) : random.int(0, 5);
  if (kind === 0) return random.pick(strings);
  if (kind === 1) return random.int(-1000, 1000) / 10;
  if (kind === 2) return random.pick([true, false, null]);
  if (kind === 3) return `${random.pick(strings)}${random.hex(4)}`;
  if (kind === 4) return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = random.int(0, 5); i > 0; i -= 1) object[random.pick(strings) + String(i)] = randomValue(random, depth + 1);
  return object;
}

/** Runs the splitter over `text` cut into chunks of `chunkBytes`. */
function split(text: string | Buffer, chunkBytes = 1 << 16, options = {}): { units: SplitUnit[]; splitter: JsonRecordSplitter } {
  const splitter = new JsonRecordSplitter(options);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const units: SplitUnit[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) units.push(...splitter.push(bytes.subarray(i, i + chunkBytes)));
  units.push(...splitter.end());
  return { units, splitter };
}

function summary(units: SplitUnit[]): string[] {
  return units.map((u) => (u.kind === 'value' ? `${u.line}${u.index === undefined ? '' : `#${u.index}`}${u.element ? 'e' : ''}=${JSON.stringify(u.value)}` : `${u.line}!${u.reason}`));
}

describe('JsonRecordSplitter', () => {
  it('reads one value per line, skipping blank lines and CRLF', () => {
    expect(summary(split('{"a":1}\r\n\r\n{"b":2}\n').units)).toEqual(['1={"a":1}', '3={"b":2}']);
  });

  it('splits values concatenated with no delimiter (Firehose)', () => {
    expect(summary(split('{"a":1}{"b":"}{"}{"c":[1,2]}\n{"d":4}').units)).toEqual(['1={"a":1}', '1#1={"b":"}{"}', '1#2={"c":[1,2]}', '2={"d":4}']);
  });

  it('reads pretty-printed values spanning lines, starting at their first line', () => {
    const text = `${JSON.stringify({ a: { b: [1, 2] } }, null, 2)}\n${JSON.stringify({ c: 1 }, null, 2)}\n`;
    expect(summary(split(text).units)).toEqual(['1={"a":{"b":[1,2]}}', '9={"c":1}']);
  });

  it('streams the elements of a Records wrapper, a Findings wrapper and a top-level array', () => {
    const records = JSON.stringify({ Records: [{ r: 1 }, { r: 2 }] }, null, 2);
    const findings = '{"Findings": [{"f":1},\n{"f":2}], "NextToken": "x"}';
    const array = '[\n{"x":1},\n{"x":2}\n]';
    const text = `${records}\n${findings}\n${array}\n`;
    // Small lines go to JSON.parse whole; force scanning to check the streaming path itself.
    const { units } = split(text, 7, { wholeLineMaxBytes: 4 });
    expect(summary(units)).toEqual(['3#0e={"r":1}', '6#1e={"r":2}', '11#0e={"f":1}', '12#1e={"f":2}', '14#0e={"x":1}', '15#1e={"x":2}']);
    expect(units.filter((u) => u.kind === 'value').map((u) => u.kind === 'value' && u.hint)).toEqual(['any', 'any', 'finding', 'finding', 'any', 'any']);
  });

  it('gives the same units whatever the chunk size', () => {
    const text = `{"a":"é ü 😀"}{"b":1}\n${JSON.stringify({ Records: [{ r: 'x' }, { r: 'y' }] }, null, 1)}\n[1,\n2]\nnot json\n{"z":"\\"}"}`;
    const reference = summary(split(text, 1 << 16, { wholeLineMaxBytes: 4 }).units);
    for (const chunk of [1, 2, 3, 5, 8, 13]) expect(summary(split(text, chunk, { wholeLineMaxBytes: 4 }).units)).toEqual(reference);
    expect(reference).toHaveLength(8);
  });

  it('reports invalid JSON and scalars per line and goes on', () => {
    const units = split('not json\n42\n{"a":1}\n{"a":}\n').units;
    expect(summary(units)).toEqual([expect.stringMatching(/^1!invalid JSON/), '2=42', '3={"a":1}', expect.stringMatching(/^4!invalid JSON/)]);
  });

  it('recovers from a truncated line: the next record is read', () => {
    const units = split('{"id":"a","x":"cut here\n{"id":"b"}\n{"id":"c", "y": [\n{"id":"d"}\n').units;
    expect(summary(units)).toEqual([
      '1!invalid JSON: value starting at line 1 is truncated (line ended inside it)',
      '2={"id":"b"}',
      '3!invalid JSON: value starting at line 3 is truncated (line ended inside it)',
      '4={"id":"d"}',
    ]);
    const [first] = units;
    expect(first?.kind === 'invalid' && first.raw).toBe('{"id":"a","x":"cut here');
  });

  it('reports an unclosed value at the end with its start line', () => {
    expect(summary(split('{"a":1}\n{"Records":[{"r":1},{"r":').units)).toEqual([
      '1={"a":1}',
      '2#0e={"r":1}',
      '2!unexpected end of input: the value starting at line 2 is incomplete',
    ]);
  });

  it('folds a partial last line into the one truncation rejection', () => {
    const splitter = new JsonRecordSplitter();
    expect(summary(splitter.push(Buffer.from('{"a":1}\n{"b":'))).concat(summary(splitter.end('truncated gzip: f ends at line 2')))).toEqual(['1={"a":1}', '2!truncated gzip: f ends at line 2']);
  });

  it('names a truncation reason given at the end even with nothing open', () => {
    const splitter = new JsonRecordSplitter();
    splitter.push(Buffer.from('{"a":1}\n'));
    expect(splitter.end('truncated gzip: f ends at line 2')).toEqual([{ kind: 'invalid', reason: 'truncated gzip: f ends at line 2', raw: '', line: 2 }]);
  });

  it('reports a value larger than the limit and reads on', () => {
    const big = JSON.stringify({ pad: 'x'.repeat(5000) });
    const units = split(`${big}\n{"ok":1}\n`, 512, { maxValueBytes: 1000 }).units;
    expect(summary(units)).toEqual(['1!value starting at line 1 is larger than 1000 bytes; skipped', '2={"ok":1}']);
  });

  it('applies the size limit to each value of a long concatenated line, not to the line', () => {
    const value = JSON.stringify({ pad: 'z'.repeat(300) });
    const units = split(`${value.repeat(20)}\n`, 1 << 16, { maxValueBytes: 1000 }).units;
    expect(units).toHaveLength(20);
    expect(units.every((u) => u.kind === 'value')).toBe(true);
  });

  it('splits random objects in every layout and chunking exactly as JSON.parse reads them', () => {
    const random = new SeededRandom(2026);
    for (let round = 0; round < 40; round += 1) {
      const values = Array.from({ length: random.int(1, 6) }, () => ({ id: round, body: randomValue(random, 0) }));
      const indent = random.pick([0, 2]);
      const layout = random.pick(['lines', 'concatenated', 'records', 'array']);
      const text =
        layout === 'lines'
          ? values.map((v) => JSON.stringify(v)).join('\n')
          : layout === 'concatenated'
            ? values.map((v) => JSON.stringify(v, null, indent)).join('')
            : JSON.stringify(layout === 'records' ? { Records: values } : values, null, indent);
      const parsed = split(text, random.int(1, 64), { wholeLineMaxBytes: random.pick([8, 1 << 20]) }).units;
      // A small whole line comes back as one value (the array or wrapper) for the detector to open.
      const got = parsed.flatMap((u) => {
        if (u.kind !== 'value') return [u];
        if (!u.element && Array.isArray(u.value)) return u.value as unknown[];
        const records = (u.value as { Records?: unknown[] }).Records;
        return !u.element && records !== undefined ? records : [u.value];
      });
      const expected = values;
      expect({ layout, indent, got }).toEqual({ layout, indent, got: expected });
    }
  });

  it('holds one element at a time of a long Records line, not the line', () => {
    const element = { eventName: 'X', pad: 'y'.repeat(1000) };
    const text = JSON.stringify({ Records: Array.from({ length: 5000 }, () => element) });
    const { units, splitter } = split(text, 1 << 16, { wholeLineMaxBytes: 1 << 20 });
    expect(units).toHaveLength(5000);
    expect(text.length).toBeGreaterThan(5_000_000);
    // The line (5 MB) is over the whole-line limit (1 MiB): what is held is at most that limit.
    expect(splitter.peakBufferedBytes).toBeLessThanOrEqual((1 << 20) + (1 << 16));
  });
});
