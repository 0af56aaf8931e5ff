import { InvalidQueryError } from '../errors';
import type {
  BucketAgg,
  DatasourceSettings,
  MetricAgg,
  MsearchRequest,
  OpenSearchTarget,
  SearchRequest,
  Settings,
  TimeRange,
} from '../types';
import { indicesFor } from './index-pattern';
import { calculateInterval, DEFAULT_MAX_BUCKETS } from './interval';

/** Options that stand in for what Grafana knows at request time. */
export interface MsearchOptions {
  /**
   * The request interval in ms that floors `auto` (Grafana's `DataQuery.Interval`). Defaults to the
   * target's `intervalMs`, else 1000 as alerting uses.
   */
  intervalMs?: number;
  /**
   * Primary shard count of the queried index. The 2.34.x budget reads it from `GET <index>/_settings`
   * and treats unknown indices as 1 shard; see `fetchShardCount`.
   */
  shards?: number;
}

const DEFAULT_SIZE = 500;
const DEFAULT_TERMS_SIZE = 500;
const PIPELINE_TYPES = new Set(['moving_avg', 'moving_fn', 'cumulative_sum', 'derivative', 'bucket_script']);
const DOCUMENT_TYPES = new Set(['raw_data', 'raw_document']);

/** A plain JSON object whose keys are emitted in sorted order, as Go marshals a map. */
function sortedObject(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(entries).sort()) out[key] = entries[key];
  return out;
}

function settingString(settings: Settings | undefined, key: string): string | undefined {
  const value = settings?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** simplejson `Int()`: a JSON number with an integral value. */
function settingInt(settings: Settings | undefined, key: string): number | undefined {
  const value = settings?.[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** The frontend stores `min_doc_count` as a string; the backend turns integral strings into ints first. */
function minDocCountOf(settings: Settings | undefined): number | undefined {
  const asInt = settingInt(settings, 'min_doc_count');
  if (asInt !== undefined) return asInt;
  const text = settingString(settings, 'min_doc_count');
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
}

/** Go's strconv.Atoi on a string setting; `undefined` when absent, not a string or not an integer. */
function atoiSetting(settings: Settings | undefined, key: string): number | undefined {
  const text = settingString(settings, key);
  return text !== undefined && /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
}

/** The terms size the backend sends: integer or integral string, 0 or invalid → 500 ("No limit"). */
export function termsSize(bucketAgg: BucketAgg): number {
  const size = settingInt(bucketAgg.settings, 'size') ?? atoiSetting(bucketAgg.settings, 'size') ?? DEFAULT_TERMS_SIZE;
  return size === 0 ? DEFAULT_TERMS_SIZE : size;
}

/** Buckets OpenSearch materialises for one terms agg: exact on one shard, `shard_size` per shard otherwise. */
function termsBucketEstimate(size: number, shards: number): number {
  if (shards <= 1) return size;
  return shards * (Math.trunc(size * 1.5) + 10);
}

/** Product of the terms estimates, capped at `ceiling` (lucene_handler.go termsBucketProduct). */
export function termsBucketProduct(bucketAggs: readonly BucketAgg[], shards: number, ceiling: number): number {
  let product = 1;
  for (const agg of bucketAggs) {
    if (agg.type !== 'terms') continue;
    product *= termsBucketEstimate(termsSize(agg), shards);
    if (product >= ceiling) return ceiling;
  }
  return product;
}

function hasAutoDateHistogram(bucketAggs: readonly BucketAgg[]): boolean {
  return bucketAggs.some((agg) => {
    if (agg.type !== 'date_histogram') return false;
    const interval = agg.settings?.interval;
    return interval === undefined || interval === 'auto';
  });
}

/** A level of the aggregation tree being built: its aggs map in insertion order. */
type AggLevel = Record<string, Record<string, unknown>>;

interface AggNode {
  container: Record<string, unknown>;
  children: AggLevel;
}

function addAgg(level: AggLevel, id: string, type: string, body: unknown): AggNode {
  const children: AggLevel = {};
  const container: Record<string, unknown> = { [type]: body };
  level[id] = container;
  return { container, children };
}

/** Attaches child levels bottom-up; Go emits `aggs` only when a level has children. */
function finalizeAggs(level: AggLevel, childrenOf: Map<Record<string, unknown>, AggLevel>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, container] of Object.entries(level)) {
    const children = childrenOf.get(container);
    const entries: Record<string, unknown> = { ...container };
    if (children && Object.keys(children).length > 0) entries.aggs = finalizeAggs(children, childrenOf);
    out[id] = sortedObject(entries);
  }
  return out;
}

function metricBody(field: string | undefined, settings: Settings | undefined): Record<string, unknown> {
  const entries: Record<string, unknown> = { field: field ?? '' };
  for (const [key, value] of Object.entries(settings ?? {})) {
    if (key !== '' && value !== null && value !== undefined) entries[key] = value;
  }
  return sortedObject(entries);
}

function pipelineBody(bucketsPath: unknown, settings: Settings | undefined): Record<string, unknown> {
  const entries: Record<string, unknown> = { buckets_path: bucketsPath };
  for (const [key, value] of Object.entries(settings ?? {})) {
    if (key !== '' && value !== null && value !== undefined) entries[key] = value;
  }
  return sortedObject(entries);
}

function pipelineVariablesOf(metric: MetricAgg): Array<[string, string]> {
  const vars = metric.pipelineVariables;
  if (!vars) return [];
  if (Array.isArray(vars)) return vars.map((v) => [v.name, v.pipelineAgg]);
  return Object.entries(vars);
}

const isInteger = (text: string): boolean => /^[+-]?\d+$/.test(text);

class AggBuilder {
  readonly root: AggLevel = {};
  readonly childrenOf = new Map<Record<string, unknown>, AggLevel>();

  add(level: AggLevel, id: string, type: string, body: unknown): AggLevel {
    const node = addAgg(level, id, type, body);
    this.childrenOf.set(node.container, node.children);
    return node.children;
  }

  build(): Record<string, unknown> {
    return finalizeAggs(this.root, this.childrenOf);
  }
}

function dateHistogramBody(agg: BucketAgg, range: TimeRange, timeField: string): Record<string, unknown> {
  const settings = agg.settings;
  const rawInterval = settingString(settings, 'interval') ?? 'auto';
  const body: Record<string, unknown> = {
    field: agg.field || timeField,
    interval: rawInterval === 'auto' ? '$__interval' : rawInterval,
    min_doc_count: minDocCountOf(settings) ?? 0,
  };
  const missing = settingString(settings, 'missing');
  if (missing !== undefined) body.missing = missing;
  body.extended_bounds = { min: range.fromMs, max: range.toMs };
  body.format = settingString(settings, 'format') ?? 'epoch_millis';
  const offset = settingString(settings, 'offset');
  if (offset) body.offset = offset;
  return body;
}

function histogramBody(agg: BucketAgg): Record<string, unknown> {
  const text = settingString(agg.settings, 'interval') ?? '';
  let interval = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(interval) || interval <= 0) interval = 1000;
  const body: Record<string, unknown> = { interval, field: agg.field ?? '', min_doc_count: minDocCountOf(agg.settings) ?? 0 };
  const missing = settingInt(agg.settings, 'missing');
  if (missing !== undefined) body.missing = missing;
  return body;
}

