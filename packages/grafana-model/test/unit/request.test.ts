import {
  annotationRequest,
  BucketBudgetError,
  calculateInterval,
  calculatePanelInterval,
  formatIntervalMs,
  InvalidQueryError,
  parseIntervalMs,
  roundIntervalMs,
  toAnnotations,
  toFrames,
  toMsearch,
  type DatasourceSettings,
  type OpenSearchTarget,
} from '../../src';

const ds: DatasourceSettings = { uid: 'os', url: 'http://x', database: 'findings-*', timeField: '@timestamp', version: '2.19.0' };
const DAY = 86_400_000;
const range = { fromMs: 1_700_000_000_000, toMs: 1_700_000_000_000 + DAY };
const bodyOf = (target: OpenSearchTarget, options = {}) => toMsearch([target], ds, range, options).requests[0]?.body as Record<string, any>;

// Brackets and formatting: opensearch-datasource pkg/tsdb/interval.go (roundInterval, FormatDuration,
// CalculateInterval, bucketFloorInterval).
describe('intervals', () => {
  it.each<[number, number]>([
    [15, 10],
    [16, 20],
    [125, 100],
    [1500, 1000],
    [1501, 2000],
    [57_600, 60_000],
    [90_001, 120_000],
    [172_800_000, DAY],
    [604_800_000, DAY],
    [604_800_001, 7 * DAY],
    [1_814_400_001, 30 * DAY],
    [3_628_800_000, 365 * DAY],
  ])('roundInterval(%d ms) = %d ms', (raw, rounded) => {
    expect(roundIntervalMs(raw)).toBe(rounded);
  });

  it('formats in the largest whole unit', () => {
    expect([100, 1000, 90_000, 3_600_000, DAY, 30 * DAY, 365 * DAY].map(formatIntervalMs)).toEqual(['100ms', '1s', '1m', '1h', '1d', '30d', '1y']);
  });

  it('auto: a day / 1500 = 57.6s → 1m; never below the request interval', () => {
    expect(calculateInterval(range, 1000)).toEqual({ text: '1m', ms: 60_000, raisedForBuckets: false });
    expect(calculateInterval(range, 300_000)).toEqual({ text: '5m', ms: 300_000, raisedForBuckets: false });
  });

  it('bucket budget raises the interval to the first bracket that fits 90% of max buckets', () => {
    // 500 × 2 terms → product 1000; budget 58981 → 58 time buckets; 1 day / 58 = 24.8m → 30m.
    expect(calculateInterval(range, 1000, 1000)).toEqual({ text: '30m', ms: 1_800_000, raisedForBuckets: true });
    expect(() => calculateInterval(range, 1000, 3000)).toThrow(BucketBudgetError);
    expect(() => calculateInterval(range, 1000, 3000)).toThrow(/13600|3000 buckets per time bucket/);
  });

  it('panel interval: span / maxDataPoints rounded, floored by the min interval', () => {
    expect(calculatePanelInterval(range, 1000)).toEqual({ intervalMs: 60_000, interval: '1m' });
    expect(calculatePanelInterval(range, 1000, '5m')).toEqual({ intervalMs: 300_000, interval: '5m' });
    expect(parseIntervalMs('>10s')).toBe(10_000);
    expect(parseIntervalMs('1h30m')).toBe(5_400_000);
    expect(() => parseIntervalMs('soon')).toThrow();
  });
});

