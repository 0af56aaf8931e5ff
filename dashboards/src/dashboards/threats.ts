import { bandClause, findingDefaultQuery, findingQuery } from '../filters';
import { tablePanel } from '../panels';
import { countByTermsSeries } from '../targets';
import { dataSourceVariable, findingFilterVariables } from '../variables';
import type { Transformation } from '../model/grafana';
import type { DashboardSpec } from './assemble';
import { FILTERS, UNIQUE_FINDINGS } from './descriptions';

export const THREATS_UID = 'gdlens-threats';

/** The bands every "who is affected" panel covers. */
const HIGH_AND_ABOVE = bandClause(['Critical', 'High', 'Medium']);

/** Names an account's findings may carry at once: unnamed ("-"), its name, a former name. */
const ACCOUNT_NAMES_PER_ACCOUNT = 3;

/** Frame columns are named after the aggregated field; these are the names people read. */
const COLUMN_NAMES: Record<string, string> = {
  'threat_purpose.raw': 'Threat purpose',
  'finding_type.raw': 'Finding type',
  'resource_type_affected.raw': 'Resource type',
  'severity_label.raw': 'Severity',
  'account_id.raw': 'Account',
  'account_name.raw': 'Account name',
  'security_groups.raw': 'Security group',
};

/**
 * Series → rows: each term combination's series (see `countByTermsSeries`) is summed into one row
 * whose label values become columns, then columns get readable names.
 */
function seriesToRows(): Transformation[] {
  return [
    { id: 'reduce', options: { reducers: ['sum'], mode: 'seriesToRows', includeTimeField: false, labelsToFields: true } },
    { id: 'organize', options: { renameByName: { ...COLUMN_NAMES, Total: 'Findings' }, excludeByName: { Field: true }, indexByName: {} } },
  ];
}

/** Rows × bands: one row per value, one column per band, zero where a band has none. */
function bandMatrix(rowColumn: string): Transformation {
  return { id: 'groupingToMatrix', options: { rowField: rowColumn, columnField: 'Severity', valueField: 'Findings', emptyValue: 'zero' } };
}

/** Finding types, resource types, accounts and security groups: what is under attack, and where. */
export function threatsDashboard(): DashboardSpec {
  return {
    uid: THREATS_UID,
    title: 'GuardDuty threats',
    description: 'What GuardDuty findings are about and which accounts, resource types and security groups they touch',
    time: { from: 'now-7d', to: 'now' },
    variables: [dataSourceVariable('findings'), ...findingFilterVariables()],
    panels: [
      tablePanel({
        view: 'types-per-purpose',
        title: 'Finding types per threat purpose',
        description: `Findings per threat purpose and finding type (top 20 purposes × top 10 types each). ${UNIQUE_FINDINGS} ${FILTERS}`,
        width: 12,
        height: 10,
        targets: [
          countByTermsSeries({
            refId: 'A',
            source: 'findings',
            query: findingQuery(),
            terms: [
              { field: 'threat_purpose', size: 20 },
              { field: 'finding_type', size: 10 },
            ],
          }),
        ],
        transformations: seriesToRows(),
        sortBy: 'Findings',
        explore: { source: 'findings', query: findingDefaultQuery() },
      }),
      tablePanel({
        view: 'resource-types',
        title: 'Affected resource types: Critical, High, Medium',
        description: `Critical, High and Medium findings per affected resource type (the part of the finding type after ':'), top 20, one column per band. ${UNIQUE_FINDINGS} ${FILTERS}`,
        width: 12,
        height: 10,
        targets: [
          countByTermsSeries({
            refId: 'A',
            source: 'findings',
            query: findingQuery(HIGH_AND_ABOVE),
            terms: [
              { field: 'resource_type_affected', size: 20 },
              { field: 'severity_label', size: 5 },
            ],
          }),
        ],
        transformations: [...seriesToRows(), bandMatrix('Resource type')],
        explore: { source: 'findings', query: findingDefaultQuery(HIGH_AND_ABOVE) },
      }),
      tablePanel({
        view: 'accounts',
        title: 'Threats by account: Critical, High, Medium',
        description: `Critical, High and Medium findings per account (top 25) and band; the account name comes from the optional accounts file (gdlens ingest --accounts; "-" when unknown), and findings stored before an account was named show on a second row with "-". ${UNIQUE_FINDINGS} ${FILTERS}`,
        width: 12,
        height: 10,
        targets: [
          countByTermsSeries({
            refId: 'A',
            source: 'findings',
            query: findingQuery(HIGH_AND_ABOVE),
            terms: [
              { field: 'account_id', size: 25 },
              // Not 1: an account with findings stored before and after it was named has two name
              // buckets ("-" and its name), and a size of 1 would drop the smaller one's findings.
              { field: 'account_name', size: ACCOUNT_NAMES_PER_ACCOUNT, missing: '-' },
              { field: 'severity_label', size: 5 },
            ],
          }),
        ],
        transformations: seriesToRows(),
        sortBy: 'Findings',
        explore: { source: 'findings', query: findingDefaultQuery(HIGH_AND_ABOVE) },
      }),
      tablePanel({
        view: 'security-groups',
        title: 'Threats by security group',
        description: `Findings per security group name (top 25) and band, over the group names of every network interface of the affected instance: a finding on an instance with two groups counts once under each. ${UNIQUE_FINDINGS} ${FILTERS}`,
        width: 12,
        height: 10,
        targets: [
          countByTermsSeries({
            refId: 'A',
            source: 'findings',
            query: findingQuery(),
            terms: [
              { field: 'security_groups', size: 25 },
              { field: 'severity_label', size: 5 },
            ],
          }),
        ],
        transformations: [...seriesToRows(), bandMatrix('Security group')],
        explore: { source: 'findings', query: findingDefaultQuery('_exists_:security_groups') },
      }),
    ],
  };
}
