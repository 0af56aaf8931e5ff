/**
 * Shapes shared by the whole package: the OpenSearch data source's query model (as Grafana's
 * frontend and alerting send it), its settings, and data frames as plain JSON.
 */

/** Aggregation settings: Grafana's editor stores almost everything as strings. */
export type Settings = Record<string, unknown>;

/** One metric of a Lucene target (`metrics[]`). */
export interface MetricAgg {
  id: string;
  /** count avg sum max min extended_stats percentiles cardinality moving_avg moving_fn cumulative_sum derivative bucket_script raw_data raw_document logs */
  type: string;
  field?: string;
  hide?: boolean;
  settings?: Settings;
  /** extended_stats: which statistics to show, e.g. `{ avg: true, std_deviation: true }`. */
  meta?: Record<string, unknown>;
  /** Legacy pipeline source (the frontend now writes the metric id in `field`). */
  pipelineAgg?: string;
  /** bucket_script variables; the frontend sends an array, older models a map. */
  pipelineVariables?: Array<{ name: string; pipelineAgg: string }> | Record<string, string>;
}

/** One bucket aggregation of a Lucene target (`bucketAggs[]`, outermost first). */
export interface BucketAgg {
  id: string;
  /** date_histogram histogram terms filters geohash_grid */
  type: string;
  field?: string;
  settings?: Settings;
}

/** A panel or alert target of `grafana-opensearch-datasource` in its Lucene form. */
export interface OpenSearchTarget {
  refId: string;
  /** `lucene` (default) or `PPL`; only Lucene is modelled. */
  queryType?: string;
  query?: string;
  /** Drives the editor only; the backend checks just `Traces`. */
  luceneQueryType?: 'Metric' | 'Logs' | 'RawData' | 'RawDocument' | 'Traces' | string;
  alias?: string;
  format?: string;
  metrics?: MetricAgg[];
  bucketAggs?: BucketAgg[];
  /** Ignored by the backend: the data source's `timeField` always wins. */
  timeField?: string;
  /** Per-query index override. */
  index?: string;
  /** The request's interval in ms (Grafana's `DataQuery.Interval`): the auto interval's floor. */
  intervalMs?: number;
  maxDataPoints?: number;
  hide?: boolean;
  datasource?: { type?: string; uid?: string };
  [extra: string]: unknown;
}

/** Daily-style index patterns the data source expands over the time range. */
export type IndexInterval = '' | 'Hourly' | 'Daily' | 'Weekly' | 'Monthly' | 'Yearly';

/** The data source instance: its URL plus the `jsonData` keys the backend reads. */
export interface DatasourceSettings {
  uid: string;
  url?: string;
  /** Index, wildcard, `a,b` or a pattern such as `[logs-]YYYY.MM.DD` with `interval`. */
  database?: string;
  timeField: string;
  /** Required semver, e.g. "2.19.0". */
  version: string;
  flavor?: 'opensearch' | 'elasticsearch';
  maxConcurrentShardRequests?: number;
  interval?: IndexInterval;
  /** Minimum auto interval, applied by the frontend (e.g. "10s"). */
  timeInterval?: string;
  /** Undocumented bucket budget; default 65535. */
  maxBuckets?: number;
  logMessageField?: string;
  logLevelField?: string;
}

/** An absolute time range in epoch milliseconds, inclusive on both ends as Grafana sends it. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export type FieldType = 'time' | 'number' | 'string' | 'boolean' | 'other';

export interface FieldConfig {
  displayNameFromDS?: string;
  displayName?: string;
  filterable?: boolean;
  [key: string]: unknown;
}

/** A column of a data frame. Time values are epoch ms; `other` values are parsed JSON. */
export interface Field {
  name: string;
  type: FieldType;
  labels?: Record<string, string>;
  config?: FieldConfig;
  values: unknown[];
}

export interface FrameMeta {
  type?: string;
  typeVersion?: [number, number];
  preferredVisualisationType?: string;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A data frame as plain JSON, the same shape as the data source's snapshot goldens. */
export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

/** One search of an `_msearch` call, before serialisation. */
export interface SearchRequest {
  refId: string;
  header: { search_type: 'query_then_fetch'; ignore_unavailable: true; index: string };
  body: Record<string, unknown>;
  /** The date histogram interval `auto` resolved to. */
  interval: { text: string; ms: number };
}

/** What `toMsearch` produces: the NDJSON body and the searches it is made of. */
export interface MsearchRequest {
  /** Path and query string to POST to, relative to the data source URL. */
  path: string;
  ndjson: string;
  requests: SearchRequest[];
}

/** One response of an `_msearch` reply (`responses[i]`). */
export interface SearchResponse {
  aggregations?: Record<string, unknown>;
  hits?: { total?: unknown; hits?: Array<Record<string, unknown>> };
  error?: Record<string, unknown>;
  status?: number;
  [key: string]: unknown;
}
