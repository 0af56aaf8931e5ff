import { createDataFrame, FieldType } from '@grafana/data';
import { DEFAULT_FIELDS } from '../constants';
import { documents, series, termsTable } from '../test-utils/frames';
import { toFindingRows } from './rows';

describe('toFindingRows', () => {
  it('records which dimension fields the frames carried', () => {
    const { present } = toFindingRows([termsTable({ finding_type: ['A:EC2/a'], severity_label: ['High'] }, [1]), series({ threat_purpose: 'Recon' }, [[1, 1]])], DEFAULT_FIELDS);
    expect([...present].sort()).toEqual(['finding_type', 'severity_label', 'threat_purpose']);
  });

  it('skips terms rows with a zero count and series without findings', () => {
    const { rows } = toFindingRows([termsTable({ finding_type: ['A:EC2/a', 'B:EC2/b'] }, [0, 2]), series({ finding_type: 'C:EC2/c' }, [[1, 0]])], DEFAULT_FIELDS);
    expect(rows.map((row) => row.findingType)).toEqual(['B:EC2/b']);
  });

  it('reads numeric strings, numbers as account ids, and ignores unknown severity labels', () => {
    const { rows } = toFindingRows([documents([{ finding_id: 'x', finding_type: 'A:EC2/a', account_id: 123456789012, count: '3', severity_label: 'Unknown' }])], DEFAULT_FIELDS);
    expect(rows[0]).toMatchObject({ accountId: '123456789012', occurrences: 3, findings: 1 });
    expect(rows[0]!.band).toBeUndefined();
  });

  it('uses field names from the options', () => {
    const frame = createDataFrame({ fields: [{ name: 'detail.type', type: FieldType.string, values: ['A:EC2/a'] }, { name: 'Count', type: FieldType.number, values: [4] }] });
    const { rows } = toFindingRows([frame], { ...DEFAULT_FIELDS, findingTypeField: 'detail.type' });
    expect(rows).toEqual([expect.objectContaining({ findingType: 'A:EC2/a', findings: 4 })]);
  });

  it('reads the .raw and .keyword sub-fields that terms aggregations run on', () => {
    const { rows } = toFindingRows(
      [termsTable({ 'threat_purpose.raw': ['Backdoor'], 'resource_type_affected.keyword': ['EC2'] }, [2]), series({ 'severity_label.raw': 'High', 'finding_type.raw': 'Recon:EC2/Portscan' }, [[1, 3]])],
      DEFAULT_FIELDS
    );
    expect(rows).toEqual([
      expect.objectContaining({ threatPurpose: 'Backdoor', resourceType: 'EC2', findings: 2 }),
      expect.objectContaining({ band: 'High', findingType: 'Recon:EC2/Portscan', findings: 3 }),
    ]);
  });

  it('returns nothing for no frames', () => {
    expect(toFindingRows([], DEFAULT_FIELDS)).toEqual({ rows: [], present: new Set() });
  });
});
