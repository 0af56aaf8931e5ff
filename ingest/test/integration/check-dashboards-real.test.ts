import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasourceSettings } from '@gdlens/grafana-model';
import { checkDashboard, readDashboard, type PanelResult } from '../../src/check';
import type { FindingDocument } from '../../src/records';
import { versionKey } from '../../src/sink/order';
import { createTestStore, fixtureFiles, fixtureRecords, provisionedDataSources, type TestStore } from './helpers';

/**
 * The real fixtures through the real reader and writer, then the overview's band counts compared
 * with the same counts computed here from the mapped documents (the winning update per finding id).
 */
const PROVISIONING = path.resolve(__dirname, '../../../provisioning');
const RANGE = { fromMs: Date.parse('2000-01-01T00:00:00Z'), toMs: Date.parse('2030-01-01T00:00:00Z') };
const BANDS = ['Critical', 'High', 'Medium', 'Low'] as const;

let store: TestStore;
let datasources: Map<string, DatasourceSettings>;
const latest = new Map<string, FindingDocument>();

beforeAll(async () => {
  store = await createTestStore();
  datasources = provisionedDataSources(store);
  const writer = store.writer();
  for (const fixture of fixtureFiles()) {
    for (const record of fixtureRecords(fixture)) {
      await writer.write(record);
      if (record.kind !== 'finding') continue;
      const seen = latest.get(record.document.finding_id);
      // The store's documented rule: the greatest version key (updatedAt, count, content hash) wins.
      if (!seen || versionKey(record.document) > versionKey(seen)) latest.set(record.document.finding_id, record.document);
    }
  }
  await writer.flush();
  await store.refresh();
});

afterAll(async () => {
  await store.cleanup();
});

function expectedBands(includeSample: boolean): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(BANDS.map((b) => [b, 0]));
  for (const document of latest.values()) {
    if (!includeSample && document.sample) continue;
    if (document.archived === true) continue;
    const time = Date.parse(document['@timestamp']);
    if (time < RANGE.fromMs || time > RANGE.toMs) continue;
    if (document.severity_label in counts) counts[document.severity_label] = (counts[document.severity_label] ?? 0) + 1;
  }
  return counts;
}

async function bandCounts(vars: Record<string, string>): Promise<Record<string, number>> {
  const file = path.join(PROVISIONING, 'dashboards/gdlens/gdlens-overview.json');
  const dashboard = readDashboard(JSON.parse(readFileSync(file, 'utf8')), file, new Map(Object.entries(vars).map(([k, v]) => [k, [v]])));
  const results = await checkDashboard(dashboard, { datasources, range: RANGE });
  for (const result of results) expect([result.title, result.status]).toEqual([result.title, 'ok']);
  const total = (result: PanelResult | undefined): number =>
    (result?.frames ?? []).reduce((sum, frame) => sum + (frame.fields[1]?.values ?? []).reduce((a: number, v) => a + (typeof v === 'number' ? v : 0), 0), 0);
  return Object.fromEntries(BANDS.map((band) => [band, total(results.find((r) => r.title === `${band} findings`))]));
}

describe('check-dashboards on the real fixtures', () => {
  it('loads findings from several real sources', () => {
    expect(latest.size).toBeGreaterThan(10);
  });

  it('the overview band counts equal the latest state per finding, samples excluded', async () => {
    const expected = expectedBands(false);
    expect(await bandCounts({})).toEqual(expected);
  });

  it('with sample findings included, the counts add the real sample findings', async () => {
    const expected = expectedBands(true);
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBeGreaterThan(Object.values(expectedBands(false)).reduce((a, b) => a + b, 0));
    expect(await bandCounts({ sample: '*' })).toEqual(expected);
  });
});
