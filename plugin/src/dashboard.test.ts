/**
 * The provisioned dashboard (provisioning/dashboards/gdlens-plugin.json): valid Grafana dashboard
 * JSON (the foundation SDK's schema of the classic model), one panel per view with options the
 * plugin knows, OpenSearch Lucene targets, and the variables the matrix sets.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { DEFAULT_OPTIONS, MATRIX_VARIABLES } from './constants';
import { withoutAnnotationDataSourceKeys } from './test-utils/annotationKeys';

const DASHBOARD = path.resolve(__dirname, '../provisioning/dashboards/gdlens-plugin.json');
const SCHEMA = path.resolve(__dirname, '../../../shared/fixtures/grafana/schemas/dashboard.jsonschema.json');

interface Target {
  refId: string;
  datasource: { type: string; uid: string };
  queryType: string;
  query: string;
  metrics: Array<{ id: string; type: string; field?: string }>;
  bucketAggs: Array<{ id: string; type: string; field: string; settings: Record<string, string> }>;
}

interface Panel {
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  options: Record<string, unknown>;
  targets: Target[];
  gridPos: { x: number; y: number; w: number; h: number };
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[]; templating: { list: Array<{ name: string }> } };

describe('the provisioned plugin dashboard', () => {
  it('validates against the Grafana dashboard schema', () => {
    // "date-time" appears only on snapshot metadata this dashboard does not carry.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const valid = validate(withoutAnnotationDataSourceKeys(dashboard));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has one gdlens panel per view, on the gdlens OpenSearch data source', () => {
    expect(dashboard.panels.map((panel) => panel.options.view).sort()).toEqual(['decoder', 'matrix', 'strip']);
    for (const panel of dashboard.panels) {
      expect(panel.type).toBe('gdlens-findings-panel');
      expect(panel.datasource).toEqual({ type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' });
      expect(Object.keys(panel.options).sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
      for (const target of panel.targets) {
        expect(target.datasource).toEqual(panel.datasource);
        expect(target.queryType).toBe('lucene');
        expect(target.metrics.length).toBeGreaterThan(0);
        // Settings values are strings, as the data source's editor writes them.
        for (const agg of target.bucketAggs) for (const value of Object.values(agg.settings)) expect(typeof value).toBe('string');
      }
    }
  });

  it('queries terms on purpose, resource, band and type, ending in a histogram, for the matrix', () => {
    const matrix = dashboard.panels.find((panel) => panel.options.view === 'matrix')!;
    expect(matrix.targets[0]!.bucketAggs.map((agg) => [agg.type, agg.field])).toEqual([
      ['terms', 'threat_purpose.raw'],
      ['terms', 'resource_type_affected.raw'],
      ['terms', 'severity_label.raw'],
      ['terms', 'finding_type.raw'],
      ['date_histogram', '@timestamp'],
    ]);
    expect(matrix.targets[0]!.metrics).toEqual([{ id: '1', type: 'count' }]);
  });

  it('defines the variables the matrix sets, and filters the other panels by them', () => {
    const names = dashboard.templating.list.map((variable) => variable.name);
    for (const variable of Object.values(MATRIX_VARIABLES)) expect(names).toContain(variable.replace(/^var-/, ''));
    for (const panel of dashboard.panels.filter((panel) => panel.options.view !== 'matrix')) {
      expect(panel.targets[0]!.query).toContain('${threat_purpose:lucene}');
      expect(panel.targets[0]!.query).toContain('${resource_type_affected:lucene}');
    }
  });

  it('draws lifecycle tags from the tags data source, windows as regions, filtered by the env variable', () => {
    const { annotations, templating } = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
      annotations: { list: Array<Record<string, unknown>> };
      templating: { list: Array<Record<string, unknown>> };
    };
    expect(annotations.list).toEqual([
      expect.objectContaining({
        name: 'Lifecycle tags',
        enable: true,
        datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-tags' },
        target: { refId: 'annotation_query', query: 'env:${env:lucene}' },
        timeField: '@timestamp',
        timeEndField: 'end',
        textField: 'text',
      }),
    ]);
    expect(templating.list.find((variable) => variable.name === 'env')).toMatchObject({
      datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-tags' },
      multi: true,
      includeAll: true,
      allValue: '*',
      current: { value: ['$__all'] },
    });
  });

  it('lays the panels out without overlap on the 24-column grid', () => {
    const cells = new Set<string>();
    for (const { gridPos } of dashboard.panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});
