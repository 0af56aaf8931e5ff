/**
 * The plugin dashboard in Grafana's import form, made from the provisioned one (the single source):
 * its fixed data source uid becomes an `__inputs` placeholder, so Dashboards → Import asks which
 * OpenSearch data source to use, and `__requires` names Grafana, the data source plugin and this
 * panel plugin. Not bundled into the panel: only tests and the committed file use it.
 */

/** The data source uid the provisioned dashboard's panels use (provisioning/datasources in the repo). */
export const PROVISIONED_DATASOURCE_UID = 'gdlens-findings';
/** The import input that replaces it. */
export const DATASOURCE_INPUT = 'DS_GDLENS_FINDINGS';
/** The tags data source of the lifecycle tag annotations and the `env` variable, and its input. */
export const PROVISIONED_TAGS_UID = 'gdlens-tags';
export const TAGS_INPUT = 'DS_GDLENS_TAGS';

/** Each provisioned uid the import form asks about, with the input that replaces it (names as in the stock dashboards' forms). */
const INPUTS: ReadonlyArray<{ readonly uid: string; readonly input: string; readonly label: string; readonly description: string }> = [
  { uid: PROVISIONED_DATASOURCE_UID, input: DATASOURCE_INPUT, label: 'gdlens findings', description: 'OpenSearch data source on the gdlens-findings alias, time field @timestamp' },
  { uid: PROVISIONED_TAGS_UID, input: TAGS_INPUT, label: 'gdlens tags', description: 'OpenSearch data source on the gdlens-tags alias, time field @timestamp' },
];

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

/** Replaces every `{type: opensearch, uid: <provisioned uid>}` reference, wherever it sits, and notes which inputs were used. */
function withInputReferences(value: Json, used: Set<string>): Json {
  if (Array.isArray(value)) return value.map((child) => withInputReferences(child, used));
  if (value === null || typeof value !== 'object') return value;
  const input = value['type'] === OPENSEARCH_PLUGIN_ID ? INPUTS.find((entry) => entry.uid === value['uid']) : undefined;
  if (input !== undefined) {
    used.add(input.input);
    return { ...value, uid: `\${${input.input}}` };
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withInputReferences(child, used)]));
}

/** `>=12.3.0` → `12.3.0`: `__requires` holds a version, not a range. */
function minimumVersion(range: string): string {
  return range.replace(/^[^\d]*/, '');
}

export function importForm(provisioned: { [key: string]: Json }, plugin: PluginMeta): { [key: string]: Json } {
  const used = new Set<string>();
  const body = withInputReferences(provisioned, used) as { [key: string]: Json };
  return {
    __inputs: INPUTS.filter((entry) => used.has(entry.input)).map((entry) => ({
      name: entry.input,
      label: entry.label,
      description: entry.description,
      type: 'datasource',
      pluginId: OPENSEARCH_PLUGIN_ID,
      pluginName: 'OpenSearch',
    })),
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: minimumVersion(plugin.dependencies.grafanaDependency) },
      { type: 'datasource', id: OPENSEARCH_PLUGIN_ID, name: 'OpenSearch', version: OPENSEARCH_DATASOURCE_MIN },
      { type: 'panel', id: plugin.id, name: plugin.name, version: plugin.info.version },
    ],
    ...body,
  };
}