function termsBody(agg: BucketAgg, metrics: readonly MetricAgg[], builder: AggBuilder, children: AggLevel): Record<string, unknown> {
  const settings = agg.settings;
  const order: Record<string, unknown> = {};
  const body: Record<string, unknown> = { field: agg.field ?? '', size: termsSize(agg), order };
  const minDocCount = minDocCountOf(settings);
  if (minDocCount !== undefined) body.min_doc_count = minDocCount;
  const missing = settingString(settings, 'missing');
  if (missing !== undefined) body.missing = missing;
  const orderBy = settingString(settings, 'orderBy');
  if (orderBy !== undefined) {
    const direction = settingString(settings, 'order') ?? 'desc';
    // A metric id, or `id[path]` for percentiles/extended stats, orders by that metric.
    const metricId = /^(\d+)/.exec(orderBy)?.[1];
    if (metricId) {
      const metric = metrics.find((m) => m.id === metricId);
      if (metric) {
        if (metric.type === 'count') {
          order._count = direction;
        } else {
          order[orderBy] = direction;
          builder.add(children, metric.id, metric.type, metricBody(metric.field, undefined));
        }
      }
    } else {
      order[orderBy] = direction;
    }
  }
  // OpenSearch (and Elasticsearch ≥ 6) renamed `_term` to `_key`.
  if ('_term' in order) {
    const direction = order._term;
    delete order._term;
    order._key = direction;
  }
  const hint = settingString(settings, 'execution_hint');
  if (hint !== undefined) body.execution_hint = hint;
  return body;
}

