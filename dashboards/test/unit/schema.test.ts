import { buildDashboards } from '../../src/catalog';
import { DATA_SOURCES } from '../../src/datasources';
import { importForm } from '../../src/forms/import';
import { provisionedForm } from '../../src/forms/provisioned';
import type { Dashboard, ImportDashboard, Panel } from '../../src/model/grafana';
import { dashboardValidator, errorsOf, panelDefinitionValidator } from './schema-helpers';

/** Annotation entries may carry OpenSearch keys (timeField, textField, tagsField) the schema does not list. */
const ANNOTATION_DATASOURCE_KEYS = ['timeField', 'textField', 'tagsField', 'timeEndField'];

function withoutAnnotationDataSourceKeys(dashboard: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(dashboard) as { annotations: { list: Record<string, unknown>[] } };
  for (const entry of copy.annotations.list) for (const key of ANNOTATION_DATASOURCE_KEYS) delete entry[key];
  return copy as unknown as Record<string, unknown>;
}

const built = buildDashboards().map((b) => b.dashboard);
const provisioned = built.map(provisionedForm);
const imported = built.map(importForm);

function panelsOf(dashboard: Dashboard): Panel[] {
  return dashboard.panels.filter((p): p is Panel => p.type !== 'row');
}

describe('dashboard JSON Schema', () => {
  it.each(provisioned.map((d) => [d.uid, d]))('provisioned %s validates', (_uid, dashboard) => {
    const validate = dashboardValidator();
    const ok = validate(withoutAnnotationDataSourceKeys(dashboard as unknown as Record<string, unknown>));
    expect(errorsOf(validate)).toBe('');
    expect(ok).toBe(true);
  });

  it.each(imported.map((d) => [d.uid, d]))('import form %s validates without __inputs/__requires', (_uid, dashboard) => {
    const { __inputs: _inputs, __requires: _requires, ...rest } = dashboard;
    const validate = dashboardValidator();
    const ok = validate(withoutAnnotationDataSourceKeys(rest as unknown as Record<string, unknown>));
    expect(errorsOf(validate)).toBe('');
    expect(ok).toBe(true);
  });

  it('rejects a dashboard with an unknown top-level key (the validator is strict)', () => {
    const validate = dashboardValidator();
    expect(validate({ ...(provisioned[0] as unknown as Record<string, unknown>), notAGrafanaKey: 1 })).toBe(false);
  });

  it.each(provisioned.flatMap((d) => panelsOf(d).map((p) => [`${d.uid}#${p.id} ${p.type}`, p] as const)))(
    'panel %s options and custom field config validate against the panel schema',
    (_name, panel) => {
      const options = panelDefinitionValidator(panel.type, 'Options');
      expect(options).toBeDefined();
      const optionsOk = options?.(panel.options);
      expect(options ? errorsOf(options) : 'no schema').toBe('');
      expect(optionsOk).toBe(true);
      const custom = panel.fieldConfig.defaults.custom;
      const fieldConfig = panelDefinitionValidator(panel.type, 'FieldConfig');
      if (custom !== undefined && fieldConfig !== undefined) {
        const ok = fieldConfig(custom);
        expect(errorsOf(fieldConfig)).toBe('');
        expect(ok).toBe(true);
      }
    },
  );
});

describe('import form data source references', () => {
  function placeholders(dashboard: ImportDashboard): Set<string> {
    const text = JSON.stringify({ ...dashboard, __inputs: [], __requires: [] });
    return new Set([...text.matchAll(/\$\{(DS_[A-Z0-9_]+)\}/g)].map((m) => m[1] ?? ''));
  }

  it.each(imported.map((d) => [d.uid, d]))('%s declares every ${DS_…} it uses, and uses every input it declares', (_uid, dashboard) => {
    const declared = new Set(dashboard.__inputs.map((i) => i.name));
    expect([...placeholders(dashboard)].sort()).toEqual([...declared].sort());
    expect(declared.size).toBeGreaterThan(0);
    for (const input of dashboard.__inputs) {
      expect(input).toMatchObject({ type: 'datasource', pluginId: 'grafana-opensearch-datasource' });
    }
  });

  it.each(imported.map((d) => [d.uid, d]))('%s names no provisioned uid, so the import never points at a missing data source', (_uid, dashboard) => {
    const text = JSON.stringify(dashboard);
    for (const spec of DATA_SOURCES) expect(text).not.toContain(`"uid":"${spec.uid}"`);
  });

  it.each(imported.map((d) => [d.uid, d]))('%s requires Grafana and the OpenSearch data source plugin with versions', (_uid, dashboard) => {
    const byId = Object.fromEntries(dashboard.__requires.map((r) => [r.id, r]));
    expect(byId.grafana?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(byId['grafana-opensearch-datasource']?.version).toMatch(/^2\.(3[4-9]|[4-9]\d)\.\d+$/);
    for (const panel of panelsOf(dashboard)) expect(byId[panel.type]?.type).toBe('panel');
  });
});
