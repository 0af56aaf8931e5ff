import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DatasourceSettings, Frame, OpenSearchTarget, TimeRange } from '../../src';

/** The read-only fixtures folder shared by the team (sibling of the repo). */
export const GRAFANA_FIXTURES = path.resolve(__dirname, '../../../../../shared/fixtures/grafana');
export const SNAPSHOT_TESTDATA = path.join(GRAFANA_FIXTURES, 'opensearch-datasource/snapshot_tests/testdata');

export function readSnapshotJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(SNAPSHOT_TESTDATA, name), 'utf8')) as T;
}

/**
 * The upstream snapshot harness (helpers_test.go, restated in SOURCES.md): a fixed range, a
 * data source whose timeField is `timestamp`, and DataQuery.Interval left at zero.
 */
export const SNAPSHOT_RANGE: TimeRange = { fromMs: 1668422437218, toMs: 1668422625668 };
export const SNAPSHOT_DATASOURCE: DatasourceSettings = {
  uid: 'snapshot',
  url: 'http://localhost:9200',
  // Daily interval on a pattern without `[...]`: the data source formats it to "", which is why
  // the upstream requests carry `"index":""`.
  database: 'opensearch_dashboards_sample_data_flights',
  interval: 'Daily',
  timeField: 'timestamp',
  version: '2.3.0',
  flavor: 'opensearch',
  maxConcurrentShardRequests: 42,
  timeInterval: '1s',
};

export function readSnapshotTargets(name: string): OpenSearchTarget[] {
  return readSnapshotJson<OpenSearchTarget[]>(name);
}

/** A `*.golden.jsonc` (grafana-plugin-sdk-go's JSON) as our plain frames. */
export function readGoldenFrames(name: string): Frame[] {
  const text = fs
    .readFileSync(path.join(SNAPSHOT_TESTDATA, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
  const golden = JSON.parse(text) as {
    frames: Array<{
      schema: { name?: string; refId?: string; meta?: Frame['meta']; fields: Array<{ name: string; type: Frame['fields'][number]['type']; labels?: Record<string, string>; config?: Record<string, unknown> }> };
      data: { values: unknown[][] };
    }>;
  };
  return golden.frames.map((frame) => {
    const out: Frame = {
      fields: frame.schema.fields.map((field, i) => {
        const converted: Frame['fields'][number] = { name: field.name, type: field.type, values: frame.data.values[i] ?? [] };
        if (field.labels) converted.labels = field.labels;
        if (field.config) converted.config = field.config;
        return converted;
      }),
    };
    if (frame.schema.name) out.name = frame.schema.name;
    if (frame.schema.refId) out.refId = frame.schema.refId;
    if (frame.schema.meta) out.meta = frame.schema.meta;
    return out;
  });
}