// Request shapes: opensearch-datasource pkg/opensearch/lucene_handler.go and client/models.go.
describe('toMsearch', () => {
  it('terms × date_histogram with count: one search, metric-less terms ordered by _count', () => {
    const body = bodyOf({
      refId: 'A',
      query: 'severity:high',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [
        { id: '3', type: 'terms', field: 'type', settings: { size: '0', order: 'desc', orderBy: '1' } },
        { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '1h' } },
      ],
    });
    expect(body.aggs['3'].terms).toEqual({ field: 'type', size: 500, order: { _count: 'desc' } });
    expect(body.aggs['3'].aggs['2'].date_histogram.interval).toBe('1h');
    expect(body.aggs['3'].aggs['2'].aggs).toBeUndefined();
  });

  it('an empty query leaves the range filter as an object, not an array', () => {
    const body = bodyOf({ refId: 'A', query: '  ', metrics: [{ id: '1', type: 'raw_data', settings: { size: '5', order: 'desc' } }], bucketAggs: [] });
    expect(body.query.bool.filter).toEqual({ range: { '@timestamp': { format: 'epoch_millis', gte: range.fromMs, lte: range.toMs } } });
    expect(body.size).toBe(5);
  });

  it('numeric raw-data size is ignored (only string settings parse) → 500', () => {
    expect(bodyOf({ refId: 'A', metrics: [{ id: '1', type: 'raw_data', settings: { size: 10 } }] }).size).toBe(500);
  });

  it('filters agg: label → query_string with analyze_wildcard; empty label uses the query', () => {
    const body = bodyOf({
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'filters', settings: { filters: [{ query: 'a:1', label: 'A' }, { query: 'b:2', label: '' }] } }],
    });
    expect(body.aggs['2'].filters.filters).toEqual({ A: { query_string: { analyze_wildcard: true, query: 'a:1' } }, 'b:2': { query_string: { analyze_wildcard: true, query: 'b:2' } } });
  });

  it('bucket_script gets a buckets_path map (count → _count), other pipelines a path', () => {
    const body = bodyOf({
      refId: 'A',
      metrics: [
        { id: '1', type: 'count' },
        { id: '2', type: 'sum', field: 'bytes' },
        { id: '3', type: 'bucket_script', pipelineVariables: [{ name: 'a', pipelineAgg: '2' }, { name: 'b', pipelineAgg: '1' }], settings: { script: 'params.a / params.b' } },
        { id: '4', type: 'cumulative_sum', field: '1' },
      ],
      bucketAggs: [{ id: '5', type: 'date_histogram', settings: { interval: '1h' } }],
    });
    const inner = body.aggs['5'].aggs;
    expect(inner['3']).toEqual({ bucket_script: { buckets_path: { a: '2', b: '_count' }, script: 'params.a / params.b' } });
    expect(inner['4']).toEqual({ cumulative_sum: { buckets_path: '_count' } });
    expect(body.aggs['5'].date_histogram.field).toBe('@timestamp');
  });

  it('$__interval and $__interval_ms in the query are replaced by the backend too', () => {
    const body = bodyOf({
      refId: 'A',
      query: 'x:$__interval_ms OR y:$__interval',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'date_histogram', settings: { interval: 'auto' } }],
    });
    expect(body.query.bool.filter[1].query_string.query).toBe('x:60000 OR y:1m');
    expect(body.aggs['2'].date_histogram.interval).toBe('1m');
  });

  it('auto interval with terms on a multi-shard index applies the shard estimate', () => {
    const target: OpenSearchTarget = {
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [
        { id: '3', type: 'terms', field: 'a', settings: { size: '50' } },
        { id: '4', type: 'terms', field: 'b', settings: { size: '20' } },
        { id: '2', type: 'date_histogram', settings: { interval: 'auto' } },
      ],
    };
    // 2 shards: (2 × (75+10)) × (2 × (30+10)) = 13600 > 58981/20 → refused; 1 shard: 1000 → 30m.
    expect(() => toMsearch([target], ds, range, { shards: 2 })).toThrow(/13600 buckets per time bucket/);
    expect(toMsearch([target], ds, range, { shards: 1 }).requests[0]?.interval).toEqual({ text: '30m', ms: 1_800_000 });
  });

  it('header: index override, data source database, and max_concurrent_shard_requests', () => {
    const result = toMsearch(
      [
        { refId: 'A', metrics: [{ id: '1', type: 'logs' }] },
        { refId: 'B', index: 'other', metrics: [{ id: '1', type: 'logs' }] },
      ],
      { ...ds, maxConcurrentShardRequests: 3 },
      range,
    );
    expect(result.requests.map((r) => r.header.index)).toEqual(['findings-*', 'other']);
    expect(result.path).toBe('_msearch?max_concurrent_shard_requests=3');
    expect(result.ndjson.split('\n')).toHaveLength(5);
  });

  // client/search_request_test.go "and adding bucket and metric aggs", expressed as a target.
  it('terms → terms (ordered by avg) → date_histogram nests the order metric beside the histogram', () => {
    const body = bodyOf({
      refId: 'A',
      metrics: [{ id: '4', type: 'avg', field: '@value' }, { id: '5', type: 'max', field: '@value' }],
      bucketAggs: [
        { id: '1', type: 'terms', field: '@hostname', settings: { orderBy: '_term' } },
        { id: '2', type: 'terms', field: '@app', settings: { orderBy: '4', order: 'desc' } },
        { id: '3', type: 'date_histogram', field: '@timestamp', settings: { interval: '1h' } },
      ],
    });
    const inner = body.aggs['1'].aggs['2'];
    expect(body.aggs['1'].terms.field).toBe('@hostname');
    expect(inner.terms).toEqual({ field: '@app', size: 500, order: { '4': 'desc' } });
    expect(inner.aggs['4']).toEqual({ avg: { field: '@value' } });
    expect(inner.aggs['3'].aggs).toEqual({ '4': { avg: { field: '@value' } }, '5': { max: { field: '@value' } } });
  });

  it('rejects what the data source rejects', () => {
    expect(() => toMsearch([{ refId: 'A', metrics: [{ id: '1', type: 'count' }] }], ds, range)).toThrow(InvalidQueryError);
    expect(() => toMsearch([{ refId: 'A', queryType: 'PPL', metrics: [{ id: '1', type: 'logs' }] }], ds, range)).toThrow(/PPL/);
  });
});

