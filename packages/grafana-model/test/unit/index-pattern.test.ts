import { formatIndexName, frontendIndexList, indicesFor, toMsearch } from '../../src';

// opensearch-datasource pkg/opensearch/client/index_pattern.go (Generate per interval, formatDate).
describe('index patterns', () => {
  const at = (iso: string) => Date.parse(iso);

  it('no interval: the database as is', () => {
    expect(indicesFor('findings-*', '', { fromMs: 0, toMs: 1 })).toEqual(['findings-*']);
  });

  it('daily prefix and suffix patterns over three days', () => {
    const range = { fromMs: at('2026-03-01T10:00:00Z'), toMs: at('2026-03-03T01:00:00Z') };
    expect(indicesFor('[logs-]YYYY.MM.DD', 'Daily', range)).toEqual(['logs-2026.03.01', 'logs-2026.03.02', 'logs-2026.03.03']);
    expect(indicesFor('YYYY.MM.DD[-logs]', 'Daily', range)).toEqual(['2026.03.01-logs', '2026.03.02-logs', '2026.03.03-logs']);
  });

  it('hourly, monthly, yearly and ISO-weekly', () => {
    expect(indicesFor('[h-]YYYY.MM.DD.HH', 'Hourly', { fromMs: at('2026-03-01T22:30:00Z'), toMs: at('2026-03-02T00:10:00Z') })).toEqual([
      'h-2026.03.01.22',
      'h-2026.03.01.23',
      'h-2026.03.02.00',
    ]);
    expect(indicesFor('[m-]YYYY.MM', 'Monthly', { fromMs: at('2026-01-31T00:00:00Z'), toMs: at('2026-03-01T00:00:00Z') })).toEqual(['m-2026.01', 'm-2026.02', 'm-2026.03']);
    expect(indicesFor('[y-]YYYY', 'Yearly', { fromMs: at('2025-12-31T00:00:00Z'), toMs: at('2026-01-01T00:00:00Z') })).toEqual(['y-2025', 'y-2026']);
    // 2026-01-01 is a Thursday of ISO week 2026-W01; the Monday before is 2025-12-29.
    expect(indicesFor('[w-]GGGG.WW', 'Weekly', { fromMs: at('2026-01-01T00:00:00Z'), toMs: at('2026-01-12T00:00:00Z') })).toEqual(['w-2026.01', 'w-2026.02', 'w-2026.03']);
  });

  it('a pattern without brackets formats to "" in the backend (why the upstream snapshots send "index":"")', () => {
    expect(formatIndexName('opensearch_dashboards_sample_data_flights', Date.UTC(2022, 10, 14))).toBe('');
    expect(frontendIndexList('[logs-]YYYY.MM.DD', 'Daily', { fromMs: at('2026-03-01T00:00:00Z'), toMs: at('2026-03-02T00:00:00Z') })).toBe('logs-2026.03.01,logs-2026.03.02');
  });

  it('the msearch header joins the indices with commas', () => {
    const result = toMsearch(
      [{ refId: 'A', metrics: [{ id: '1', type: 'logs' }] }],
      { uid: 'x', database: '[logs-]YYYY.MM.DD', interval: 'Daily', timeField: '@timestamp', version: '2.19.0' },
      { fromMs: at('2026-03-01T10:00:00Z'), toMs: at('2026-03-02T10:00:00Z') },
    );
    expect(result.requests[0]?.header.index).toBe('logs-2026.03.01,logs-2026.03.02');
  });
});
