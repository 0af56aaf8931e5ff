import { DATASOURCE_UIDS, type ProvisionedRule } from '@gdlens/alerts';
import type { DatasourceSettings } from '@gdlens/grafana-model';
import type { StoreNames } from '../store/names';

/** The time field a replay's findings and CloudTrail queries use. */
export type ReplayTimeField = '@timestamp' | 'ingested_at';

/** Data sources whose time field follows `--time-field` (the event-time and arrival pairs). */
const RETIMED_UIDS: ReadonlySet<string> = new Set([
  DATASOURCE_UIDS.findings,
  DATASOURCE_UIDS.findingsArrival,
  DATASOURCE_UIDS.cloudTrail,
  DATASOURCE_UIDS.cloudTrailArrival,
]);

/**
 * The gdlens data sources as the replay sees them: the same uids as
 * `provisioning/datasources/`, pointing at the store's aliases. Findings and CloudTrail use the
 * replay's time field; heartbeats only have `@timestamp`.
 */
export function backtestDatasources(url: string, names: StoreNames, timeField: ReplayTimeField): Record<string, DatasourceSettings> {
  const datasource = (uid: string, database: string, field: string): DatasourceSettings => ({
    uid,
    url,
    database,
    timeField: field,
    version: '2.19.6',
    flavor: 'opensearch',
    maxConcurrentShardRequests: 5,
  });
  return {
    [DATASOURCE_UIDS.findings]: datasource(DATASOURCE_UIDS.findings, names.alias('findings'), timeField),
    [DATASOURCE_UIDS.findingsArrival]: datasource(DATASOURCE_UIDS.findingsArrival, names.alias('findings'), timeField),
    [DATASOURCE_UIDS.occurrences]: datasource(DATASOURCE_UIDS.occurrences, names.alias('occurrences'), '@timestamp'),
    [DATASOURCE_UIDS.cloudTrail]: datasource(DATASOURCE_UIDS.cloudTrail, names.alias('cloudtrail'), timeField),
    [DATASOURCE_UIDS.cloudTrailArrival]: datasource(DATASOURCE_UIDS.cloudTrailArrival, names.alias('cloudtrail'), timeField),
    [DATASOURCE_UIDS.pipeline]: datasource(DATASOURCE_UIDS.pipeline, names.alias('heartbeats'), '@timestamp'),
  };
}

/**
 * The rule with its findings and CloudTrail queries moved onto `timeField`: the target's
 * `timeField` and every date histogram that histogrammed the old time field. Backfilled data has
 * one arrival time for everything, so a replay over it must use event time (`@timestamp`).
 */
export function retimeRule(rule: ProvisionedRule, timeField: ReplayTimeField): ProvisionedRule {
  return {
    ...rule,
    data: rule.data.map((query) => {
      if (!RETIMED_UIDS.has(query.datasourceUid)) return query;
      const model = query.model;
      const previous = typeof model['timeField'] === 'string' ? model['timeField'] : undefined;
      const bucketAggs = Array.isArray(model['bucketAggs'])
        ? (model['bucketAggs'] as Array<Record<string, unknown>>).map((agg) =>
            agg['type'] === 'date_histogram' && (agg['field'] === undefined || agg['field'] === previous) ? { ...agg, field: timeField } : agg,
          )
        : model['bucketAggs'];
      return { ...query, model: { ...model, timeField, bucketAggs } };
    }),
  };
}