// Frame naming: response_parser.go getFieldName / trimDatapoints.
describe('toFrames naming and trimming', () => {
  const target: OpenSearchTarget = {
    refId: 'A',
    metrics: [{ id: '1', type: 'count' }],
    bucketAggs: [
      { id: '3', type: 'terms', field: 'type' },
      { id: '2', type: 'date_histogram', settings: { interval: '1h', trimEdges: 1 } },
    ],
  };
  const response = {
    aggregations: {
      '3': {
        buckets: [
          { key: 'Recon:EC2/PortProbe', doc_count: 6, '2': { buckets: [1, 2, 3, 4].map((i) => ({ key: i * 1000, doc_count: i })) } },
          { key: 'Trojan:EC2/X', doc_count: 2, '2': { buckets: [1, 2, 3].map((i) => ({ key: i * 1000, doc_count: 0 })) } },
        ],
      },
    },
  };

  it('one series per term, labelled field=key, named after the term, edges trimmed', () => {
    const frames = toFrames(response, target, ds);
    expect(frames.map((f) => f.fields[1]?.labels)).toEqual([{ type: 'Recon:EC2/PortProbe' }, { type: 'Trojan:EC2/X' }]);
    expect(frames.map((f) => f.fields[1]?.config?.displayNameFromDS)).toEqual(['Recon:EC2/PortProbe', 'Trojan:EC2/X']);
    expect(frames[0]?.fields[0]?.values).toEqual([2000, 3000]);
    expect(frames[0]?.fields[1]?.values).toEqual([2, 3]);
  });

  it('alias patterns {{term field}}, {{metric}}, {{field}}', () => {
    const frames = toFrames(response, { ...target, alias: '{{term type}} / {{metric}}' }, ds);
    expect(frames.map((f) => f.fields[1]?.config?.displayNameFromDS)).toEqual(['Recon:EC2/PortProbe / Count', 'Trojan:EC2/X / Count']);
  });

  it('terms only → a table with the key column and Count', () => {
    const frames = toFrames(
      { aggregations: { '3': { buckets: [{ key: 'a', doc_count: 3 }, { key: 'b', doc_count: 1 }] } } },
      { ...target, bucketAggs: [{ id: '3', type: 'terms', field: 'type' }] },
      ds,
    );
    expect(frames).toEqual([
      {
        fields: [
          { name: 'type', type: 'string', config: { filterable: true }, values: ['a', 'b'] },
          { name: 'Count', type: 'number', values: [3, 1] },
        ],
      },
    ]);
  });

  it('percentiles give one series per percentile; extended_stats one per enabled stat', () => {
    const frames = toFrames(
      {
        aggregations: {
          '2': {
            buckets: [{ key: 1000, doc_count: 1, '1': { values: { '50.0': 3, '95.0': 9 } }, '4': { avg: 2, std_deviation_bounds: { upper: 5, lower: -1 } } }],
          },
        },
      },
      {
        refId: 'A',
        metrics: [
          { id: '1', type: 'percentiles', field: 'latency' },
          { id: '4', type: 'extended_stats', field: 'latency', meta: { avg: true, std_deviation_bounds_upper: true, max: false } },
        ],
        bucketAggs: [{ id: '2', type: 'date_histogram' }],
      },
      ds,
    );
    expect(frames.map((f) => f.fields[1]?.config?.displayNameFromDS)).toEqual(['p50.0 latency', 'p95.0 latency', 'Average latency', 'Std Dev Upper latency']);
    // "avg" is looked up in the metric names before the extended-stat names, hence "Average".
    expect(frames.map((f) => f.fields[1]?.values[0])).toEqual([3, 9, 2, 5]);
  });

  it('an error response throws with the root cause', () => {
    expect(() => toFrames({ error: { root_cause: [{ reason: 'no such index' }], reason: 'x' } }, target, ds)).toThrow('no such index');
  });
});

