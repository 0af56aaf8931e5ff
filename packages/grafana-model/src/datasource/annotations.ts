import type { DatasourceSettings, SearchResponse, TimeRange } from '../types';
import { frontendIndexList } from './index-pattern';
import { interpolate, type TemplateVariable } from '../templating/interpolate';

/** A dashboard `annotations.list[]` entry backed by the OpenSearch data source. */
export interface OpenSearchAnnotation {
  name?: string;
  enable?: boolean;
  datasource?: { type?: string; uid?: string };
  target?: { refId?: string; query?: string };
  /** Legacy location of the query. */
  query?: string;
  /** Defaults to `@timestamp`, not the data source's timeField. */
  timeField?: string;
  timeEndField?: string;
  textField?: string;
  /** Defaults to `tags`. */
  tagsField?: string;
  /** Legacy: prepended to the text. */
  titleField?: string;
  /** Legacy per-annotation index. */
  index?: string;
}

/** An annotation event as the dashboard draws it. */
export interface AnnotationEvent {
  time: number;
  timeEnd?: number;
  text: unknown;
  tags: unknown;
}

/** The `_msearch` the browser sends for an annotation. */
export interface AnnotationRequest {
  header: { search_type: 'query_then_fetch'; ignore_unavailable: true; index: string };
  body: { query: unknown; size: number };
  ndjson: string;
}

/**
 * The annotation query of the data source's frontend (`annotationQuery` in
 * src/opensearchDatasource.ts), which runs in the browser, not through the backend: size 10000,
 * a `bool.should` of `{from,to}` ranges on `timeField` (default `@timestamp`) and `timeEndField`,
 * and a `query_string` without `analyze_wildcard`, the query interpolated with the lucene format (an
 * empty query stays empty and matches nothing).
 */
export function annotationRequest(
  annotation: OpenSearchAnnotation,
  datasource: DatasourceSettings,
  range: TimeRange,
  variables: readonly TemplateVariable[] = [],
): AnnotationRequest {
  const timeField = annotation.timeField || '@timestamp';
  const dateRanges: unknown[] = [{ range: { [timeField]: { from: range.fromMs, to: range.toMs, format: 'epoch_millis' } } }];
  if (annotation.timeEndField) {
    dateRanges.push({ range: { [annotation.timeEndField]: { from: range.fromMs, to: range.toMs, format: 'epoch_millis' } } });
  }
  // The legacy `query` wins over `target.query`; no `*` default here, unlike panel queries.
  const queryString = annotation.query || annotation.target?.query || '';
  const query = {
    bool: {
      filter: [
        { bool: { should: dateRanges, minimum_should_match: 1 } },
        { query_string: { query: interpolate(queryString, variables, 'lucene', { range }) } },
      ],
    },
  };
  const header = {
    search_type: 'query_then_fetch' as const,
    ignore_unavailable: true as const,
    index: annotation.index || frontendIndexList(datasource.database ?? '', datasource.interval, range),
  };
  const body = { query, size: 10000 };
  return { header, body, ndjson: `${JSON.stringify(header)}\n${JSON.stringify(body)}\n` };
}

/** Walks a dotted name through nested `_source` objects; a missing or falsy step gives ''. */
function fieldFromSource(source: unknown, fieldName: string | undefined): unknown {
  if (!fieldName) return undefined;
  let value: unknown = source;
  for (const part of fieldName.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    if (!value) return '';
  }
  return value;
}

/** moment's `toUtc(x).valueOf()`: numbers are epoch ms, strings ISO 8601 (UTC when no zone). */
function toUtcMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
    return Date.parse(hasZone || !value.includes('T') ? value : `${value}Z`);
  }
  return Number.NaN;
}

/**
 * Turns the annotation search's response into events: `time` from `timeField` (a string or number
 * in `fields` wins over `_source`), `timeEnd`, `text` (with the legacy title prepended), and
 * `tags`, split on commas when a string.
 */
export function toAnnotations(response: SearchResponse, annotation: OpenSearchAnnotation): AnnotationEvent[] {
  const timeField = annotation.timeField || '@timestamp';
  const tagsField = annotation.tagsField || 'tags';
  const events: AnnotationEvent[] = [];
  for (const hit of response.hits?.hits ?? []) {
    const source = hit._source;
    let time = fieldFromSource(source, timeField);
    const fields = hit.fields as Record<string, unknown> | undefined;
    if (fields && (typeof fields[timeField] === 'string' || typeof fields[timeField] === 'number')) time = fields[timeField];
    const event: AnnotationEvent = {
      time: toUtcMs(time),
      text: fieldFromSource(source, annotation.textField),
      tags: fieldFromSource(source, tagsField),
    };
    if (annotation.timeEndField) {
      const timeEnd = fieldFromSource(source, annotation.timeEndField);
      if (timeEnd) event.timeEnd = toUtcMs(timeEnd);
    }
    if (annotation.titleField) {
      const title = fieldFromSource(source, annotation.titleField);
      if (title) event.text = `${String(title)}\n${String(event.text)}`;
    }
    if (typeof event.tags === 'string') event.tags = event.tags.split(',');
    events.push(event);
  }
  return events;
}
