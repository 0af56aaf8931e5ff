export { dataSourcesFromProvisioning } from './datasources';
export { readDashboard, type DashboardPanel, type DashboardUnderCheck } from './dashboard';
export { checkAnnotation, checkDashboard, checkPanel, FULL_WIDTH_PIXELS, type CheckOptions, type PanelResult, type PanelStatus } from './run';
export { formatText, formatJsonLines, exitStatus } from './report';
export { DashboardCheckError } from './errors';
