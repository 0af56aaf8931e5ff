import { DEFAULT_FIELDS } from '../constants';
import { documents, termsTable } from '../test-utils/frames';
import { buildDecoder, sortDecoded } from './decoder';
import { toFindingRows } from './rows';

const options = { maxRows: 20, showLow: true };
const decode = (...frames: Parameters<typeof toFindingRows>[0]) => buildDecoder(toFindingRows(frames, DEFAULT_FIELDS), DEFAULT_FIELDS, options);

describe('buildDecoder', () => {
  it('totals documents per type: distinct ids, summed occurrences, distinct accounts, first and last seen', () => {
    const result = decode(
      documents([
        { finding_id: 'f1', finding_type: 'Backdoor:EC2/C&CActivity.B!DNS', severity_label: 'High', account_id: '111', count: 4, first_seen: '2026-01-01T00:00:00Z', last_seen: '2026-01-03T00:00:00Z' },
        { finding_id: 'f2', finding_type: 'Backdoor:EC2/C&CActivity.B!DNS', severity_label: 'Medium', account_id: '222', count: 1, first_seen: '2025-12-30T00:00:00Z', last_seen: '2026-01-02T00:00:00Z' },
        { finding_id: 'f3', finding_type: 'Recon:IAMUser/MaliciousIPCaller', severity_label: 'Low', account_id: '111', count: 2 },
      ]),
      // The same finding again (an updated document read twice) must not count twice.
      documents([{ finding_id: 'f1', finding_type: 'Backdoor:EC2/C&CActivity.B!DNS', severity_label: 'High', account_id: '111', count: 4 }])
    );
    if (result.kind !== 'ok') throw new Error('expected rows');
    expect(result.value.map((row) => row.findingType)).toEqual(['Backdoor:EC2/C&CActivity.B!DNS', 'Recon:IAMUser/MaliciousIPCaller']);
    const backdoor = result.value[0]!;
    expect(backdoor).toMatchObject({
      findings: 2,
      occurrences: 5,
      accounts: 2,
      highest: 'High',
      firstSeenMs: Date.parse('2025-12-30T00:00:00Z'),
      lastSeenMs: Date.parse('2026-01-03T00:00:00Z'),
    });
    expect(backdoor.parts).toMatchObject({ threatPurpose: 'Backdoor', resourceTypeAffected: 'EC2', threatFamilyName: 'C&CActivity', threatFamilyVariant: 'B', artifact: 'DNS' });
    expect(backdoor.explanation.length).toBeGreaterThan(20);
    expect(backdoor.explanation).not.toMatch(/undefined/);
  });

  it('reads a terms table with the data source metric columns', () => {
    const result = decode(
      termsTable({ finding_type: ['Trojan:EC2/DNSDataExfiltration', 'Policy:S3/BucketPublicAccessGranted'] }, [3, 1], {
        Sum: [10, 1],
        'Unique Count': [2, 1],
        Min: [1_700_000_000_000, 1_700_000_500_000],
        'Max last_seen': [1_700_100_000_000, 1_700_000_900_000],
        'Max severity': [8, 2],
      })
    );
    if (result.kind !== 'ok') throw new Error('expected rows');
    expect(result.value[0]).toMatchObject({ findingType: 'Trojan:EC2/DNSDataExfiltration', findings: 3, occurrences: 10, accounts: 2, highest: 'High', firstSeenMs: 1_700_000_000_000, lastSeenMs: 1_700_100_000_000 });
    expect(result.value[1]).toMatchObject({ highest: 'Low', findings: 1 });
  });

  it('leaves unknown values undefined rather than zero', () => {
    const result = decode(termsTable({ finding_type: ['Impact:EC2/WinRMBruteForce'] }, [2]));
    if (result.kind !== 'ok') throw new Error('expected rows');
    expect(result.value[0]!.occurrences).toBeUndefined();
    expect(result.value[0]!.accounts).toBeUndefined();
    expect(result.value[0]!.highest).toBeUndefined();
  });

  it('keeps malformed types, decoded as far as they go', () => {
    const result = decode(termsTable({ finding_type: ['not a finding type'] }, [1]));
    if (result.kind !== 'ok') throw new Error('expected rows');
    expect(result.value[0]!.findingType).toBe('not a finding type');
    expect(result.value[0]!.explanation).not.toMatch(/undefined/);
  });

  it('names finding_type when it is missing', () => {
    expect(decode(termsTable({ threat_purpose: ['Recon'] }, [1]))).toEqual({ kind: 'missing', missing: ['finding_type'] });
  });

  it('keeps maxRows types, most findings first, and drops Low when asked', () => {
    const frame = termsTable({ finding_type: ['A:EC2/x', 'B:EC2/y', 'C:EC2/z'], severity_label: ['Low', 'High', 'High'] }, [9, 5, 7]);
    const top = buildDecoder(toFindingRows([frame], DEFAULT_FIELDS), DEFAULT_FIELDS, { maxRows: 2, showLow: true });
    const noLow = buildDecoder(toFindingRows([frame], DEFAULT_FIELDS), DEFAULT_FIELDS, { maxRows: 20, showLow: false });
    if (top.kind !== 'ok' || noLow.kind !== 'ok') throw new Error('expected rows');
    expect(top.value.map((row) => row.findingType)).toEqual(['A:EC2/x', 'C:EC2/z']);
    expect(noLow.value.map((row) => row.findingType)).toEqual(['C:EC2/z', 'B:EC2/y']);
  });
});

describe('sortDecoded', () => {
  const result = buildDecoder(
    toFindingRows(
      [
        termsTable({ finding_type: ['B:EC2/b', 'A:EC2/a', 'C:EC2/c'], severity_label: ['Medium', 'Critical', 'Low'] }, [2, 1, 3], { Sum: [5, 9, 1] }),
        termsTable({ finding_type: ['D:EC2/d'] }, [1]),
      ],
      DEFAULT_FIELDS
    ),
    DEFAULT_FIELDS,
    options
  );
  const rows = result.kind === 'ok' ? result.value : [];

  it('sorts by name, severity and counts in both directions', () => {
    expect(sortDecoded(rows, 'findingType', 'asc').map((row) => row.findingType)).toEqual(['A:EC2/a', 'B:EC2/b', 'C:EC2/c', 'D:EC2/d']);
    expect(sortDecoded(rows, 'severity', 'desc').map((row) => row.highest ?? 'none')).toEqual(['Critical', 'Medium', 'Low', 'none']);
    expect(sortDecoded(rows, 'findings', 'asc').map((row) => row.findings)).toEqual([1, 1, 2, 3]);
  });

  it('puts rows without a value last whichever the direction', () => {
    expect(sortDecoded(rows, 'occurrences', 'desc').map((row) => row.occurrences)).toEqual([9, 5, 1, undefined]);
    expect(sortDecoded(rows, 'occurrences', 'asc').map((row) => row.occurrences)).toEqual([1, 5, 9, undefined]);
  });

  it('does not reorder its input', () => {
    const before = rows.map((row) => row.findingType);
    sortDecoded(rows, 'findingType', 'desc');
    expect(rows.map((row) => row.findingType)).toEqual(before);
  });
});
