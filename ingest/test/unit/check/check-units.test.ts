import { readFileSync } from 'node:fs';
import path from 'node:path';
import { interpolate } from '@gdlens/grafana-model';
import { dataSourcesFromProvisioning, exitStatus, formatJsonLines, formatText, readDashboard, type PanelResult } from '../../../src/check';
import { DashboardCheckError } from '../../../src/check/errors';
import { parseTime, resolveRange } from '../../../src/check/time-range';
import { UsageError } from '../../../src/errors';

const PROVISIONING = path.resolve(__dirname, '../../../../provisioning');
const yamlFile = path.join(PROVISIONING, 'datasources/gdlens.yaml');
const overviewFile = path.join(PROVISIONING, 'dashboards/gdlens/gdlens-overview.json');

describe('data sources from the provisioning file', () => {
  const text = readFileSync(yamlFile, 'utf8');

  it('resolves each uid to its alias and time field, with the given url', () => {
    const sources = dataSourcesFromProvisioning(text, yamlFile, 'http://os:9200');
    expect(sources.get('gdlens-findings')).toMatchObject({ url: 'http://os:9200', database: 'gdlens-findings', timeField: '@timestamp', version: '2.19.6' });
    expect(sources.get('gdlens-findings-arrival')).toMatchObject({ database: 'gdlens-findings', timeField: 'ingested_at' });
    expect(sources.get('gdlens-dead-letters')).toMatchObject({ database: 'gdlens-dead-letters', timeField: 'ingested_at' });
  });

  it('follows a setup prefix', () => {
    const sources = dataSourcesFromProvisioning(text, yamlFile, 'http://os:9200', 'acme');
    expect(sources.get('gdlens-occurrences')?.database).toBe('acme-occurrences');
  });

  it('rejects a data source without a time field', () => {
    const bad = 'datasources:\n  - uid: x\n    type: grafana-opensearch-datasource\n    jsonData: { version: "2.19.0" }\n';
    expect(() => dataSourcesFromProvisioning(bad, 'bad.yaml', 'http://os')).toThrow(DashboardCheckError);
  });
});

describe('reading a dashboard', () => {
  const json = JSON.parse(readFileSync(overviewFile, 'utf8')) as unknown;

  it('keeps the variables at their defaults: All is the custom all value, toggles exclude', () => {
    const dashboard = readDashboard(json, overviewFile);
    expect(interpolate('account_id:${account_id:lucene} AND ${sample:raw} AND ${archived:raw}', dashboard.variables)).toBe(
      'account_id:* AND NOT sample:true AND NOT archived:true',
    );
    expect(dashboard.panels[0]?.targets[0]?.datasource?.uid).toBe('gdlens-findings');
  });

  it('applies --var overrides, several values for a multi-value variable', () => {
    const dashboard = readDashboard(json, overviewFile, new Map([['region', ['us-east-1', 'eu-west-1']], ['sample', ['*']]]));
    expect(interpolate('region:${region:lucene} AND ${sample:raw}', dashboard.variables)).toBe('region:("us\\-east\\-1" OR "eu\\-west\\-1") AND *');
  });

  it('keeps enabled OpenSearch annotations with their data source resolved, not the built-in one', () => {
    const dashboard = readDashboard(json, overviewFile);
    expect(dashboard.annotations.map((a) => [a.name, a.datasource?.uid, a.timeField])).toEqual([
      ['GuardDuty integrity events', 'gdlens-cloudtrail', '@timestamp'],
      ['Lifecycle tags', 'gdlens-tags', '@timestamp'],
    ]);
  });

  it('rejects an override for a variable the dashboard does not have', () => {
    expect(() => readDashboard(json, overviewFile, new Map([['nope', ['x']]]))).toThrow(DashboardCheckError);
  });
});

describe('time range', () => {
  const now = Date.parse('2026-01-10T00:00:00Z');

  it('reads ISO, epoch ms, now and now-<n><unit>', () => {
    expect(parseTime('now-7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseTime('now', now)).toBe(now);
    expect(parseTime('1700000000000', now)).toBe(1_700_000_000_000);
    expect(parseTime('2026-01-09T00:00:00Z', now)).toBe(now - 86_400_000);
    expect(() => parseTime('yesterday', now)).toThrow(UsageError);
  });

  it("defaults to the dashboard's own range and refuses an empty one", () => {
    expect(resolveRange({}, { from: 'now-30d', to: 'now' }, now)).toEqual({ fromMs: now - 30 * 86_400_000, toMs: now });
    expect(() => resolveRange({ from: 'now', to: 'now-1h' }, undefined, now)).toThrow(UsageError);
  });
});

describe('report', () => {
  const result = (status: PanelResult['status']): PanelResult => ({
    dashboard_uid: 'd',
    panel_id: 1,
    title: 't',
    status,
    latency_ms: 12,
    series: 0,
    rows: 3,
    frames: [],
  });

  it('exits 2 when a panel errors or hides documents, 0 otherwise', () => {
    expect(exitStatus([result('ok'), result('skipped')])).toBe(0);
    expect(exitStatus([result('ok'), result('empty')])).toBe(2);
    expect(exitStatus([result('error')])).toBe(2);
  });

  it('prints one line per panel and one JSON object per panel', () => {
    expect(formatText([result('ok'), result('error')])).toMatch(/^OK .* 3 rows .*12 ms\nERROR .*\n2 panels, 1 failed\n$/);
    const line = JSON.parse(formatJsonLines([result('ok')]).trim()) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['dashboard_uid', 'panel_id', 'title', 'status', 'latency_ms', 'frames']);
    const raw = [{ fields: [{ name: 'Value', type: 'number' as const, values: [1] }] }];
    const panel = JSON.parse(formatJsonLines([{ ...result('ok'), raw_frames: raw }]).trim()) as Record<string, unknown>;
    expect(panel.raw_frames).toEqual(raw);
    expect(panel.frames).toEqual([]);
  });
});
