/**
 * Lucene filters shared by the panels. Every dashboard variable is inserted with `:lucene` so a
 * value such as `us-east-1` or `C&CActivity` cannot change the query's meaning; the two toggles
 * are whole clauses and go in `:raw` (the OpenSearch data source would otherwise Lucene-escape
 * them, as it does to any variable without a format).
 */

import { GUARDDUTY_TAMPER_EVENTS as ALERTING_GUARDDUTY_EVENTS, S3_EXPORT_TAMPER_EVENTS } from '@gdlens/alerts';

/** GuardDuty severity bands, as the mapping writes them to `severity_label`. */
export type Band = 'Critical' | 'High' | 'Medium' | 'Low';

/** Finding fields a dashboard variable filters on, in the order the variables appear. */
export const FILTER_FIELDS = ['account_id', 'region', 'severity_label', 'threat_purpose', 'resource_type_affected'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The clause the toggles select when switched off (the default). */
export const EXCLUDE_SAMPLE = 'NOT sample:true';
export const EXCLUDE_ARCHIVED = 'NOT archived:true';

/** What a toggle selects when switched on: a clause that matches everything. */
export const MATCH_ALL = '*';

/** The variable-driven part of every finding panel's query. */
export function findingVariablesFilter(): string {
  const fields = FILTER_FIELDS.map((field) => `${field}:\${${field}:lucene}`);
  return [...fields, '${sample:raw}', '${archived:raw}'].join(' AND ');
}

/** A band restriction as Lucene (`severity_label:(High OR Medium)`). */
export function bandClause(bands: readonly Band[]): string {
  if (bands.length === 1) return `severity_label:${bands[0] ?? ''}`;
  return `severity_label:(${bands.join(' OR ')})`;
}

/** A finding panel's full query: its own restriction, then the dashboard's variables. */
export function findingQuery(restriction?: string): string {
  return restriction === undefined ? findingVariablesFilter() : `${restriction} AND ${findingVariablesFilter()}`;
}

/**
 * The same query with every variable at its default (All, toggles off): what Explore links carry,
 * since Explore has no dashboard variables and a multi-value `:lucene` value is not URL/JSON-safe.
 */
export function findingDefaultQuery(restriction?: string): string {
  const defaults = `${EXCLUDE_SAMPLE} AND ${EXCLUDE_ARCHIVED}`;
  return restriction === undefined ? defaults : `${restriction} AND ${defaults}`;
}

/**
 * The filter on lifecycle tags and their impact rows: the dashboard's accounts and environments.
 * A tag without an account concerns every account (a deploy of a shared service), so it stays
 * whatever accounts are chosen.
 */
export function tagQuery(): string {
  // `*:*` because a purely negative clause inside OR would be applied to the whole group in Lucene.
  return '(account_id:${account_id:lucene} OR (*:* AND NOT _exists_:account_id)) AND env:${env:lucene}';
}

/**
 * CloudTrail calls the integrity view lists: every call the "GuardDuty disabled or altered" alert
 * pages on (one list, kept with the alert rules), plus the calls that alert only with certain
 * parameters (`UpdateDetector` disabling, filters that archive) or not at all (findings feedback),
 * so a reviewer sees the whole trail of changes to GuardDuty.
 */
export const GUARDDUTY_TAMPER_EVENTS: readonly string[] = [
  'UpdateDetector',
  'CreateFilter',
  'UpdateFilter',
  ...ALERTING_GUARDDUTY_EVENTS,
  'UpdateFindingsFeedback',
];

/** S3 calls that change who can read or write the findings bucket, or whether it is kept or logged. */
export const FINDINGS_BUCKET_EVENTS: readonly string[] = S3_EXPORT_TAMPER_EVENTS;

/**
 * The overview's integrity annotation: calls that change GuardDuty itself. Bucket changes stay on
 * the integrity view, which knows the findings bucket: the overview does not, so it marked policy
 * changes on every bucket of the organisation, and each marker costs a full document, since the
 * data source's annotation query fetches every hit's `_source` (size 10,000, no field list).
 */
export function guardDutyChangesQuery(): string {
  return `eventSource:"guardduty.amazonaws.com" AND eventName:(${GUARDDUTY_TAMPER_EVENTS.join(' OR ')}) AND account_id:\${account_id:lucene} AND region:\${region:lucene}`;
}

/**
 * The integrity panels' query. The bucket part is limited to the findings export bucket
 * (`findings_bucket`, `*` when unset); the variable is `:raw` because its default is a wildcard.
 */
export function integrityQuery(options: { readonly bucketVariable: boolean } = { bucketVariable: true }): string {
  const bucketName = options.bucketVariable ? '${findings_bucket:raw}' : MATCH_ALL;
  const guardduty = `(eventSource:"guardduty.amazonaws.com" AND eventName:(${GUARDDUTY_TAMPER_EVENTS.join(' OR ')}))`;
  const bucket = `(eventSource:"s3.amazonaws.com" AND eventName:(${FINDINGS_BUCKET_EVENTS.join(' OR ')}) AND bucket_name:${bucketName})`;
  return `(${guardduty} OR ${bucket}) AND account_id:\${account_id:lucene} AND region:\${region:lucene}`;
}
