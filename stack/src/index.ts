export { runStack, type StackOptions, type StackIo, type StackReport } from './start';
export { parsePanelReports, panelRows, rawRowCount, renderSummary, type PanelReport, type SummaryRow } from './summary';
export { firingRules, type FiringRule } from './firing';
