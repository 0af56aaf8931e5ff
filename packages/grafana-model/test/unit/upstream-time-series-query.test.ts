import { toMsearch, type OpenSearchTarget } from '../../src';

/*
 * The request cases of grafana/opensearch-datasource pkg/opensearch/time_series_query_test.go
 * (Test_raw_data, TestExecuteTimeSeriesQuery), transcribed as data: the same target, range
 * (2018-05-15 17:50–17:55 UTC) and 15s minimum interval, and the same properties asserted on the
 * request (paths below are `/`-separated). Cases for the Elasticsearch flavour and PPL are not modelled. Where the 2.34.x code
 * (lucene_handler.go at the bucket-budget release) differs from the older test, the 2.34.x
 * behaviour is asserted and the difference noted.
 */
const FROM = Date.UTC(2018, 4, 15, 17, 50);
const TO = Date.UTC(2018, 4, 15, 17, 55);
const datasource = { uid: 'fake', database: '[metrics-]YYYY.MM.DD', timeField: '@timestamp', version: '1.0.0' };

type Case = [string, Omit<OpenSearchTarget, 'refId'>, Array<[string, unknown]>];

function at(value: unknown, path: string): unknown {
  return path.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

const cases: Case[] = [
  [
    'Test_raw_data / With raw data metric query (from frontend tests)',
    { bucketAggs: [], metrics: [{ id: '1', type: 'raw_data', settings: { size: '1337' } }] },
    [
      ['query/bool/filter/range/@timestamp', { format: 'epoch_millis', gte: FROM, lte: TO }],
      ['size', 1337],
      ['sort', [{ '@timestamp': { order: 'desc', unmapped_type: 'boolean' } }, { _doc: { order: 'desc' } }]],
    ],
  ],
  [
    'With multiple bucket aggs',
    {
      bucketAggs: [
        { type: 'terms', field: '@host', id: '2', settings: { size: '0', order: 'asc' } },
        { type: 'date_histogram', field: '@timestamp', id: '3' },
      ],
      metrics: [{ type: 'count', id: '1' }],
    },
    [
      ['aggs/2/terms/field', '@host'],
      ['aggs/2/terms/size', 500],
      ['aggs/2/aggs/3/date_histogram/field', '@timestamp'],
    ],
  ],
  [
    'With select field',
    { bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '2' }], metrics: [{ type: 'avg', field: '@value', id: '1' }] },
    [
      ['aggs/2/date_histogram/field', '@timestamp'],
      ['aggs/2/aggs/1', { avg: { field: '@value' } }],
    ],
  ],
  [
    'With term agg and order by metric agg',
    {
      bucketAggs: [
        { type: 'terms', field: '@host', id: '2', settings: { size: '5', order: 'asc', orderBy: '5' } },
        { type: 'date_histogram', field: '@timestamp', id: '3' },
      ],
      metrics: [
        { type: 'count', id: '1' },
        { type: 'avg', field: '@value', id: '5' },
      ],
    },
    [
      ['aggs/2/aggs/5', { avg: { field: '@value' } }],
      ['aggs/2/aggs/3/aggs/5', { avg: { field: '@value' } }],
      ['aggs/2/terms/order', { '5': 'asc' }],
    ],
  ],
  [
    // The old test expected `_term` on OpenSearch 1.0.0; 2.34.x renames it for every OpenSearch version.
    'With term agg and order by term (2.34.x: _key)',
    {
      bucketAggs: [
        { type: 'terms', field: '@host', id: '2', settings: { size: '5', order: 'asc', orderBy: '_term' } },
        { type: 'date_histogram', field: '@timestamp', id: '3' },
      ],
      metrics: [{ type: 'count', id: '1' }, { type: 'avg', field: '@value', id: '5' }],
    },
    [['aggs/2/terms/order', { _key: 'asc' }]],
  ],
  [
    'With metric percentiles',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '3' }],
      metrics: [{ id: '1', type: 'percentiles', field: '@load_time', settings: { percents: ['1', '2', '3', '4'] } }],
    },
    [['aggs/3/aggs/1', { percentiles: { field: '@load_time', percents: ['1', '2', '3', '4'] } }]],
  ],
  [
    'With filters aggs',
    {
      bucketAggs: [
        { id: '2', type: 'filters', settings: { filters: [{ query: '@metric:cpu' }, { query: '@metric:logins.count' }] } },
        { type: 'date_histogram', field: '@timestamp', id: '4' },
      ],
      metrics: [{ type: 'count', id: '1' }],
    },
    [
      ['aggs/2/filters/filters/@metric:cpu/query_string/query', '@metric:cpu'],
      ['aggs/2/filters/filters/@metric:logins.count/query_string/query', '@metric:logins.count'],
      ['aggs/2/aggs/4/date_histogram/field', '@timestamp'],
    ],
  ],
  ['With raw document metric', { bucketAggs: [], metrics: [{ id: '1', type: 'raw_document', settings: {} }] }, [['size', 500]]],
  ['With raw document metric size set', { bucketAggs: [], metrics: [{ id: '1', type: 'raw_document', settings: { size: '1337' } }] }, [['size', 1337]]],
  [
    // `$__interval` is resolved in the serialised body: 5 min / 1500 = 200ms, floored at 15s.
    'With date histogram agg',
    {
      bucketAggs: [{ id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: 'auto', min_doc_count: 2 } }],
      metrics: [{ type: 'count', id: '1' }],
    },
    [
      ['aggs/2/date_histogram/field', '@timestamp'],
      ['aggs/2/date_histogram/interval', '15s'],
      ['aggs/2/date_histogram/min_doc_count', 2],
      ['aggs/2/date_histogram/extended_bounds', { min: FROM, max: TO }],
    ],
  ],
  [
    // 2.34.x reads the histogram interval as a string (stringToFloatWithDefaultValue), so the old
    // test's numeric 10 falls back to 1000; min_doc_count and missing stay.
    'With histogram agg (2.34.x: numeric interval → 1000)',
    {
      bucketAggs: [{ id: '3', type: 'histogram', field: 'bytes', settings: { interval: 10, min_doc_count: 2, missing: 5 } }],
      metrics: [{ type: 'count', id: '1' }],
    },
    [['aggs/3/histogram', { interval: 1000, field: 'bytes', min_doc_count: 2, missing: 5 }]],
  ],
  [
    'With geo hash grid agg (2.34.x: precision read as a string, default "3")',
    { bucketAggs: [{ id: '3', type: 'geohash_grid', field: '@location', settings: { precision: 3 } }], metrics: [{ type: 'count', id: '1' }] },
    [['aggs/3/geohash_grid', { field: '@location', precision: '3' }]],
  ],
  [
    'With moving average',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'sum', field: '@value' }, { id: '2', type: 'moving_avg', field: '3', pipelineAgg: '3' }],
    },
    [
      ['aggs/4/aggs', { '3': { sum: { field: '@value' } }, '2': { moving_avg: { buckets_path: '3' } } }],
    ],
  ],
  [
    'With moving average without "pipelineAgg" in input gets "pipelineAggField" from "field"',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'sum', field: '@value' }, { id: '2', type: 'moving_avg', field: '3' }],
    },
    [['aggs/4/aggs/2', { moving_avg: { buckets_path: '3' } }]],
  ],
  [
    'With moving average doc count',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'count', field: 'select field' }, { id: '2', type: 'moving_avg', field: '3', pipelineAgg: '3' }],
    },
    [['aggs/4/aggs', { '2': { moving_avg: { buckets_path: '_count' } } }]],
  ],
  [
    'With broken moving average',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '5' }],
      metrics: [
        { id: '3', type: 'sum', field: '@value' },
        { id: '2', type: 'moving_avg', pipelineAgg: '3' },
        { id: '4', type: 'moving_avg', pipelineAgg: 'Metric to apply moving average' },
      ],
    },
    [['aggs/5/aggs', { '3': { sum: { field: '@value' } }, '2': { moving_avg: { buckets_path: '3' } } }]],
  ],
  [
    'With cumulative sum',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'sum', field: '@value' }, { id: '2', type: 'cumulative_sum', field: '3', pipelineAgg: '3' }],
    },
    [['aggs/4/aggs', { '3': { sum: { field: '@value' } }, '2': { cumulative_sum: { buckets_path: '3' } } }]],
  ],
  [
    'With cumulative sum doc count',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'count', field: 'select field' }, { id: '2', type: 'cumulative_sum', field: '3', pipelineAgg: '3' }],
    },
    [['aggs/4/aggs', { '2': { cumulative_sum: { buckets_path: '_count' } } }]],
  ],
  [
    'With broken cumulative sum',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '5' }],
      metrics: [
        { id: '3', type: 'sum', field: '@value' },
        { id: '2', type: 'cumulative_sum', pipelineAgg: '3' },
        { id: '4', type: 'cumulative_sum', pipelineAgg: 'Metric to apply cumulative sum' },
      ],
    },
    [['aggs/5/aggs', { '3': { sum: { field: '@value' } }, '2': { cumulative_sum: { buckets_path: '3' } } }]],
  ],
  [
    'With derivative',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'sum', field: '@value' }, { id: '2', type: 'derivative', pipelineAgg: '3' }],
    },
    [['aggs/4/aggs/2', { derivative: { buckets_path: '3' } }]],
  ],
  [
    'With derivative doc count',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [{ id: '3', type: 'count', field: 'select field' }, { id: '2', type: 'derivative', pipelineAgg: '3' }],
    },
    [['aggs/4/aggs', { '2': { derivative: { buckets_path: '_count' } } }]],
  ],
  [
    'With bucket_script',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [
        { id: '3', type: 'sum', field: '@value' },
        { id: '5', type: 'max', field: '@value' },
        { id: '2', type: 'bucket_script', pipelineVariables: [{ name: 'var1', pipelineAgg: '3' }, { name: 'var2', pipelineAgg: '5' }], settings: { script: 'params.var1 * params.var2' } },
      ],
    },
    [['aggs/4/aggs/2', { bucket_script: { buckets_path: { var1: '3', var2: '5' }, script: 'params.var1 * params.var2' } }]],
  ],
  [
    'With bucket_script doc count',
    {
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '4' }],
      metrics: [
        { id: '3', type: 'count', field: 'select field' },
        { id: '2', type: 'bucket_script', pipelineVariables: [{ name: 'var1', pipelineAgg: '3' }], settings: { script: 'params.var1 * 1000' } },
      ],
    },
    [['aggs/4/aggs', { '2': { bucket_script: { buckets_path: { var1: '_count' }, script: 'params.var1 * 1000' } } }]],
  ],
  [
    'With Lucene query, should send single multisearch request',
    { bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '2' }], metrics: [{ type: 'avg', field: '@value', id: '1' }] },
    [['aggs/2/aggs/1/avg/field', '@value']],
  ],
];

describe('upstream time_series_query_test.go request cases', () => {
  it.each(cases)('%s', (_name, target, expectations) => {
    const result = toMsearch([{ refId: 'A', ...target }], datasource, { fromMs: FROM, toMs: TO }, { intervalMs: 15_000 });
    expect(result.requests).toHaveLength(1);
    const body = result.requests[0]?.body;
    for (const [path, expected] of expectations) {
      expect({ path, value: at(body, path) }).toEqual({ path, value: expected });
    }
  });
});
