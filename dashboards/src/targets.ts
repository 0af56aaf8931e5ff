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

function histogramAgg(id: number, key: DataSourceKey): BucketAgg {
  return { id: String(id), type: 'date_histogram', field: dataSource(key).timeField, settings: { interval: 'auto', min_doc_count: '0', trimEdges: '0' } };
}

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

/** Documents per combination of terms, outermost first: a table frame. */
export function countByTerms(base: TargetBase & { readonly terms: readonly TermsSpec[] }): OpenSearchTarget {
  return target(
    base,
    'Metric',
    [{ id: '1', type: 'count' }],
    base.terms.map((spec, index) => termsAgg(index + 2, spec)),
  );
}

/** One metric per combination of terms (e.g. the newest heartbeat per worker). */
export function metricsByTerms(base: TargetBase & { readonly terms: readonly TermsSpec[]; readonly metrics: readonly MetricAgg[] }): OpenSearchTarget {
  const firstBucketId = base.metrics.length + 1;
  return target(
    base,
    'Metric',
    [...base.metrics],
    base.terms.map((spec, index) => termsAgg(firstBucketId + index, spec)),
  );
}

/** The newest documents, newest first. */
export function rawData(base: TargetBase & { readonly size: number }): OpenSearchTarget {
  return target(base, 'RawData', [{ id: '1', type: 'raw_data', settings: { size: String(base.size), order: 'desc' } }], []);
}
