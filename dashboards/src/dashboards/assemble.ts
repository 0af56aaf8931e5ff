import { dashboardLinks, GDLENS_TAG } from '../links';
import { flowLayout } from '../layout';
import type { AnnotationQuery, Dashboard, DataSourceRef, Panel, Variable } from '../model/grafana';
import type { PanelSpec } from '../panels';
import type { ViewId } from '../views';

/** Grafana 11.0's dashboard schema version; newer Grafana migrates it on load. */
export const SCHEMA_VERSION = 39;

/** A dashboard before ids and positions are assigned. */
export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly variables: Variable[];
  readonly annotations?: AnnotationQuery[];
  readonly panels: PanelSpec[];
}

/** A generated dashboard and which view each of its panels serves. */
export interface BuiltDashboard {
  readonly dashboard: Dashboard;
  readonly panelViews: ReadonlyArray<{ readonly panelId: number; readonly view: ViewId; readonly title: string }>;
}

/** Grafana's built-in annotation entry, kept so users' manual annotations still show. */
const BUILT_IN_ANNOTATION: AnnotationQuery = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

const MIXED: DataSourceRef = { type: 'datasource', uid: '-- Mixed --' };

function panelDataSource(spec: PanelSpec): DataSourceRef | undefined {
  const uids = new Set(spec.targets.map((t) => t.datasource.uid));
  if (uids.size === 0) return undefined;
  if (uids.size > 1) return MIXED;
  return spec.targets[0]?.datasource;
}

/** Numbers panels from 1 in order and lays them out. */
export function assembleDashboard(spec: DashboardSpec): BuiltDashboard {
  const positions = flowLayout(spec.panels);
  const panels: Panel[] = spec.panels.map((panelSpec, index) => {
    const datasource = panelDataSource(panelSpec);
    const gridPos = positions[index] ?? { x: 0, y: 0, w: panelSpec.width, h: panelSpec.height };
    return {
      id: index + 1,
      type: panelSpec.type,
      title: panelSpec.title,
      description: panelSpec.description,
      gridPos,
      ...(datasource === undefined ? {} : { datasource }),
      targets: panelSpec.targets,
      ...(panelSpec.interval === undefined ? {} : { interval: panelSpec.interval }),
      links: panelSpec.links,
      ...(panelSpec.transformations === undefined ? {} : { transformations: panelSpec.transformations }),
      options: panelSpec.options,
      fieldConfig: panelSpec.fieldConfig,
    };
  });
  return {
    dashboard: {
      uid: spec.uid,
      title: spec.title,
      description: spec.description,
      tags: [GDLENS_TAG, 'guardduty', 'security'],
      timezone: 'utc',
      editable: true,
      graphTooltip: 1,
      time: { from: spec.time.from, to: spec.time.to },
      timepicker: { refresh_intervals: ['1m', '5m', '15m', '30m', '1h'] },
      refresh: '5m',
      schemaVersion: SCHEMA_VERSION,
      version: 1,
      links: dashboardLinks(),
      annotations: { list: [BUILT_IN_ANNOTATION, ...(spec.annotations ?? [])] },
      templating: { list: spec.variables },
      panels,
    },
    panelViews: spec.panels.map((p, index) => ({ panelId: index + 1, view: p.view, title: p.title })),
  };
}
