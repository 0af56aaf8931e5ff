/**
 * Typed builders for OpenSearch Lucene targets. Terms sizes are always explicit (the editor's
 * "No limit" means 500 and trips the 2.34 bucket budget) and histograms are `auto`, bounded below
 * by the panel's `interval`.
 */
import { dataSource, dataSourceRef, type DataSourceKey } from './datasources';
import { aggField } from './fields';
import type { BucketAgg, MetricAgg, OpenSearchTarget } from './model/grafana';

export interface TermsSpec {
  /** Query-side field name; the aggregation uses its `.raw` subfield unless `exact` is set. */
  readonly field: string;
  readonly size: number;
  /** Bucket label for documents without the field (e.g. an account with no name). */
  readonly missing?: string;
  /** The field has no `.raw` subfield (numbers, booleans, dates). */
  readonly exact?: boolean;
}

function termsAgg(id: number, spec: TermsSpec): BucketAgg {
  return {
    id: String(id),
    type: 'terms',
    field: spec.exact === true ? spec.field : aggField(spec.field),
    settings: {
      size: String(spec.size),
      order: 'desc',
      orderBy: '_count',
      min_doc_count: '1',
      ...(spec.missing === undefined ? {} : { missing: spec.missing }),
    },
  };
}

function histogramAgg(id: number, key: DataSourceKey, interval = 'auto'): BucketAgg {
  return { id: String(id), type: 'date_histogram', field: dataSource(key).timeField, settings: { interval, min_doc_count: '0', trimEdges: '0' } };
}

/**
 * Histogram step of the multi-term tables. The data source (2.34.x) turns a terms-inside-terms
 * table into the rows of the last outer bucket only, so those panels end in a date histogram
 * instead (one labelled series per term combination) and a `reduce` transformation sums each
 * series into a row. The step only has to keep buckets few: at 90 days it makes 4 per series.
 */
export const TABLE_WINDOW_INTERVAL = '30d';

interface TargetBase {
  readonly refId: string;
  readonly source: DataSourceKey;
  readonly query: string;
  readonly alias?: string;
}

function target(base: TargetBase, luceneQueryType: OpenSearchTarget['luceneQueryType'], metrics: MetricAgg[], bucketAggs: BucketAgg[]): OpenSearchTarget {
  return {
    refId: base.refId,
    datasource: dataSourceRef(base.source),
    queryType: 'lucene',
    luceneQueryType,
    query: base.query,
    alias: base.alias ?? '',
    metrics,
    bucketAggs,
    timeField: dataSource(base.source).timeField,
  };
}

/** Documents per time bucket. */
export function countOverTime(base: TargetBase): OpenSearchTarget {
  return target(base, 'Metric', [{ id: '1', type: 'count' }], [histogramAgg(2, base.source)]);
}

/** Σ field per time bucket (occurrences: Σ count_delta). */
export function sumOverTime(base: TargetBase & { readonly field: string }): OpenSearchTarget {
  return target(base, 'Metric', [{ id: '1', type: 'sum', field: base.field }], [histogramAgg(2, base.source)]);
}

/** Documents per value of one term: a table frame (key column, Count). */
export function countByTerm(base: TargetBase & { readonly term: TermsSpec }): OpenSearchTarget {
  return target(base, 'Metric', [{ id: '1', type: 'count' }], [termsAgg(2, base.term)]);
}

/**
 * Documents per combination of several terms, outermost first, as one series per combination
 * (labels `<field>.raw=<value>`) over `TABLE_WINDOW_INTERVAL` buckets; see that constant.
 */
export function countByTermsSeries(base: TargetBase & { readonly terms: readonly TermsSpec[] }): OpenSearchTarget {
  const terms = base.terms.map((spec, index) => termsAgg(index + 2, spec));
  return target(base, 'Metric', [{ id: '1', type: 'count' }], [...terms, histogramAgg(terms.length + 2, base.source, TABLE_WINDOW_INTERVAL)]);
}

/** Metrics per value of one term (e.g. the newest heartbeat per worker): a table frame. */
export function metricsByTerm(base: TargetBase & { readonly term: TermsSpec; readonly metrics: readonly MetricAgg[] }): OpenSearchTarget {
  return target(base, 'Metric', [...base.metrics], [termsAgg(base.metrics.length + 1, base.term)]);
}

/** The newest documents, newest first. */
export function rawData(base: TargetBase & { readonly size: number }): OpenSearchTarget {
  return target(base, 'RawData', [{ id: '1', type: 'raw_data', settings: { size: String(base.size), order: 'desc' } }], []);
}
