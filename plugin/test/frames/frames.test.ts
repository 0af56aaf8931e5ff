/**
 * The plugin's test frames, made the way Grafana makes them: the real GuardDuty fixtures are mapped
 * by ingest's own finding mapping, indexed into a real OpenSearch node with ingest's mappings, and
 * the provisioned dashboard's targets go through grafana-model (the OpenSearch data source's
 * request builder and response parser). With UPDATE_FRAMES=1 the frames are written to
 * src/__fixtures__/frames/; otherwise they must equal the committed ones.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { executeMsearch, interpolateTarget, type OpenSearchTarget, toFrames, toMsearch } from '@gdlens/grafana-model';
import { requestJson, uniqueIndexName } from '@gdlens/opensearch-local';
import { recordsFromValue } from '@gdlens/ingest/dist/formats/detect';
import { FINDINGS_MAPPINGS, SHARED_SETTINGS } from '@gdlens/ingest/dist/store/mappings';
import type { FindingDocument } from '@gdlens/ingest/dist/records';

const OPENSEARCH_URL = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
const REAL_FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/real');
const FRAMES_DIR = path.resolve(__dirname, '../../src/__fixtures__/frames');
const DASHBOARD = path.resolve(__dirname, '../../provisioning/dashboards/gdlens-plugin.json');
const DAY_MS = 86_400_000;

interface DashboardPanel {
  title: string;
  options: { view: string };
  targets: OpenSearchTarget[];
}

function findingDocuments(): FindingDocument[] {
  const byId = new Map<string, FindingDocument>();
  for (const file of readdirSync(REAL_FIXTURES).filter((name) => name.includes('guardduty') && name.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(path.join(REAL_FIXTURES, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      for (const record of recordsFromValue(JSON.parse(line) as unknown, { file, line: index + 1 })) {
        // Later updates of a finding replace earlier ones, as the store keeps the latest state.
        if (record.kind === 'finding') byId.set(record.document.finding_id, record.document);
      }
    });
  }
  return [...byId.values()];
}

async function indexDocuments(index: string, documents: FindingDocument[]): Promise<void> {
  const settings = SHARED_SETTINGS as { settings: unknown; mappings: Record<string, unknown> };
  const created = await requestJson('PUT', `${OPENSEARCH_URL}/${index}`, {
    settings: settings.settings,
    mappings: { ...settings.mappings, ...FINDINGS_MAPPINGS },
  });
  expect(created.status).toBe(200);
  const ndjson = documents.map((doc) => `${JSON.stringify({ index: { _index: index, _id: doc.finding_id } })}\n${JSON.stringify(doc)}\n`).join('');
  const response = await fetch(`${OPENSEARCH_URL}/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson });
  const body = (await response.json()) as { errors: boolean; items: unknown[] };
  expect(body.errors).toBe(false);
  expect(body.items).toHaveLength(documents.length);
}

/** The dashboard's targets with its variables at "All" and, for the fixtures' years-long span, day histograms widened. */
function fixtureTarget(target: OpenSearchTarget): OpenSearchTarget {
  const variables = [
    { name: 'threat_purpose', current: '$__all', allValue: '*' },
    { name: 'resource_type_affected', current: '$__all', allValue: '*' },
  ];
  const interpolated = interpolateTarget(target, variables);
  return {
    ...interpolated,
    bucketAggs: (interpolated.bucketAggs ?? []).map((agg) =>
      agg.type === 'date_histogram' ? { ...agg, settings: { ...agg.settings, interval: '90d' } } : agg
    ),
  };
}

describe('plugin test frames from real findings', () => {
  const index = uniqueIndexName('gdlens-plugin-frames');
  const documents = findingDocuments();

  afterAll(async () => {
    await requestJson('DELETE', `${OPENSEARCH_URL}/${index}`);
  });

  it('match what the OpenSearch data source makes of the dashboard targets', async () => {
    expect(documents.length).toBeGreaterThan(20);
    await indexDocuments(index, documents);
    const times = documents.map((doc) => Date.parse(doc['@timestamp']));
    const range = { fromMs: Math.min(...times) - DAY_MS, toMs: Math.max(...times) + DAY_MS };
    const datasource = { uid: 'gdlens-findings', url: OPENSEARCH_URL, database: index, timeField: '@timestamp', version: '2.19.6' };
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: DashboardPanel[] };

    for (const panel of dashboard.panels) {
      const targets = panel.targets.map(fixtureTarget);
      const msearch = toMsearch(targets, datasource, range);
      const reply = await executeMsearch(OPENSEARCH_URL, msearch);
      const frames = targets.flatMap((target, position) => toFrames(reply.responses[position]!, target, datasource).map((frame) => ({ ...frame, refId: target.refId })));
      expect(frames.length).toBeGreaterThan(0);
      const file = path.join(FRAMES_DIR, `${panel.options.view}.json`);
      const text = `${JSON.stringify({ panel: panel.title, range, documents: documents.length, frames }, null, 1)}\n`;
      if (process.env.UPDATE_FRAMES === '1') {
        mkdirSync(FRAMES_DIR, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }
  });
});
