/**
 * The plugin dashboard's import form (import/gdlens-plugin.json) is made from the provisioned one;
 * the committed file must be exactly what importForm produces (regenerate with UPDATE_GOLDEN=1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { withoutAnnotationDataSourceKeys } from '../test-utils/annotationKeys';
import { DATASOURCE_INPUT, importForm, PROVISIONED_DATASOURCE_UID, PROVISIONED_TAGS_UID, TAGS_INPUT, type PluginMeta } from './importForm';

const ROOT = path.resolve(__dirname, '../..');
const PROVISIONED = path.join(ROOT, 'provisioning/dashboards/gdlens-plugin.json');
const IMPORT = path.join(ROOT, 'import/gdlens-plugin.json');
const SCHEMA = path.resolve(ROOT, '../../shared/fixtures/grafana/schemas/dashboard.jsonschema.json');

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const pluginJson = readJson(path.join(ROOT, 'src/plugin.json')) as PluginMeta;
// plugin.json carries %VERSION% until the build fills it in from package.json.
const plugin: PluginMeta = { ...pluginJson, info: { ...pluginJson.info, version: (readJson(path.join(ROOT, 'package.json')) as { version: string }).version } };
const generated = importForm(readJson(PROVISIONED), plugin);

describe('the plugin dashboard import form', () => {
  it('is committed exactly as importForm makes it from the provisioned dashboard', () => {
    const text = `${JSON.stringify(generated, null, 2)}\n`;
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(IMPORT, text);
    expect(readFileSync(IMPORT, 'utf8')).toBe(text);
  });

  it('asks for the OpenSearch data source instead of naming the provisioned uid', () => {
    const text = JSON.stringify(generated);
    expect(text).not.toContain(`"uid":"${PROVISIONED_DATASOURCE_UID}"`);
    expect(text.split(`\${${DATASOURCE_INPUT}}`).length - 1).toBeGreaterThanOrEqual(6);
    expect(text).not.toContain(`"uid":"${PROVISIONED_TAGS_UID}"`);
    // The env variable and the tag annotation.
    expect(text.split(`\${${TAGS_INPUT}}`).length - 1).toBe(2);
    expect(generated['__inputs']).toEqual([
      expect.objectContaining({ name: DATASOURCE_INPUT, type: 'datasource', pluginId: 'grafana-opensearch-datasource' }),
      expect.objectContaining({ name: TAGS_INPUT, type: 'datasource', pluginId: 'grafana-opensearch-datasource' }),
    ]);
  });

  it('requires Grafana, the OpenSearch data source and this panel plugin at their versions', () => {
    expect(generated['__requires']).toEqual([
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '12.3.0' },
      { type: 'datasource', id: 'grafana-opensearch-datasource', name: 'OpenSearch', version: '2.34.0' },
      { type: 'panel', id: 'gdlens-findings-panel', name: 'gdlens findings', version: plugin.info.version },
    ]);
  });

  it('validates against the dashboard schema once the import keys are removed', () => {
    const { __inputs: _inputs, __requires: _requires, ...dashboard } = generated;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(readJson(SCHEMA) as object);
    expect(validate(withoutAnnotationDataSourceKeys(dashboard))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });
});
