import { integrityQuery } from '../filters';
import { statPanel, tablePanel } from '../panels';
import { countOverTime, rawData } from '../targets';
import { dataSourceVariable, filterVariable, findingsBucketVariable } from '../variables';
import type { DashboardSpec } from './assemble';

export const INTEGRITY_UID = 'gdlens-integrity';

/** Columns answering who, what, when and where. */
export const INTEGRITY_COLUMNS: ReadonlyArray<readonly [field: string, label: string]> = [
  ['@timestamp', 'When'],
  ['eventName', 'What'],
  ['eventSource', 'Service'],
  ['user_arn', 'Who'],
  ['user_type', 'Identity type'],
  ['source_ip', 'From IP'],
  ['account_id', 'Account'],
  ['region', 'Region'],
  ['bucket_name', 'Bucket'],
  ['error_code', 'Error'],
];

const WHAT =
  'CloudTrail events that disable or alter GuardDuty (detector, IP and threat lists, filters, publishing destination, members, archiving findings) or change the policy, ACL, logging, encryption or lifecycle of the findings bucket (variable findings_bucket).';

/** CloudTrail calls that could blind GuardDuty or its export. */
export function integrityDashboard(): DashboardSpec {
  const query = integrityQuery();
  return {
    uid: INTEGRITY_UID,
    title: 'GuardDuty integrity',
    description: 'Who disabled, altered or rerouted GuardDuty, or touched its findings bucket',
    time: { from: 'now-30d', to: 'now' },
    variables: [dataSourceVariable('cloudtrail'), dataSourceVariable('findings'), filterVariable('account_id'), filterVariable('region'), findingsBucketVariable()],
    panels: [
      statPanel({
        view: 'integrity',
        title: 'GuardDuty integrity events',
        description: `Counts CloudTrail records (one per API call, failed calls included). ${WHAT} Time field: @timestamp, the eventTime; window: the dashboard time range.`,
        width: 6,
        height: 8,
        color: 'red',
        targets: [countOverTime({ refId: 'A', source: 'cloudtrail', query })],
        explore: { source: 'cloudtrail', query: integrityQuery({ bucketVariable: false }) },
      }),
      tablePanel({
        view: 'integrity',
        title: 'Who changed GuardDuty',
        description: `The 200 newest such CloudTrail records, newest first: who (user ARN), what (event name), when, from where. ${WHAT} Time field: @timestamp, the eventTime; window: the dashboard time range.`,
        width: 18,
        height: 12,
        targets: [rawData({ refId: 'A', source: 'cloudtrail', query, size: 200 })],
        transformations: [
          { id: 'filterFieldsByName', options: { include: { names: INTEGRITY_COLUMNS.map(([field]) => field) } } },
          {
            id: 'organize',
            options: {
              excludeByName: {},
              indexByName: Object.fromEntries(INTEGRITY_COLUMNS.map(([field], index) => [field, index])),
              renameByName: Object.fromEntries(INTEGRITY_COLUMNS),
            },
          },
        ],
        sortBy: 'When',
        explore: { source: 'cloudtrail', query: integrityQuery({ bucketVariable: false }) },
      }),
    ],
  };
}
