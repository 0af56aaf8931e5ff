import { impactCounts, impactDocuments, impactSearch, impactWindows, windowLabel, type ImpactSearchResponse } from '../../../src/tags/impact';

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-01-10T02:00:00Z');

describe('impactWindows', () => {
  it('is the window before the start and the same length after it, complete once that has passed', () => {
    expect(impactWindows(START, 3 * HOUR_MS, START + 5 * HOUR_MS)).toEqual({
      beforeFromMs: START - 3 * HOUR_MS,
      startMs: START,
      afterToMs: START + 3 * HOUR_MS,
      beforeHours: 3,
      afterHours: 3,
      partial: false,
    });
  });

  it('cuts the after-window at now and marks it partial; nothing for a tag not started', () => {
    expect(impactWindows(START, 3 * HOUR_MS, START + 90 * 60_000)).toMatchObject({ afterToMs: START + 90 * 60_000, afterHours: 1.5, partial: true });
    expect(impactWindows(START, 3 * HOUR_MS, START + 3 * HOUR_MS)).toMatchObject({ partial: false });
    expect(impactWindows(START, 3 * HOUR_MS, START)).toBeUndefined();
  });
});

describe('impactSearch', () => {
  it('narrows to the account a tag names and leaves out sample and archived findings', () => {
    const windows = impactWindows(START, HOUR_MS, START + HOUR_MS);
    if (windows === undefined) throw new Error('no windows');
    const body = impactSearch(windows, '111111111111') as { query: { bool: { filter: unknown[]; must_not: unknown[] } } };
    expect(body.query.bool.filter).toContainEqual({ term: { account_id: '111111111111' } });
    expect(body.query.bool.must_not).toEqual([{ term: { sample: true } }, { term: { archived: true } }]);
    expect((impactSearch(windows, undefined) as typeof body).query.bool.filter).toHaveLength(1);
  });
});

const RESPONSE: ImpactSearchResponse = {
  aggregations: {
    windows: {
      buckets: {
        before: { occurrences: { value: 4 }, bands: { buckets: [{ key: 'High', occurrences: { value: 4 } }] }, purposes: { buckets: [{ key: 'Backdoor', occurrences: { value: 4 } }] } },
        after: {
          occurrences: { value: 2 },
          bands: { buckets: [{ key: 'Low', occurrences: { value: 1 } }, { key: 'Unknown', occurrences: { value: 1 } }] },
          purposes: { buckets: [{ key: 'Recon', occurrences: { value: 2 } }] },
        },
      },
    },
  },
};

describe('impactCounts', () => {
  it('gives all, the four bands always (and any other seen), and every purpose seen in either window', () => {
    expect(impactCounts(RESPONSE).map((r) => `${r.dimension}:${r.value} ${r.before}/${r.after}`)).toEqual([
      'all:All 4/2',
      'band:Critical 0/0',
      'band:High 4/0',
      'band:Medium 0/0',
      'band:Low 0/1',
      'band:Unknown 0/1',
      'purpose:Backdoor 4/0',
      'purpose:Recon 0/2',
    ]);
  });

  it('refuses a response without the windows aggregation', () => {
    expect(() => impactCounts({})).toThrow(/without its windows aggregation/);
  });
});

describe('impactDocuments', () => {
  it('turns counts into rates per hour (3 decimals) and ids stable per tag, window and row', () => {
    const windows = impactWindows(START, 3 * HOUR_MS, START + HOUR_MS);
    if (windows === undefined) throw new Error('no windows');
    const tag = {
      id: 'tag-1',
      document: { '@timestamp': '2026-01-10T02:00:00.000Z', name: 'v1', kind: 'deploy' as const, service: 'api', env: 'prod', recorded_by: 't', text: 'x', tags: [], ingested_at: 'x' },
    };
    const counts = impactCounts(RESPONSE);
    const [first] = impactDocuments(tag, 3 * HOUR_MS, windows, counts, START + HOUR_MS);
    expect(first?.document).toMatchObject({ before_per_hour: 1.333, after_per_hour: 2, change_per_hour: 0.667, after_hours: 1, partial: true, window: '3h' });
    expect(first?.document).not.toHaveProperty('account_id');
    const again = impactDocuments(tag, 3 * HOUR_MS, windows, counts, START + 2 * HOUR_MS);
    expect(again.map((d) => d.id)).toEqual(impactDocuments(tag, 3 * HOUR_MS, windows, counts, START + HOUR_MS).map((d) => d.id));
    expect(new Set(again.map((d) => d.id)).size).toBe(counts.length);
  });
});

describe('windowLabel', () => {
  it('names the window in the largest whole unit', () => {
    expect([windowLabel(3 * HOUR_MS), windowLabel(2 * 86_400_000), windowLabel(90 * 60_000)]).toEqual(['3h', '2d', '90m']);
  });
});