function filtersBody(agg: BucketAgg): Record<string, unknown> | undefined {
  const raw = agg.settings?.filters;
  if (!Array.isArray(raw)) return undefined;
  const filters: Record<string, unknown> = {};
  for (const item of raw) {
    const entry = (item ?? {}) as Record<string, unknown>;
    const query = typeof entry.query === 'string' ? entry.query : '';
    const label = typeof entry.label === 'string' && entry.label !== '' ? entry.label : query;
    filters[label] = { query_string: { analyze_wildcard: true, query } };
  }
  if (Object.keys(filters).length === 0) return undefined;
  return { filters: sortedObject(filters) };
}

function addMetrics(builder: AggBuilder, level: AggLevel, metrics: readonly MetricAgg[]): void {
  for (const metric of metrics) {
    if (metric.type === 'count') continue;
    if (!PIPELINE_TYPES.has(metric.type)) {
      builder.add(level, metric.id, metric.type, metricBody(metric.field, metric.settings));
      continue;
    }
    if (metric.type === 'bucket_script') {
      const variables = pipelineVariablesOf(metric);
      if (variables.length === 0) continue;
      const paths: Record<string, unknown> = {};
      for (const [name, source] of variables) {
        if (!isInteger(source)) continue;
        const applied = metrics.find((m) => m.id === source);
        if (applied) paths[name] = applied.type === 'count' ? '_count' : source;
      }
      builder.add(level, metric.id, metric.type, pipelineBody(sortedObject(paths), metric.settings));
      continue;
    }
    const source = metric.field || metric.pipelineAgg || '';
    if (!isInteger(source)) continue;
    const applied = metrics.find((m) => m.id === source);
    if (!applied) continue;
    builder.add(level, metric.id, metric.type, pipelineBody(applied.type === 'count' ? '_count' : source, metric.settings));
  }
}

/** Builds the search body of one Lucene target, with `$__interval` still unresolved. */
function searchBody(target: OpenSearchTarget, datasource: DatasourceSettings, range: TimeRange): Record<string, unknown> {
  const timeField = datasource.timeField;
  const metrics = target.metrics ?? [];
  const bucketAggs = target.bucketAggs ?? [];
  const first = metrics[0];
  const filters: unknown[] = [
    { range: { [timeField]: { format: 'epoch_millis', gte: range.fromMs, lte: range.toMs } } },
  ];
  const query = target.query ?? '';
  if (query.trim() !== '') filters.push({ query_string: { analyze_wildcard: true, query } });
  const body: Record<string, unknown> = {
    query: { bool: { filter: filters.length === 1 ? filters[0] : filters } },
    size: 0,
  };
  if (!first) throw new InvalidQueryError('invalid query, missing metrics and aggregations', target.refId);

  if (DOCUMENT_TYPES.has(first.type)) {
    // Upstream Test_raw_data expects desc when the editor stored no order.
    const order = settingString(first.settings, 'order') || 'desc';
    body.sort = [{ [timeField]: { order, unmapped_type: 'boolean' } }, { _doc: { order } }];
    body.fields = [{ field: timeField, format: 'strict_date_optional_time_nanos' }];
    body.size = atoiSetting(first.settings, 'size') ?? DEFAULT_SIZE;
    return sortedObject(body);
  }
  if (first.type === 'logs') {
    body.sort = [{ [timeField]: { order: 'desc', unmapped_type: 'boolean' } }, { _doc: { order: 'desc' } }];
    body.docvalue_fields = [timeField];
    body.script_fields = {};
    body.fields = [{ field: timeField, format: 'strict_date_optional_time_nanos' }];
    body.size = atoiSetting(first.settings, 'size') ?? DEFAULT_SIZE;
    // Logs get their own auto histogram on the time field; the target's bucket aggs are ignored.
    const builder = new AggBuilder();
    builder.add(builder.root, '1', 'date_histogram', dateHistogramBody({ id: '1', type: 'date_histogram', field: timeField }, range, timeField));
    body.aggs = builder.build();
    return sortedObject(body);
  }

  const builder = new AggBuilder();
  let level = builder.root;
  for (const agg of bucketAggs) {
    switch (agg.type) {
      case 'date_histogram':
        level = builder.add(level, agg.id, 'date_histogram', dateHistogramBody(agg, range, timeField));
        break;
      case 'histogram':
        level = builder.add(level, agg.id, 'histogram', histogramBody(agg));
        break;
      case 'filters': {
        const filtersAgg = filtersBody(agg);
        if (filtersAgg) level = builder.add(level, agg.id, 'filters', filtersAgg);
        break;
      }
      case 'terms': {
        const children: AggLevel = {};
        const termsAgg = termsBody(agg, metrics, builder, children);
        const node = addAgg(level, agg.id, 'terms', termsAgg);
        Object.assign(node.children, children);
        builder.childrenOf.set(node.container, node.children);
        level = node.children;
        break;
      }
      case 'geohash_grid':
        level = builder.add(level, agg.id, 'geohash_grid', {
          field: agg.field ?? '',
          precision: settingString(agg.settings, 'precision') ?? '3',
        });
        break;
      default:
        break;
    }
  }
  addMetrics(builder, level, metrics);
  const aggs = builder.build();
  if (Object.keys(aggs).length > 0) body.aggs = aggs;
  return sortedObject(body);
}

