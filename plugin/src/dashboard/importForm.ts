/**
 * The plugin dashboard in Grafana's import form, made from the provisioned one (the single source):
 * its fixed data source uid becomes an `__inputs` placeholder, so Dashboards → Import asks which
 * OpenSearch data source to use, and `__requires` names Grafana, the data source plugin and this
 * panel plugin. Not bundled into the panel: only tests and the committed file use it.
 */

/** The data source uid the provisioned dashboard uses (provisioning/datasources in the repo). */
export const PROVISIONED_DATASOURCE_UID = 'gdlens-findings';
/** The import input that replaces it. */
export const DATASOURCE_INPUT = 'DS_GDLENS_FINDINGS';

const OPENSEARCH_PLUGIN_ID = 'grafana-opensearch-datasource';
/** The oldest data source release whose requests the dashboards are proven against. */
const OPENSEARCH_DATASOURCE_MIN = '2.34.0';

export interface PluginMeta {
  readonly id: string;
  readonly name: string;
  readonly info: { readonly version: string };
  readonly dependencies: { readonly grafanaDependency: string };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces every `{type: opensearch, uid: gdlens-findings}` reference, wherever it sits. */
function withInputReferences(value: Json): Json {
  if (Array.isArray(value)) return value.map(withInputReferences);
  if (value === null || typeof value !== 'object') return value;
  if (value['type'] === OPENSEARCH_PLUGIN_ID && value['uid'] === PROVISIONED_DATASOURCE_UID) {
    return { ...value, uid: `\${${DATASOURCE_INPUT}}` };
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withInputReferences(child)]));
}

/** `>=12.3.0` → `12.3.0`: `__requires` holds a version, not a range. */
function minimumVersion(range: string): string {
  return range.replace(/^[^\d]*/, '');
}

export function importForm(provisioned: { [key: string]: Json }, plugin: PluginMeta): { [key: string]: Json } {
  const body = withInputReferences(provisioned) as { [key: string]: Json };
  return {
    __inputs: [
      {
        name: DATASOURCE_INPUT,
        label: 'gdlens findings',
        description: 'OpenSearch data source on the gdlens-findings alias, time field @timestamp',
        type: 'datasource',
        pluginId: OPENSEARCH_PLUGIN_ID,
        pluginName: 'OpenSearch',
      },
    ],
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: minimumVersion(plugin.dependencies.grafanaDependency) },
      { type: 'datasource', id: OPENSEARCH_PLUGIN_ID, name: 'OpenSearch', version: OPENSEARCH_DATASOURCE_MIN },
      { type: 'panel', id: plugin.id, name: plugin.name, version: plugin.info.version },
    ],
    ...body,
  };
}
