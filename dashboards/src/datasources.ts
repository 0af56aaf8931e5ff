import { DashboardsError } from './errors';
import { OPENSEARCH_PLUGIN_ID, type DataSourceRef } from './model/grafana';

/** The data sources gdlens provisions, one per index (alias) and time field. */
export type DataSourceKey =
  | 'findings'
  | 'findingsArrival'
  | 'occurrences'
  | 'cloudtrail'
  | 'cloudtrailArrival'
  | 'heartbeats'
  | 'deadLetters'
  | 'tags'
  | 'tagImpact';

export interface DataSourceSpec {
  readonly key: DataSourceKey;
  /** Fixed uid: dashboards and alert rules reference it. */
  readonly uid: string;
  readonly name: string;
  /** The alias `gdlens setup` creates (`ingest/src/store/names.ts`). */
  readonly database: string;
  /** Grafana's range filter always uses this field, so a data source exists per time field. */
  readonly timeField: string;
  /** Dashboard variable holding the chosen data source, absent for sources no dashboard uses. */
  readonly variable?: string;
  /** `__inputs` name in the import form. */
  readonly input: string;
  readonly description: string;
}

/** OpenSearch version stated in every data source (`jsonData.version` is required by the plugin). */
export const OPENSEARCH_VERSION = '2.19.6';

export const DATA_SOURCES: readonly DataSourceSpec[] = [
  {
    key: 'findings',
    uid: 'gdlens-findings',
    name: 'gdlens findings',
    database: 'gdlens-findings',
    timeField: '@timestamp',
    variable: 'ds_findings',
    input: 'DS_GDLENS_FINDINGS',
    description: 'Latest state of each GuardDuty finding (one document per finding id); time field @timestamp = updatedAt',
  },
  {
    key: 'findingsArrival',
    uid: 'gdlens-findings-arrival',
    name: 'gdlens findings by arrival',
    database: 'gdlens-findings',
    timeField: 'ingested_at',
    variable: 'ds_findings_arrival',
    input: 'DS_GDLENS_FINDINGS_ARRIVAL',
    description: 'The findings index on ingested_at (when gdlens wrote the document), for alerts and ingest freshness',
  },
  {
    key: 'occurrences',
    uid: 'gdlens-occurrences',
    name: 'gdlens occurrences',
    database: 'gdlens-occurrences',
    timeField: '@timestamp',
    variable: 'ds_occurrences',
    input: 'DS_GDLENS_OCCURRENCES',
    description: 'One document per distinct update of a finding, with count_delta = new occurrences since the previous update',
  },
  {
    key: 'cloudtrail',
    uid: 'gdlens-cloudtrail',
    name: 'gdlens CloudTrail',
    database: 'gdlens-cloudtrail',
    timeField: '@timestamp',
    variable: 'ds_cloudtrail',
    input: 'DS_GDLENS_CLOUDTRAIL',
    description: 'CloudTrail records that guard GuardDuty and its findings export',
  },
  {
    key: 'cloudtrailArrival',
    uid: 'gdlens-cloudtrail-arrival',
    name: 'gdlens CloudTrail by arrival',
    database: 'gdlens-cloudtrail',
    timeField: 'ingested_at',
    variable: 'ds_cloudtrail_arrival',
    input: 'DS_GDLENS_CLOUDTRAIL_ARRIVAL',
    description: 'The CloudTrail index on ingested_at, for alert rules that must not miss late records',
  },
  {
    key: 'heartbeats',
    uid: 'gdlens-pipeline',
    name: 'gdlens pipeline heartbeats',
    database: 'gdlens-heartbeats',
    timeField: '@timestamp',
    variable: 'ds_pipeline',
    input: 'DS_GDLENS_PIPELINE',
    description: 'Heartbeats the gdlens worker writes while it runs',
  },
  {
    key: 'deadLetters',
    uid: 'gdlens-dead-letters',
    name: 'gdlens dead letters',
    database: 'gdlens-dead-letters',
    timeField: 'ingested_at',
    variable: 'ds_dead_letters',
    input: 'DS_GDLENS_DEAD_LETTERS',
    description: 'Records gdlens could not index, with the reason',
  },
  {
    key: 'tags',
    uid: 'gdlens-tags',
    name: 'gdlens tags',
    database: 'gdlens-tags',
    timeField: '@timestamp',
    variable: 'ds_tags',
    input: 'DS_GDLENS_TAGS',
    description: 'Lifecycle tags (deploys, releases, campaigns, pentest windows); @timestamp = start, end = end of a window',
  },
  {
    key: 'tagImpact',
    uid: 'gdlens-tag-impact',
    name: 'gdlens tag impact',
    database: 'gdlens-tag-impact',
    timeField: '@timestamp',
    variable: 'ds_tag_impact',
    input: 'DS_GDLENS_TAG_IMPACT',
    description: 'New-occurrence rates before and after each tag (gdlens tag impact); @timestamp = the tag start',
  },
];

/** The spec for a key; the list above is exhaustive, so a miss is a programming error. */
export function dataSource(key: DataSourceKey): DataSourceSpec {
  const spec = DATA_SOURCES.find((d) => d.key === key);
  if (!spec) throw new DashboardsError(`unknown data source key ${key}`, { key });
  return spec;
}

/** How a dashboard refers to a data source: through its dashboard variable, so users can switch. */
export function dataSourceRef(key: DataSourceKey): DataSourceRef {
  const spec = dataSource(key);
  return { type: OPENSEARCH_PLUGIN_ID, uid: spec.variable === undefined ? spec.uid : `\${${spec.variable}}` };
}
