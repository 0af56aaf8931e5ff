import type { DatasourceSettings } from '@gdlens/grafana-model';
import { checkDashboard, exitStatus, readDashboard } from '../../src/check';
import { createTestStore, provisionedDataSources, type TestStore } from './helpers';

// The data source's annotation query asks for at most 10,000 hits; one more matching event must
// be reported, not silently left off the graphs.
const EVENTS = 10_001;
const RANGE = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2026-01-02T00:00:00Z') };

let store: TestStore;
let datasources: Map<string, DatasourceSettings>;

beforeAll(async () => {
  store = await createTestStore();
  datasources = provisionedDataSources(store);
  // Tiny events straight into the CloudTrail alias: the writer's path is not under test here.
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i += 1) {
    const at = new Date(RANGE.fromMs + i * 1000).toISOString();
    lines.push(JSON.stringify({ create: { _id: `ev-${i}` } }), JSON.stringify({ '@timestamp': at, eventName: i === 0 ? 'DeleteDetector' : 'UpdateDetector', eventSource: 'guardduty.amazonaws.com' }));
  }
  const reply = await store.client.request<{ errors: boolean }>('POST', `/${store.names.alias('cloudtrail')}/_bulk?refresh=true`, { body: `${lines.join('\n')}\n`, contentType: 'application/x-ndjson' });
  expect(reply.body.errors).toBe(false);
}, 120_000);

afterAll(async () => {
  await store.cleanup();
});

function dashboardWith(query: string) {
  return readDashboard(
    {
      uid: 'annotations',
      templating: { list: [] },
      panels: [],
      annotations: { list: [{ name: 'changes', enable: true, datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-cloudtrail' }, target: { query }, textField: 'eventName' }] },
    },
    'annotations.json',
  );
}

describe('check-dashboards annotation queries (real OpenSearch)', () => {
  it('reports an annotation that matches more events than the data source fetches', async () => {
    const [result] = await checkDashboard(dashboardWith('eventSource:"guardduty.amazonaws.com"'), { datasources, range: RANGE });
    expect(result?.status).toBe('error');
    expect(result?.rows).toBe(10_000);
    expect(result?.message).toBe(
      'shows 10000 events of at least 10000 matching: the data source fetches at most 10000 annotation hits, so the rest are not drawn; narrow the annotation query',
    );
    expect(exitStatus(result === undefined ? [] : [result])).toBe(2);
  });

  it('accepts one that fits', async () => {
    const [result] = await checkDashboard(dashboardWith('eventName:DeleteDetector'), { datasources, range: RANGE });
    expect([result?.status, result?.rows, result?.message]).toEqual(['ok', 1, undefined]);
    expect(result?.frames[0]?.fields.find((f) => f.name === 'text')?.values).toEqual(['DeleteDetector']);
  });
});
