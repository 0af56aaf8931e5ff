import { findingDefaultQuery, findingQuery } from '../filters';
import { CONSOLE_FINDING_URL } from '../links';
import type { DashboardLink, FieldOverride, ValueMapping } from '../model/grafana';
import { tablePanel } from '../panels';
import { rawData } from '../targets';
import { dataSourceVariable, findingFilterVariables } from '../variables';
import type { DashboardSpec } from './assemble';
import { FILTERS } from './descriptions';

export const FINDINGS_UID = 'gdlens-findings-detail';

/** Rows shown: the newest findings; Explore pages further. */
export const DETAIL_ROWS = 100;

/** Columns, in display order, with the names people read. */
export const DETAIL_COLUMNS: ReadonlyArray<readonly [field: string, label: string]> = [
  ['@timestamp', 'Updated'],
  ['severity_label', 'Severity'],
  ['severity', 'Score'],
  ['finding_type', 'Type'],
  ['type_explanation', 'What it means'],
  ['title', 'Title'],
  ['account_id', 'Account'],
  ['account_name', 'Account name'],
  // Kept under their field names: the console link reads them as ${__data.fields.<name>}.
  ['region', 'region'],
  ['resource_type', 'Resource'],
  ['count', 'Occurrences'],
  ['finding_id', 'finding_id'],
];

/** Every cell of a row links to that row's finding (field links cannot be scoped per column here). */
const CONSOLE_LINK: DashboardLink = {
  title: 'Open the finding in the GuardDuty console',
  type: 'link',
  icon: 'external link',
  tooltip: 'The finding in the AWS GuardDuty console',
  url: CONSOLE_FINDING_URL,
  tags: [],
  asDropdown: false,
  targetBlank: true,
  includeVars: false,
  keepTime: false,
};

const SEVERITY_MAPPING: ValueMapping = {
  type: 'value',
  options: {
    Critical: { color: 'dark-red', index: 0 },
    High: { color: 'red', index: 1 },
    Medium: { color: 'orange', index: 2 },
    Low: { color: 'blue', index: 3 },
  },
};

const SEVERITY_COLOR_OVERRIDE: FieldOverride = {
  matcher: { id: 'byNames', options: { mode: 'include', names: ['Severity'] } },
  properties: [{ id: 'custom.cellOptions', value: { type: 'color-text' } }],
};

/** The newest findings, decoded, each linked to the AWS console. */
export function findingsDashboard(): DashboardSpec {
  return {
    uid: FINDINGS_UID,
    title: 'GuardDuty findings',
    description: 'The latest GuardDuty findings with their decoded type and severity band, linked to the AWS console',
    time: { from: 'now-24h', to: 'now' },
    variables: [dataSourceVariable('findings'), ...findingFilterVariables()],
    panels: [
      tablePanel({
        view: 'findings-detail',
        title: 'Latest findings',
        description: `The ${DETAIL_ROWS} most recently updated findings, newest first, one row per finding (latest state). "What it means" is the decoded finding type; every row links to the finding in the AWS console. Time field: @timestamp, the finding's updatedAt; window: the dashboard time range. ${FILTERS}`,
        width: 24,
        height: 16,
        targets: [rawData({ refId: 'A', source: 'findings', query: findingQuery(), size: DETAIL_ROWS })],
        transformations: [
          { id: 'filterFieldsByName', options: { include: { names: DETAIL_COLUMNS.map(([field]) => field) } } },
          {
            id: 'organize',
            options: {
              excludeByName: {},
              indexByName: Object.fromEntries(DETAIL_COLUMNS.map(([field], index) => [field, index])),
              renameByName: Object.fromEntries(DETAIL_COLUMNS),
            },
          },
        ],
        defaults: { links: [CONSOLE_LINK], mappings: [SEVERITY_MAPPING] },
        overrides: [SEVERITY_COLOR_OVERRIDE],
        sortBy: 'Updated',
        explore: { source: 'findings', query: findingDefaultQuery() },
      }),
    ],
  };
}
