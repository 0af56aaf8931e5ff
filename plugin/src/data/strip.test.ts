import { DEFAULT_FIELDS } from '../constants';
import { series, termsTable } from '../test-utils/frames';
import { toFindingRows } from './rows';
import { buildSeverityStrip } from './strip';

const strip = (frames: Parameters<typeof toFindingRows>[0], showLow = true) =>
  buildSeverityStrip(frames, toFindingRows(frames, DEFAULT_FIELDS), DEFAULT_FIELDS, { showLow });

describe('buildSeverityStrip', () => {
  it('totals each band from its series and keeps the points in time order', () => {
    const result = strip([
      series({ severity_label: 'High' }, [
        [3000, 1],
        [1000, 4],
        [2000, 0],
      ]),
      series({ severity_label: 'Critical' }, [[1000, 2]]),
      series({ severity_label: 'Low' }, [[1000, 7]]),
    ]);
    if (result.kind !== 'ok') throw new Error('expected a strip');
    expect(result.value.bands.map((band) => [band.band, band.findings])).toEqual([
      ['Critical', 2],
      ['High', 5],
      ['Medium', 0],
      ['Low', 7],
    ]);
    expect(result.value.bands[1]!.trend).toEqual([
      { timeMs: 1000, findings: 4 },
      { timeMs: 2000, findings: 0 },
      { timeMs: 3000, findings: 1 },
    ]);
    expect(result.value.bands[2]!.trend).toEqual([]);
    expect(result.value.total).toBe(14);
  });

  it('adds series of one band that arrive split further (per type or account)', () => {
    const result = strip([
      series({ severity_label: 'Medium', finding_type: 'A:EC2/a' }, [[1000, 1]]),
      series({ severity_label: 'Medium', finding_type: 'B:EC2/b' }, [[1000, 2]]),
    ]);
    if (result.kind !== 'ok') throw new Error('expected a strip');
    expect(result.value.bands[2]!.trend).toEqual([{ timeMs: 1000, findings: 3 }]);
  });

  it('drops Low when asked', () => {
    const result = strip([series({ severity_label: 'Low' }, [[1000, 7]]), series({ severity_label: 'High' }, [[1000, 1]])], false);
    if (result.kind !== 'ok') throw new Error('expected a strip');
    expect(result.value.bands.map((band) => band.band)).toEqual(['Critical', 'High', 'Medium']);
    expect(result.value.total).toBe(1);
  });

  it('falls back to totals from a terms table, without trends', () => {
    const result = strip([termsTable({ severity_label: ['High', 'Medium'] }, [3, 4])]);
    if (result.kind !== 'ok') throw new Error('expected a strip');
    expect(result.value.bands.map((band) => band.findings)).toEqual([0, 3, 4, 0]);
    expect(result.value.bands.every((band) => band.trend.length === 0)).toBe(true);
  });

  it('names the severity field when no frame carries bands', () => {
    expect(strip([series({ region: 'eu-west-1' }, [[1000, 1]])])).toEqual({ kind: 'missing', missing: ['severity_label'] });
  });
});