/**
 * Go's json.Marshal escapes `<`, `>`, `&`, U+2028 and U+2029 inside strings; doing the same keeps
 * our NDJSON byte-identical to what the data source sends.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function validate(target: OpenSearchTarget): void {
  if (target.queryType && target.queryType !== 'lucene') {
    throw new InvalidQueryError(`query type "${target.queryType}" is not modelled (Lucene only)`, target.refId);
  }
  if (target.luceneQueryType === 'Traces') {
    throw new InvalidQueryError('trace queries are not modelled', target.refId);
  }
  const metrics = target.metrics ?? [];
  if ((target.bucketAggs ?? []).length === 0) {
    const first = metrics[0];
    if (!first || !(DOCUMENT_TYPES.has(first.type) || first.type === 'logs')) {
      throw new InvalidQueryError('invalid query, missing metrics and aggregations', target.refId);
    }
  }
}

/** The header's index: the target's override, else the data source's indices for the range. */
function indexOf(target: OpenSearchTarget, datasource: DatasourceSettings, range: TimeRange): string {
  return target.index || indicesFor(datasource.database ?? '', datasource.interval, range).join(',');
}

/**
 * Turns Lucene targets into the `_msearch` call grafana-opensearch-datasource (v2.34.x backend)
 * makes for them: one header line and one body line per target, `auto` intervals resolved, the
 * range filter on the data source's `timeField`, and the bucket budget applied.
 *
 * Template variables must already be interpolated (see `interpolateTarget`): Grafana does that in
 * the browser before the query reaches the backend.
 *
 * @throws InvalidQueryError for targets the data source rejects; BucketBudgetError when the terms
 * aggregations leave too few time buckets.
 */
export function toMsearch(
  targets: readonly OpenSearchTarget[],
  datasource: DatasourceSettings,
  range: TimeRange,
  options: MsearchOptions = {},
): MsearchRequest {
  const maxBuckets = datasource.maxBuckets && datasource.maxBuckets > 0 ? datasource.maxBuckets : DEFAULT_MAX_BUCKETS;
  const requests: SearchRequest[] = [];
  const lines: string[] = [];
  for (const target of targets) {
    validate(target);
    const bucketAggs = target.bucketAggs ?? [];
    const minIntervalMs = options.intervalMs ?? target.intervalMs ?? 1000;
    const termsProduct =
      hasAutoDateHistogram(bucketAggs) && bucketAggs.some((agg) => agg.type === 'terms')
        ? termsBucketProduct(bucketAggs, options.shards ?? 1, maxBuckets)
        : 1;
    const interval = calculateInterval(range, minIntervalMs, termsProduct, maxBuckets);
    const header = { search_type: 'query_then_fetch' as const, ignore_unavailable: true as const, index: indexOf(target, datasource, range) };
    const rawBody = searchBody(target, datasource, range);
    // The client substitutes the interval in the serialised body, query text included.
    const bodyText = goJson(rawBody).replaceAll('$__interval_ms', String(interval.ms)).replaceAll('$__interval', interval.text);
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    requests.push({ refId: target.refId, header, body, interval: { text: interval.text, ms: interval.ms } });
    lines.push(goJson(sortedObject(header)), bodyText);
  }
  const shardRequests =
    datasource.maxConcurrentShardRequests && datasource.maxConcurrentShardRequests > 0 ? datasource.maxConcurrentShardRequests : 5;
  return {
    path: `_msearch?max_concurrent_shard_requests=${shardRequests}`,
    ndjson: lines.map((line) => `${line}\n`).join(''),
    requests,
  };
}
