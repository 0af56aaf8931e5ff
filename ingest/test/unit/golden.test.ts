import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { explainFindingType } from '@gdlens/finding-model';
import type { ParsedRecord } from '../../src/records';
import { readRecords } from '../../src/sources/files';

const REAL_FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/real');
const GOLDEN_DIR = path.resolve(__dirname, '../golden');
const OUR_INPUTS = path.join(GOLDEN_DIR, 'inputs');

// The explanation's wording belongs to finding-model and its own tests; the golden pins that the
// mapping uses exactly finding-model's explanation of the finding's type, not the wording itself.
const EXPLANATION_MARK = '<explainFindingType(finding_type)>';

/** One golden line: where the record was, what it became. The file name is left out (machine-specific path). */
function goldenLine(record: ParsedRecord): string {
  const where = record.origin.index === undefined ? { line: record.origin.line } : { line: record.origin.line, index: record.origin.index };
  switch (record.kind) {
    case 'finding': {
      const { document } = record;
      const explanation = document.type_explanation === explainFindingType(document.finding_type) ? EXPLANATION_MARK : document.type_explanation;
      return JSON.stringify({ ...where, kind: record.kind, document: { ...document, type_explanation: explanation } });
    }
    case 'cloudtrail':
      return JSON.stringify({ ...where, kind: record.kind, document: record.document });
    case 'skipped':
      return JSON.stringify({ ...where, kind: record.kind, reason: record.reason });
    case 'rejected':
      return JSON.stringify({ ...where, kind: record.kind, reason: record.reason.replace(record.origin.file, '<file>') });
  }
}

async function parseFile(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const record of readRecords([file])) lines.push(goldenLine(record));
  return lines;
}

function nonBlankLines(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
}

const cases = [
  ...readdirSync(REAL_FIXTURES)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name: name.replace(/\.jsonl$/, ''), input: path.join(REAL_FIXTURES, name) })),
  ...readdirSync(OUR_INPUTS)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ name: name.replace(/\.jsonl$/, ''), input: path.join(OUR_INPUTS, name) })),
];

describe('golden: every fixture record through the parse path', () => {
  it('finds the real fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$name', async ({ name, input }) => {
    const actual = await parseFile(input);
    // Every fixture is one record per line: the parse path must account for each exactly once.
    expect(actual).toHaveLength(nonBlankLines(input));
    const expectedFile = path.join(GOLDEN_DIR, `${name}.expected.jsonl`);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(expectedFile, `${actual.join('\n')}\n`);
    }
    expect(existsSync(expectedFile)).toBe(true);
    const expected = readFileSync(expectedFile, 'utf8').split('\n').filter((line) => line !== '');
    expect(actual.length).toBe(expected.length);
    actual.forEach((line, i) => {
      // Compare parsed values so a failure shows a readable field diff for the exact line.
      expect({ line: i + 1, value: JSON.parse(line) as unknown }).toEqual({ line: i + 1, value: JSON.parse(expected[i] ?? 'null') as unknown });
    });
  });
});

describe('golden: the severity boundary inputs pin every band edge', () => {
  const expected = readFileSync(path.join(GOLDEN_DIR, 'ours-severity-boundaries.expected.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { document?: { severity?: number; severity_label: string } })
    .flatMap((entry) => (entry.document?.severity === undefined ? [] : [{ severity: entry.document.severity, label: entry.document.severity_label }]));

  /** Labels with the band edges (Medium, High, Critical) shifted: what a 0.1 slip in finding-model would produce. */
  function shiftedLabel(severity: number, [medium, high, critical]: readonly number[]): string {
    if (severity >= (critical ?? 9)) return 'Critical';
    if (severity >= (high ?? 7)) return 'High';
    if (severity >= (medium ?? 4)) return 'Medium';
    return 'Low';
  }

  it('agrees with the unshifted edges', () => {
    expect(expected.length).toBeGreaterThanOrEqual(10);
    for (const { severity, label } of expected) expect(shiftedLabel(severity, [4, 7, 9])).toBe(label);
  });

  it.each([0, 1, 2])('disagrees when edge %i moves by ±0.1', (edge) => {
    for (const delta of [-0.1, 0.1]) {
      const edges = [4, 7, 9].map((value, i) => (i === edge ? Math.round((value + delta) * 10) / 10 : value));
      expect(expected.some(({ severity, label }) => shiftedLabel(severity, edges) !== label)).toBe(true);
    }
  });
});
