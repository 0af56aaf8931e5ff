import { DATA_SOURCES } from '../datasources';
import { OPENSEARCH_PLUGIN_ID, type Dashboard, type ImportDashboard, type ImportInput, type ImportRequirement } from '../model/grafana';
import { SUPPORTED } from './versions';

const PANEL_NAMES: Record<string, string> = {
  stat: 'Stat',
  timeseries: 'Time series',
  table: 'Table',
  bargauge: 'Bar gauge',
  piechart: 'Pie chart',
  text: 'Text',
};

/**
 * The Dashboards → Import form: each data source variable defaults to `${DS_…}`, which Grafana's
 * import replaces with the OpenSearch data source the user picks for that `__inputs` entry.
 */
export function importForm(dashboard: Dashboard): ImportDashboard {
  const copy = structuredClone(dashboard);
  const inputs: ImportInput[] = [];
  for (const variable of copy.templating.list) {
    if (variable.type !== 'datasource') continue;
    const spec = DATA_SOURCES.find((d) => d.variable === variable.name);
    if (spec === undefined) continue;
    const placeholder = `\${${spec.input}}`;
    variable.current = { text: placeholder, value: placeholder, selected: true };
    inputs.push({
      name: spec.input,
      label: spec.name,
      description: `OpenSearch data source on index/alias ${spec.database} with time field ${spec.timeField}`,
      type: 'datasource',
      pluginId: OPENSEARCH_PLUGIN_ID,
      pluginName: 'OpenSearch',
    });
  }
  const panelTypes = [...new Set(copy.panels.map((p) => p.type))].filter((t) => t !== 'row').sort();
  const requires: ImportRequirement[] = [
    { type: 'grafana', id: 'grafana', name: 'Grafana', version: SUPPORTED.grafana.min },
    { type: 'datasource', id: OPENSEARCH_PLUGIN_ID, name: 'OpenSearch', version: SUPPORTED.opensearchDatasource.min },
    ...panelTypes.map((type): ImportRequirement => ({ type: 'panel', id: type, name: PANEL_NAMES[type] ?? type, version: '' })),
  ];
  return { __inputs: inputs, __requires: requires, ...copy };
}
