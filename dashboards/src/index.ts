export { buildDashboards, buildManifest } from './catalog';
export { renderAll, OUTPUT_PATHS } from './render';
export { importForm } from './forms/import';
export { provisionedForm } from './forms/provisioned';
export { SUPPORTED } from './forms/versions';
export { DATA_SOURCES, dataSource, type DataSourceSpec, type DataSourceKey } from './datasources';
export { VIEWS, type ViewId, type ManifestEntry } from './views';
export { DashboardsError } from './errors';
export type * from './model/grafana';
