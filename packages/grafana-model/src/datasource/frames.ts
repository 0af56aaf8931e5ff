import { GrafanaModelError, SearchResponseError } from '../errors';
import type { BucketAgg, DatasourceSettings, Field, FieldType, Frame, MetricAgg, OpenSearchTarget, SearchResponse } from '../types';
import { goJson } from './request';

/** Display names of metric types (pkg/opensearch/models.go metricAggType). */
const METRIC_NAMES: Record<string, string> = {
  count: 'Count',
  avg: 'Average',
  sum: 'Sum',
  max: 'Max',
  min: 'Min',
  extended_stats: 'Extended Stats',
  percentiles: 'Percentiles',
  cardinality: 'Unique Count',
  moving_avg: 'Moving Average',
  moving_fn: 'Moving Function',
  cumulative_sum: 'Cumulative Sum',
  derivative: 'Derivative',
  bucket_script: 'Bucket Script',
  raw_document: 'Raw Document',
};

/** Display names of extended statistics (models.go extendedStats). */
const EXTENDED_STAT_NAMES: Record<string, string> = {
  avg: 'Avg',
  min: 'Min',
  max: 'Max',
  sum: 'Sum',
  count: 'Count',
  std_deviation: 'Std Dev',
  std_deviation_bounds_upper: 'Std Dev Upper',
  std_deviation_bounds_lower: 'Std Dev Lower',
};

const PIPELINE_TYPES = new Set(['moving_avg', 'moving_fn', 'cumulative_sum', 'derivative', 'bucket_script']);
const MAX_FLATTEN_DEPTH = 10;
const TIME_SERIES_META = { type: 'timeseries-multi', typeVersion: [0, 0] as [number, number] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function metricName(type: string): string {
  return METRIC_NAMES[type] ?? EXTENDED_STAT_NAMES[type] ?? type;
}

function describeMetric(type: string, field: string | undefined): string {
  const text = METRIC_NAMES[type] ?? '';
  return type === 'count' ? text : `${text} ${field ?? ''}`;
}

/** castToFloat: numbers pass, numeric strings parse, "NaN" and anything else become null. */
function castToFloat(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value.toLowerCase() === 'nan') return null;
    const parsed = Number(value);
    return value.trim() !== '' && !Number.isNaN(parsed) ? parsed : null;
  }
  return null;
}

