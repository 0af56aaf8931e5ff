import { parse } from 'yaml';
import { buildDashboards } from '../../src/catalog';
import { DATA_SOURCES } from '../../src/datasources';
import { dataSourcesYaml, dashboardProviderYaml, PROVISIONED_DASHBOARDS_PATH } from '../../src/provisioning';
import { exploreUrl } from '../../src/links';
import type { Panel } from '../../src/model/grafana';

interface ProvisionedDataSource {
  uid: string;
  type: string;
  url: string;
  jsonData: { database: string; timeField: string; version: string; flavor: string };
}

describe('data source provisioning', () => {
  const document = parse(dataSourcesYaml()) as { apiVersion: number; datasources: ProvisionedDataSource[] };

  it('has one OpenSearch data source per spec with fixed, unique uids and the url from the environment', () => {
    expect(document.apiVersion).toBe(1);
    expect(document.datasources.map((d) => d.uid)).toEqual(DATA_SOURCES.map((d) => d.uid));
    expect(new Set(document.datasources.map((d) => d.uid)).size).toBe(document.datasources.length);
    for (const source of document.datasources) {
      expect(source).toMatchObject({ type: 'grafana-opensearch-datasource', url: '$OPENSEARCH_URL' });
      expect(source.jsonData).toMatchObject({ flavor: 'opensearch', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      expect(source.jsonData.database).toMatch(/^gdlens-(findings|occurrences|cloudtrail|heartbeats|dead-letters|tags|tag-impact)$/);
    }
  });

  it('provides the uids the alert rules use, on the arrival time field', () => {
    const byUid = new Map(document.datasources.map((d) => [d.uid, d]));
    expect(byUid.get('gdlens-findings-arrival')?.jsonData).toMatchObject({ database: 'gdlens-findings', timeField: 'ingested_at' });
    expect(byUid.get('gdlens-cloudtrail-arrival')?.jsonData).toMatchObject({ database: 'gdlens-cloudtrail', timeField: 'ingested_at' });
    expect(byUid.get('gdlens-pipeline')?.jsonData).toMatchObject({ database: 'gdlens-heartbeats', timeField: '@timestamp' });
  });

  it('every data source variable of every dashboard defaults to a provisioned uid', () => {
    const uids = new Set(document.datasources.map((d) => d.uid));
    for (const { dashboard } of buildDashboards()) {
      for (const variable of dashboard.templating.list.filter((v) => v.type === 'datasource')) {
        expect(uids.has(String(variable.current.value))).toBe(true);
      }
    }
  });

  it('the dashboard provider reads the folder the dashboards are copied to', () => {
    const provider = parse(dashboardProviderYaml()) as { providers: Array<{ type: string; options: { path: string } }> };
    expect(provider.providers[0]).toMatchObject({ type: 'file', options: { path: PROVISIONED_DASHBOARDS_PATH } });
  });
});

describe('Explore links', () => {
  it('decode to a valid Explore state once Grafana fills the placeholders', () => {
    const url = exploreUrl('findings', 'severity_label:High AND NOT sample:true');
    const filled = url.replace('${ds_findings}', 'gdlens-findings').replace('${__from}', '1').replace('${__to}', '2').replace('${__org}', '1');
    const panes = new URL(filled, 'http://grafana').searchParams.get('panes');
    const state = JSON.parse(panes ?? '') as { gdlens: { datasource: string; queries: Array<{ query: string }>; range: { from: string; to: string } } };
    expect(state.gdlens.datasource).toBe('gdlens-findings');
    expect(state.gdlens.queries[0]?.query).toBe('severity_label:High AND NOT sample:true');
    expect(state.gdlens.range).toEqual({ from: '1', to: '2' });
  });

  it('are on every panel, carry no dashboard variable other than the data source, and open in a new tab', () => {
    for (const { dashboard } of buildDashboards()) {
      for (const panel of dashboard.panels as Panel[]) {
        const explore = panel.links?.find((l) => l.url?.startsWith('/explore?'));
        expect(explore?.targetBlank).toBe(true);
        const placeholders = [...(explore?.url ?? '').matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);
        for (const name of placeholders) expect(name).toMatch(/^(ds_[a-z_]+|__from|__to|__org)$/);
      }
    }
  });
});
