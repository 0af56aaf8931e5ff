/** Base class of every error this package throws, so callers can catch the whole family. */
export class GrafanaModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A target Grafana's data source would reject (missing metrics, unknown aggregation…). */
export class InvalidQueryError extends GrafanaModelError {
  constructor(message: string, readonly refId?: string) {
    super(refId ? `${refId}: ${message}` : message);
  }
}

/**
 * The data source's 2.34.x bucket budget: terms aggregations leave fewer than 20 time buckets
 * within `maxBuckets`, so it refuses the query (pkg/tsdb/interval.go, ErrBucketBudgetOutOfBounds).
 */
export class BucketBudgetError extends GrafanaModelError {
  constructor(readonly termsProduct: number, readonly maxBuckets: number) {
    super(
      `bucket budget out of bounds: terms aggregations would produce up to ${termsProduct} buckets per time bucket, ` +
        `leaving fewer than 20 time buckets within the ${maxBuckets} bucket limit; reduce the terms size or narrow the time range`,
    );
  }
}

/** A math expression that does not parse, or an expression model Grafana would refuse. */
export class ExpressionError extends GrafanaModelError {}

/** An HTTP call to OpenSearch failed or returned a non-JSON body. */
export class OpenSearchRequestError extends GrafanaModelError {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** OpenSearch answered a search with an error object instead of results. */
export class SearchResponseError extends GrafanaModelError {
  constructor(message: string, readonly refId: string) {
    super(message);
  }
}