// Annotations: opensearch-datasource src/opensearchDatasource.ts annotationQuery.
describe('annotations', () => {
  it('request: size 10000, should of from/to ranges, query_string without analyze_wildcard', () => {
    const request = annotationRequest({ target: { query: 'type:$t' }, timeEndField: 'end' }, ds, range, [{ name: 't', current: 'a/b' }]);
    expect(request.header).toEqual({ search_type: 'query_then_fetch', ignore_unavailable: true, index: 'findings-*' });
    expect(request.body).toEqual({
      query: {
        bool: {
          filter: [
            {
              bool: {
                should: [
                  { range: { '@timestamp': { from: range.fromMs, to: range.toMs, format: 'epoch_millis' } } },
                  { range: { end: { from: range.fromMs, to: range.toMs, format: 'epoch_millis' } } },
                ],
                minimum_should_match: 1,
              },
            },
            { query_string: { query: 'type:a\\/b' } },
          ],
        },
      },
      size: 10000,
    });
  });

  it('events: dotted paths, tags split on commas, timeEnd, legacy title', () => {
    const events = toAnnotations(
      {
        hits: {
          hits: [
            { _source: { '@timestamp': '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', finding: { title: 'T', detail: { text: 'body' } }, tags: 'a,b' } },
            { _source: { '@timestamp': '2026-01-01T00:00:00', finding: { detail: {} } } },
          ],
        },
      },
      { textField: 'finding.detail.text', timeEndField: 'end', titleField: 'finding.title' },
    );
    expect(events).toEqual([
      { time: Date.parse('2026-01-01T00:00:00Z'), timeEnd: Date.parse('2026-01-01T01:00:00Z'), text: 'T\nbody', tags: ['a', 'b'] },
      // A missing tags field yields '' which is then split: Grafana's own behaviour.
      { time: Date.parse('2026-01-01T00:00:00Z'), text: '', tags: [''] },
    ]);
  });
});
