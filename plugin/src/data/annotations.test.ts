import { FieldType, toDataFrame } from '@grafana/data';
import { tagMarkers } from './annotations';

describe('tagMarkers', () => {
  it('reads time, an end later than the time as a region, and the text, sorted by time', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [3_000, 1_000, 2_000] },
        { name: 'timeEnd', type: FieldType.time, values: [3_000, null, 2_500] },
        { name: 'text', type: FieldType.string, values: ['deploy v2', 'deploy v1', 'pentest Q1'] },
      ],
    });
    expect(tagMarkers([frame])).toEqual([
      { timeMs: 1_000, text: 'deploy v1' },
      { timeMs: 2_000, timeEndMs: 2_500, text: 'pentest Q1' },
      // An end equal to the start is a point, as Grafana draws it.
      { timeMs: 3_000, text: 'deploy v2' },
    ]);
  });

  it('skips rows without a time and gives none for no annotations', () => {
    const frame = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [null, 'not a date'] }] });
    expect(tagMarkers([frame])).toEqual([]);
    expect(tagMarkers(undefined)).toEqual([]);
  });
});
