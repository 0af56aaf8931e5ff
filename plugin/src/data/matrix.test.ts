import { DEFAULT_FIELDS } from '../constants';
import { documents, series, termsTable } from '../test-utils/frames';
import { buildThreatMatrix } from './matrix';
import { toFindingRows } from './rows';

const limits = { maxRows: 20, maxColumns: 20, showLow: true };

const matrixOf = (...frames: Parameters<typeof toFindingRows>[0]) => buildThreatMatrix(toFindingRows(frames, DEFAULT_FIELDS), DEFAULT_FIELDS, limits);

describe('buildThreatMatrix', () => {
  it('places terms rows by purpose and resource, with every combination as a cell', () => {
    const result = matrixOf(
      termsTable(
        {
          threat_purpose: ['Backdoor', 'Backdoor', 'Recon', 'Backdoor'],
          resource_type_affected: ['EC2', 'EC2', 'IAMUser', 'S3'],
          severity_label: ['High', 'Medium', 'Low', 'Critical'],
          finding_type: ['Backdoor:EC2/C&CActivity.B!DNS', 'Backdoor:EC2/DenialOfService.Tcp', 'Recon:IAMUser/MaliciousIPCaller', 'Backdoor:S3/Fake'],
        },
        [2, 1, 4, 1]
      )
    );
    if (result.kind !== 'ok') throw new Error('expected a matrix');
    const matrix = result.value;
    expect(matrix.threatPurposes).toEqual(['Backdoor', 'Recon']);
    expect(matrix.resourceTypes).toEqual(['IAMUser', 'EC2', 'S3']);
    expect(matrix.cells).toHaveLength(2);
    expect(matrix.cells.every((row) => row.length === 3)).toBe(true);
    const backdoorEc2 = matrix.cells[0]![1]!;
    expect(backdoorEc2).toMatchObject({ threatPurpose: 'Backdoor', resourceType: 'EC2', findings: 3, highest: 'High' });
    expect(backdoorEc2.bands).toEqual({ Critical: 0, High: 2, Medium: 1, Low: 0 });
    expect(backdoorEc2.topTypes.map((type) => [type.findingType, type.findings])).toEqual([
      ['Backdoor:EC2/C&CActivity.B!DNS', 2],
      ['Backdoor:EC2/DenialOfService.Tcp', 1],
    ]);
    expect(backdoorEc2.topTypes[0]!.explanation).toMatch(/EC2/);
    expect(matrix.cells[0]![0]).toMatchObject({ findings: 0, topTypes: [] });
    expect(matrix.cells[0]![0]!.highest).toBeUndefined();
    expect(matrix.cells[0]![2]!.highest).toBe('Critical');
    expect(matrix.hiddenFindings).toBe(0);
  });

  it('decodes purpose and resource from the finding type when the frame has only finding_type', () => {
    const result = matrixOf(termsTable({ finding_type: ['UnauthorizedAccess:EC2/SSHBruteForce', 'Recon:EC2/PortProbeUnprotectedPort'] }, [5, 2]));
    if (result.kind !== 'ok') throw new Error('expected a matrix');
    expect(result.value.threatPurposes).toEqual(['UnauthorizedAccess', 'Recon']);
    expect(result.value.resourceTypes).toEqual(['EC2']);
    expect(result.value.cells[0]![0]!.findings).toBe(5);
    expect(result.value.cells[0]![0]!.highest).toBeUndefined();
  });

  it('reads labelled series (nested terms ending in a date histogram) by summing their points', () => {
    const result = matrixOf(
      series({ threat_purpose: 'Trojan', resource_type_affected: 'EC2', severity_label: 'High' }, [
        [1000, 2],
        [2000, 0],
        [3000, 3],
      ]),
      series({ threat_purpose: 'Trojan', resource_type_affected: 'EC2', severity_label: 'Critical' }, [[1000, 1]])
    );
    if (result.kind !== 'ok') throw new Error('expected a matrix');
    expect(result.value.cells[0]![0]).toMatchObject({ findings: 6, highest: 'Critical' });
  });

  it('counts documents one each and hides Low when asked', () => {
    const frame = documents([
      { finding_id: 'a', finding_type: 'Recon:EC2/Portscan', severity_label: 'Low', threat_purpose: 'Recon', resource_type_affected: 'EC2' },
      { finding_id: 'b', finding_type: 'Recon:EC2/Portscan', severity_label: 'Medium', threat_purpose: 'Recon', resource_type_affected: 'EC2' },
    ]);
    const all = buildThreatMatrix(toFindingRows([frame], DEFAULT_FIELDS), DEFAULT_FIELDS, limits);
    const withoutLow = buildThreatMatrix(toFindingRows([frame], DEFAULT_FIELDS), DEFAULT_FIELDS, { ...limits, showLow: false });
    if (all.kind !== 'ok' || withoutLow.kind !== 'ok') throw new Error('expected matrices');
    expect(all.value.cells[0]![0]!.findings).toBe(2);
    expect(withoutLow.value.cells[0]![0]!.findings).toBe(1);
    expect(withoutLow.value.cells[0]![0]!.bands.Low).toBe(0);
  });

  it('keeps the largest rows and columns and reports what it left out', () => {
    const purposes = ['A', 'B', 'C'];
    const result = buildThreatMatrix(
      toFindingRows([termsTable({ threat_purpose: purposes, resource_type_affected: ['X', 'Y', 'Z'] }, [3, 2, 1])], DEFAULT_FIELDS),
      DEFAULT_FIELDS,
      { maxRows: 2, maxColumns: 1, showLow: true }
    );
    if (result.kind !== 'ok') throw new Error('expected a matrix');
    expect(result.value.threatPurposes).toEqual(['A', 'B']);
    expect(result.value.resourceTypes).toEqual(['X']);
    expect(result.value.hiddenFindings).toBe(3);
  });

  it('names the missing fields when neither axes nor finding types are present', () => {
    const result = matrixOf(termsTable({ severity_label: ['High'] }, [1]));
    expect(result).toEqual({ kind: 'missing', missing: ['threat_purpose', 'resource_type_affected', 'finding_type'] });
  });

  it('gives an empty matrix for frames without rows, and ignores unrelated frames', () => {
    const result = matrixOf(termsTable({ threat_purpose: [], resource_type_affected: [] }, []), termsTable({ region: ['eu-west-1'] }, [4]));
    expect(result).toEqual({ kind: 'ok', value: { threatPurposes: [], resourceTypes: [], cells: [], hiddenFindings: 0 } });
  });

  it('shapes 1,000 finding types across many purposes and resources', () => {
    const types = Array.from({ length: 1000 }, (_, index) => `Purpose${index % 40}:Resource${index % 25}/Family${index}.B`);
    const result = buildThreatMatrix(
      toFindingRows([termsTable({ finding_type: types, severity_label: types.map((_, index) => ['Critical', 'High', 'Medium', 'Low'][index % 4]!) }, types.map((_, index) => index + 1))], DEFAULT_FIELDS),
      DEFAULT_FIELDS,
      { maxRows: 100, maxColumns: 100, showLow: true }
    );
    if (result.kind !== 'ok') throw new Error('expected a matrix');
    expect(result.value.threatPurposes).toHaveLength(40);
    expect(result.value.resourceTypes).toHaveLength(25);
    const total = result.value.cells.flat().reduce((sum, cell) => sum + cell.findings, 0);
    expect(total).toBe((1000 * 1001) / 2);
  });
});