function getPath(object: unknown, ...path: string[]): unknown {
  let current = object;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function timeSeriesFrame(times: number[], labels: Record<string, string>, values: Array<number | null>): Frame {
  return {
    meta: { ...TIME_SERIES_META, typeVersion: [0, 0] },
    fields: [
      { name: 'Time', type: 'time', values: times },
      { name: 'Value', type: 'number', labels, values },
    ],
  };
}

function bucketTime(bucket: Json): number {
  const key = bucket.key;
  if (typeof key !== 'number') throw new GrafanaModelError('date histogram bucket without a numeric key');
  return Math.trunc(key);
}

function processMetrics(agg: Json, target: OpenSearchTarget, frames: Frame[], props: Record<string, string>): void {
  const buckets = Array.isArray(agg.buckets) ? (agg.buckets as Json[]) : [];
  for (const metric of target.metrics ?? []) {
    if (metric.hide) continue;
    if (metric.type === 'count') {
      frames.push(timeSeriesFrame(buckets.map(bucketTime), { ...props, metric: 'count' }, buckets.map((b) => castToFloat(b.doc_count))));
      continue;
    }
    if (metric.type === 'percentiles') {
      const first = buckets[0];
      if (!first) continue;
      const percentileValues = getPath(first, metric.id, 'values');
      const names = isObject(percentileValues) ? Object.keys(percentileValues).sort() : [];
      for (const name of names) {
        frames.push(
          timeSeriesFrame(
            buckets.map(bucketTime),
            { ...props, metric: `p${name}`, field: metric.field ?? '' },
            buckets.map((b) => castToFloat(getPath(b, metric.id, 'values', name))),
          ),
        );
      }
      continue;
    }
    if (metric.type === 'extended_stats') {
      for (const stat of enabledStats(metric)) {
        frames.push(
          timeSeriesFrame(
            buckets.map(bucketTime),
            { ...props, metric: stat, field: metric.field ?? '' },
            buckets.map((b) => extendedStatValue(b, metric.id, stat)),
          ),
        );
      }
      continue;
    }
    const times: number[] = [];
    const values: Array<number | null> = [];
    for (const bucket of buckets) {
      const valueObject = bucket[metric.id];
      // A bucket without this metric (pipelines skip the first buckets) drops the point entirely.
      if (!isObject(valueObject)) continue;
      times.push(bucketTime(bucket));
      values.push(castToFloat('normalized_value' in valueObject ? valueObject.normalized_value : valueObject.value));
    }
    frames.push(timeSeriesFrame(times, { ...props, metric: metric.type, field: metric.field ?? '', metricId: metric.id }, values));
  }
}

function enabledStats(metric: MetricAgg): string[] {
  return Object.keys(metric.meta ?? {})
    .sort()
    .filter((stat) => metric.meta?.[stat] === true);
}

function extendedStatValue(bucket: Json, id: string, stat: string): number | null {
  if (stat === 'std_deviation_bounds_upper') return castToFloat(getPath(bucket, id, 'std_deviation_bounds', 'upper'));
  if (stat === 'std_deviation_bounds_lower') return castToFloat(getPath(bucket, id, 'std_deviation_bounds', 'lower'));
  return castToFloat(getPath(bucket, id, stat));
}

function addMetricValue(fields: Field[], name: string, value: number | null): void {
  let field = fields.find((f) => f.name === name);
  if (!field) {
    field = { name, type: 'number', values: [] };
    fields.push(field);
  }
  field.values.push(value);
}

/**
 * Table frame for a non-date innermost bucket agg (processAggregationDocs). Faithful to 2.34.x:
 * outer bucket keys are not added as columns and each call replaces the frames, so nested terms
 * keep only the last outer bucket's rows.
 */
function processAggregationDocs(agg: Json, aggDef: BucketAgg, target: OpenSearchTarget, result: { frames: Frame[] }): void {
  const fields: Field[] = [];
  let frames: Frame[] = [];
  const keyName = aggDef.field ?? '';
  for (const bucket of Array.isArray(agg.buckets) ? (agg.buckets as Json[]) : []) {
    const key = bucket.key;
    const keyValue = typeof key === 'string' ? key : castNumberKey(key);
    const keyField = fields.find((f) => f.name === keyName);
    if (keyField) {
      keyField.values.push(keyValue);
    } else {
      fields.push({ name: keyName, type: typeof key === 'string' ? 'string' : 'number', config: { filterable: true }, values: [keyValue] });
    }
    const metrics = target.metrics ?? [];
    for (const metric of metrics) {
      if (metric.type === 'count') {
        addMetricValue(fields, metricName('count'), castToFloat(bucket.doc_count));
      } else if (metric.type === 'extended_stats') {
        // Only the first enabled statistic reaches the table (the loop breaks after one).
        const stat = enabledStats(metric)[0];
        if (stat !== undefined) addMetricValue(fields, metricName(metric.type), extendedStatValue(bucket, metric.id, stat));
      } else {
        let name = metricName(metric.type);
        if (metrics.filter((m) => m.type === metric.type).length > 1) {
          name += ` ${metric.field ?? ''}`;
          if (metric.type === 'bucket_script') {
            const script = metric.settings?.script;
            name = typeof script === 'string' ? script : '';
          }
        }
        addMetricValue(fields, name, castToFloat(getPath(bucket, metric.id, 'value')));
      }
    }
    frames = [{ fields }];
  }
  result.frames = frames;
}

function castNumberKey(key: unknown): number {
  if (typeof key !== 'number') throw new GrafanaModelError(`bucket key ${JSON.stringify(key)} is neither string nor number`);
  return key;
}

function processBuckets(aggs: Json, target: OpenSearchTarget, result: { frames: Frame[] }, props: Record<string, string>, depth: number): void {
  const bucketAggs = target.bucketAggs ?? [];
  const maxDepth = bucketAggs.length - 1;
  for (const aggId of Object.keys(aggs).sort()) {
    const aggDef = bucketAggs.find((b) => b.id === aggId);
    const agg = aggs[aggId];
    if (!aggDef || !isObject(agg)) continue;
    if (depth === maxDepth) {
      if (aggDef.type === 'date_histogram') processMetrics(agg, target, result.frames, props);
      else processAggregationDocs(agg, aggDef, target, result);
      continue;
    }
    const field = aggDef.field ?? '';
    if (Array.isArray(agg.buckets)) {
      for (const bucket of agg.buckets as Json[]) {
        const next = { ...props };
        if (typeof bucket.key === 'string') next[field] = bucket.key;
        else if (typeof bucket.key === 'number') next[field] = String(Math.trunc(bucket.key));
        if (typeof bucket.key_as_string === 'string') next[field] = bucket.key_as_string;
        processBuckets(bucket, target, result, next, depth + 1);
      }
    } else if (isObject(agg.buckets)) {
      const keyed = agg.buckets;
      for (const key of Object.keys(keyed).sort()) {
        const bucket = keyed[key];
        if (isObject(bucket)) processBuckets(bucket, target, result, { ...props, filter: key }, depth + 1);
      }
    }
  }
}

function pipelineVariables(metric: MetricAgg): Array<[string, string]> {
  const vars = metric.pipelineVariables;
  if (!vars) return [];
  return Array.isArray(vars) ? vars.map((v) => [v.name, v.pipelineAgg]) : Object.entries(vars);
}

/** Series display name (response_parser.go getFieldName); consumes the metric/field/metricId labels. */
function fieldName(frame: Frame, target: OpenSearchTarget, metricTypeCount: number): string {
  const valueField = frame.fields[1];
  if (!valueField) return target.alias ?? '';
  const labels = valueField.labels ?? {};
  const metricType = labels.metric ?? '';
  let name = metricName(metricType);
  delete labels.metric;
  let field = '';
  if ('field' in labels) {
    field = labels.field ?? '';
    delete labels.field;
  }
  const alias = target.alias ?? '';
  if (alias !== '') {
    let series = alias;
    for (const match of alias.matchAll(/\{\{([\s\S]+?)\}\}/g)) {
      const whole = match[0];
      const group = match[1] ?? whole;
      if (group.startsWith('term ')) series = series.replace(whole, () => labels[group.slice(5)] ?? '');
      if (group in labels) series = series.replace(whole, () => labels[group] ?? '');
      if (group === 'metric') series = series.replace(whole, () => name);
      if (group === 'field') series = series.replace(whole, () => field);
    }
    return series;
  }
  const metrics = target.metrics ?? [];
  if (field !== '' && PIPELINE_TYPES.has(metricType)) {
    if (metricType === 'bucket_script') {
      const metric = metrics.find((m) => m.id === labels.metricId);
      if (metric) {
        const script = metric.settings?.script;
        name = typeof script === 'string' ? script : '';
        for (const [variable, source] of pipelineVariables(metric)) {
          const applied = metrics.find((m) => m.id === source);
          if (applied) name = name.split(`params.${variable}`).join(describeMetric(applied.type, applied.field));
        }
      }
    } else {
      const applied = metrics.filter((m) => m.id === field);
      if (applied.length === 0) name = 'Unset';
      for (const m of applied) name += ` ${describeMetric(m.type, m.field)}`;
    }
  } else if (field !== '') {
    name += ` ${field}`;
  }
  delete labels.metricId;
  // Go ranges over a map here (random order); sorting by label name makes it deterministic.
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return name;
  const joined = keys.map((k) => labels[k]).join(' ').trim();
  return metricTypeCount === 1 ? joined : `${joined} ${name}`;
}

function nameFields(frames: Frame[], target: OpenSearchTarget): void {
  const metricTypes = new Set<string>();
  for (const frame of frames) {
    for (const field of frame.fields) {
      const metric = field.labels?.metric;
      if (metric !== undefined) metricTypes.add(metric);
    }
  }
  for (const frame of frames) {
    if (frame.meta?.type !== 'timeseries-multi') continue;
    const valueField = frame.fields[1];
    if (!valueField) continue;
    const name = fieldName(frame, target, metricTypes.size);
    valueField.config = { ...(valueField.config ?? {}), displayNameFromDS: name };
  }
}

function deleteRow(frame: Frame, row: number): void {
  for (const field of frame.fields) field.values.splice(row, 1);
}

/**
 * trimEdges as the backend applies it: only a numeric setting counts (the editor's string is
 * ignored), and rows are deleted by index while the frame shrinks, exactly as the Go loop does.
 */
function trimDatapoints(frames: Frame[], target: OpenSearchTarget): void {
  const histogram = (target.bucketAggs ?? []).find((b) => b.type === 'date_histogram');
  const trimEdges = histogram?.settings?.trimEdges;
  if (typeof trimEdges !== 'number' || !Number.isInteger(trimEdges)) return;
  for (const frame of frames) {
    const rows = () => frame.fields[0]?.values.length ?? 0;
    if (rows() <= trimEdges * 2) continue;
    for (let i = 0; i < trimEdges; i++) deleteRow(frame, i);
    for (let i = rows() - trimEdges; i < rows(); i++) deleteRow(frame, i);
  }
}

/** Flattens `_source` into dotted keys, descending into non-empty objects up to `maxDepth` levels. */
export function flatten(source: Json, maxDepth = MAX_FLATTEN_DEPTH): Json {
  const out: Json = {};
  const step = (depth: number, target: Json, prefix: string): void => {
    for (const [key, value] of Object.entries(target)) {
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (isObject(value) && Object.keys(value).length > 0 && depth < maxDepth) step(depth + 1, value, name);
      else out[name.replace(/^\.+|\.+$/g, '')] = value;
    }
  };
  step(0, source, '');
  return out;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Go's time.Parse(time.RFC3339Nano): a zone is required; returns epoch ms (sub-ms truncated). */
export function parseRfc3339Ms(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (fraction) ms += Math.trunc(Number(`0.${fraction}`) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    ms -= sign * ((zh ?? 0) * 60 + (zm ?? 0)) * 60000;
  }
  return Number.isNaN(ms) ? undefined : ms;
}

/** A parsed time, kept apart from plain numbers so field typing can tell them apart. */
class TimeValue {
  constructor(readonly ms: number) {}
}

function hitTimestamp(hit: Json, timeField: string): TimeValue | undefined {
  const fromFields = getPath(hit, 'fields', timeField);
  if (Array.isArray(fromFields) && fromFields.length === 1 && typeof fromFields[0] === 'string') {
    const ms = parseRfc3339Ms(fromFields[0]);
    if (ms !== undefined) return new TimeValue(ms);
    return undefined;
  }
  const fromSource = getPath(hit, '_source', timeField);
  if (typeof fromSource === 'string') {
    const ms = parseRfc3339Ms(fromSource);
    if (ms !== undefined) return new TimeValue(ms);
  }
  return undefined;
}

function typeOfValue(value: unknown): FieldType {
  if (value instanceof TimeValue) return 'time';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'other';
}

/** Sorts object keys recursively, as Go marshals maps. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (isObject(value)) {
    const out: Json = {};
    for (const key of Object.keys(value).sort()) out[key] = sortDeep(value[key]);
    return out;
  }
  return value;
}

/** Columns typed by their first non-null value; a value of another type becomes null (processDocsToDataFrameFields). */
function docsToFields(docs: Json[], names: string[]): Field[] {
  return names.map((name) => {
    const first = docs.find((doc) => doc[name] !== null && doc[name] !== undefined)?.[name] ?? docs[0]?.[name];
    const type = typeOfValue(first);
    const values = docs.map((doc) => {
      const value = doc[name];
      if (type === 'other') return value === undefined ? null : sortDeep(value);
      if (typeOfValue(value) !== type) return null;
      return value instanceof TimeValue ? value.ms : value;
    });
    return { name, type, config: { filterable: true }, values };
  });
}

function sortPropNames(names: Set<string>, front: string[]): string[] {
  const inFront: string[] = [];
  for (const field of front) {
    if (field !== '' && names.has(field)) {
      inFront.push(field);
      names.delete(field);
    }
  }
  return [...inFront, ...[...names].sort()];
}

function hitsOf(response: SearchResponse): Json[] {
  return (response.hits?.hits ?? []).filter(isObject);
}

function rawDataFrames(response: SearchResponse, timeField: string): Frame[] {
  const names = new Set<string>();
  const docs = hitsOf(response).map((hit) => {
    const doc: Json = { _id: hit._id ?? null, _type: hit._type ?? null, _index: hit._index ?? null };
    if (isObject(hit._source)) Object.assign(doc, flatten(hit._source));
    const time = hitTimestamp(hit, timeField);
    if (time) doc[timeField] = time;
    Object.keys(doc).forEach((k) => names.add(k));
    return doc;
  });
  return [{ fields: docsToFields(docs, sortPropNames(names, [timeField])) }];
}

function rawDocumentFrames(response: SearchResponse, refId: string): Frame[] {
  const values = hitsOf(response).map((hit) => {
    const doc: Json = { _id: hit._id ?? null, _type: hit._type ?? null, _index: hit._index ?? null };
    if (isObject(hit._source)) Object.assign(doc, hit._source);
    if (isObject(hit.fields)) Object.assign(doc, hit.fields);
    return sortDeep(doc);
  });
  return [{ name: refId, fields: [{ name: refId, type: 'other', config: { filterable: true }, values }] }];
}

function logsFrames(response: SearchResponse, datasource: DatasourceSettings): Frame[] {
  const timeField = datasource.timeField;
  const messageField = datasource.logMessageField || '_source';
  const levelField = datasource.logLevelField ?? '';
  const names = new Set<string>();
  const docs = hitsOf(response).map((hit) => {
    const flattened = isObject(hit._source) ? flatten(hit._source) : undefined;
    // The raw document is shown as JSON text in the log line.
    const doc: Json = {
      _id: hit._id ?? null,
      _type: hit._type ?? null,
      _index: hit._index ?? null,
      _source: flattened ? goJson(sortDeep(flattened)) : null,
    };
    for (const [key, value] of Object.entries(flattened ?? {})) {
      if (levelField !== '' && key === levelField) doc.level = value;
      else doc[key] = value;
    }
    if (isObject(hit.fields)) Object.assign(doc, hit.fields);
    const time = hitTimestamp(hit, timeField);
    if (time) doc[timeField] = time;
    Object.keys(doc).forEach((k) => names.add(k));
    return doc;
  });
  const total = getPath(response, 'hits', 'total', 'value');
  const meta: Frame['meta'] = { typeVersion: [0, 0], preferredVisualisationType: 'logs' };
  if (typeof total === 'number') meta.custom = { total };
  return [{ meta, fields: docsToFields(docs, sortPropNames(names, [timeField, messageField])) }];
}

/** The message OpenSearch gives for a failed search (root cause first). */
export function responseErrorMessage(error: Record<string, unknown>): string {
  const rootCause = getPath(error, 'root_cause');
  const first = Array.isArray(rootCause) ? rootCause[0] : undefined;
  const rootReason = getPath(first, 'reason');
  if (typeof rootReason === 'string' && rootReason !== '') return rootReason;
  if (typeof error.reason === 'string' && error.reason !== '') return error.reason;
  return 'unknown OpenSearch error response';
}

/**
 * Turns one `_msearch` response into the data frames grafana-opensearch-datasource (v2.34.x
 * backend, response_parser.go) builds for `target`: labelled time series (one per outer bucket
 * key, labels `<field>=<key>`, display name from the alias or the metric), a table for a
 * non-date innermost bucket agg, flattened Raw Data columns, one JSON column for Raw Document,
 * and a logs frame.
 *
 * Frames carry no `refId`, like the data source's own snapshots; pass `{ withRefId: true }` for
 * the frames a panel receives (Grafana stamps the refId after the data source returns).
 *
 * @throws SearchResponseError when the response is an error object.
 */
export function toFrames(
  response: SearchResponse,
  target: OpenSearchTarget,
  datasource: DatasourceSettings,
  options: { withRefId?: boolean } = {},
): Frame[] {
  const frames = buildFrames(response, target, datasource);
  // What a panel receives: Grafana's query service puts the refId on every frame.
  return options.withRefId ? frames.map((frame) => ({ ...frame, refId: target.refId })) : frames;
}

function buildFrames(response: SearchResponse, target: OpenSearchTarget, datasource: DatasourceSettings): Frame[] {
  if (response.error) throw new SearchResponseError(responseErrorMessage(response.error), target.refId);
  const first = target.metrics?.[0];
  switch (first?.type) {
    case 'raw_data':
      return rawDataFrames(response, datasource.timeField);
    case 'raw_document':
      return rawDocumentFrames(response, target.refId);
    case 'logs':
      return logsFrames(response, datasource);
    default: {
      const result = { frames: [] as Frame[] };
      processBuckets(response.aggregations ?? {}, target, result, {}, 0);
      nameFields(result.frames, target);
      trimDatapoints(result.frames, target);
      return result.frames;
    }
  }
}
