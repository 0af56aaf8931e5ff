import type { RuleQuery } from './types';

/** Plugin id of Grafana's OpenSearch data source. */
export const OPENSEARCH_DATASOURCE_TYPE = 'grafana-opensearch-datasource';
/** Data source uid and type of Grafana's server-side expressions. */
export const EXPRESSION_DATASOURCE_UID = '__expr__';

/** Grafana alerting's defaults for a query's request (`alert_query.go`). */
const DEFAULT_INTERVAL_MS = 1000;
const DEFAULT_MAX_DATA_POINTS = 43200;

/** One terms aggregation: each term becomes a label of the series, so an alert instance. */
export interface GroupBy {
  field: string;
  size: number;
  /**
   * `0` keeps every term of the index even when no document in the range has it: the rule then
   * sees a zero-valued series instead of none (absence and no-history detection).
   */
  minDocCount?: 0 | 1;
  /** Label value for documents without the field. */
  missing?: string;
}

export interface CountQueryOptions {
  refId: string;
  datasourceUid: string;
  /** Lucene query string. */
  query: string;
  /** The data source's time field, repeated on the date histogram as Grafana's editor does. */
  timeField: string;
  /** Start of the range, seconds before evaluation time. */
  fromSec: number;
  /** End of the range, seconds before evaluation time (0 = now). */
  toSec?: number;
  /** Explicit histogram interval, never `auto`, so the result does not depend on the bucket budget. */
  intervalSec: number;
  groupBy: readonly GroupBy[];
}

function intervalText(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * A document count per time bucket and per group: the target Grafana's OpenSearch query editor
 * saves for "Count, group by terms…, then date histogram", with explicit sizes and interval.
 */
export function countQuery(options: CountQueryOptions): RuleQuery {
  const bucketAggs: Array<Record<string, unknown>> = options.groupBy.map((group, index) => ({
    id: String(index + 2),
    type: 'terms',
    field: group.field,
    settings: {
      size: String(group.size),
      order: 'desc',
      orderBy: '_count',
      min_doc_count: String(group.minDocCount ?? 1),
      ...(group.missing === undefined ? {} : { missing: group.missing }),
    },
  }));
  bucketAggs.push({
    id: String(options.groupBy.length + 2),
    type: 'date_histogram',
    field: options.timeField,
    settings: { interval: intervalText(options.intervalSec), min_doc_count: '0', trimEdges: '0' },
  });
  return {
    refId: options.refId,
    queryType: '',
    relativeTimeRange: { from: options.fromSec, to: options.toSec ?? 0 },
    datasourceUid: options.datasourceUid,
    model: {
      refId: options.refId,
      datasource: { type: OPENSEARCH_DATASOURCE_TYPE, uid: options.datasourceUid },
      queryType: 'lucene',
      luceneQueryType: 'Metric',
      query: options.query,
      alias: '',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs,
      timeField: options.timeField,
      intervalMs: DEFAULT_INTERVAL_MS,
      maxDataPoints: DEFAULT_MAX_DATA_POINTS,
    },
  };
}

function expression(refId: string, model: Record<string, unknown>): RuleQuery {
  return {
    refId,
    queryType: '',
    relativeTimeRange: { from: 0, to: 0 },
    datasourceUid: EXPRESSION_DATASOURCE_UID,
    model: {
      refId,
      datasource: { type: EXPRESSION_DATASOURCE_UID, uid: EXPRESSION_DATASOURCE_UID },
      ...model,
      intervalMs: DEFAULT_INTERVAL_MS,
      maxDataPoints: DEFAULT_MAX_DATA_POINTS,
    },
  };
}

export type Reducer = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';

/**
 * A reduce expression. `replaceNN` with 0 makes an empty or null bucket count as zero documents;
 * `dropNN` ignores them (for means over a history that may have gaps).
 */
export function reduce(refId: string, input: string, reducer: Reducer, mode: 'replaceNN' | 'dropNN' = 'replaceNN'): RuleQuery {
  const settings = mode === 'replaceNN' ? { mode, replaceWithValue: 0 } : { mode };
  return expression(refId, { type: 'reduce', expression: input, reducer, settings });
}

/** A math expression over other refIds (`$B / $C`), joined by labels. */
export function math(refId: string, formula: string): RuleQuery {
  return expression(refId, { type: 'math', expression: formula });
}

export type ThresholdType = 'gt' | 'lt' | 'gte' | 'lte' | 'eq' | 'ne';

/** The condition every rule ends with: a threshold maps NaN to 0, so NaN never fires by accident. */
export function threshold(refId: string, input: string, type: ThresholdType, value: number): RuleQuery {
  return expression(refId, { type: 'threshold', expression: input, conditions: [{ evaluator: { type, params: [value] } }] });
}
