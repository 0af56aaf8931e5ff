import { toFrames, type Frame, type OpenSearchTarget, type SearchResponse } from '../../src';

/*
 * The cases of grafana/opensearch-datasource pkg/opensearch/response_parser_test.go
 * (Test_ResponseParser_test, TestHistogramSimple), transcribed as data: the same target and
 * OpenSearch response, and the same display names, times and values expected of the frames.
 */
const ds = { uid: 'x', timeField: '@timestamp', version: '2.19.0' };

type Series = { name: string; times: number[]; values: Array<number | null> };
type Table = { table: Array<[string, unknown[]]> };
type Case = [string, Omit<OpenSearchTarget, 'refId'>, SearchResponse, Array<Series | Table>];

const hist = (points: Array<[number, number]>, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  points.map(([key, docCount], i) => ({ key, doc_count: docCount, ...extra(i) }));

const cases: Case[] = [
  [
    'Simple query and count',
    { metrics: [{ type: 'count', id: '1' }], bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '2' }] },
    { aggregations: { '2': { buckets: hist([[1000, 10], [2000, 15]]) } } },
    [{ name: 'Count', times: [1000, 2000], values: [10, 15] }],
  ],
  [
    'Simple query count & avg aggregation',
    { metrics: [{ type: 'count', id: '1' }, { type: 'avg', field: 'value', id: '2' }], bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '3' }] },
    { aggregations: { '3': { buckets: hist([[1000, 10], [2000, 15]], (i) => ({ '2': { value: [88, 99][i] } })) } } },
    [
      { name: 'Count', times: [1000, 2000], values: [10, 15] },
      { name: 'Average value', times: [1000, 2000], values: [88, 99] },
    ],
  ],
  [
    'Query average and derivative',
    { metrics: [{ type: 'avg', field: 'rating', id: '1' }, { type: 'derivative', field: '1', id: '3' }], bucketAggs: [{ type: 'date_histogram', field: 'release_date', id: '2' }] },
    { aggregations: { '2': { buckets: [{ '1': { value: 6.34 }, key: 1000, doc_count: 200 }, { '1': { value: 6.13 }, '3': { value: -0.21 }, key: 2000, doc_count: 369 }] } } },
    [
      { name: 'Average rating', times: [1000, 2000], values: [6.34, 6.13] },
      { name: 'Derivative Average rating', times: [2000], values: [-0.21] },
    ],
  ],
  [
    'Single group by query one metric',
    { metrics: [{ type: 'count', id: '1' }], bucketAggs: [{ type: 'terms', field: 'host', id: '2' }, { type: 'date_histogram', field: '@timestamp', id: '3' }] },
    {
      aggregations: {
        '2': {
          buckets: [
            { '3': { buckets: hist([[1000, 1], [2000, 3]]) }, doc_count: 4, key: 'server1' },
            { '3': { buckets: hist([[1000, 2], [2000, 8]]) }, doc_count: 10, key: 'server2' },
          ],
        },
      },
    },
    [
      { name: 'server1', times: [1000, 2000], values: [1, 3] },
      { name: 'server2', times: [1000, 2000], values: [2, 8] },
    ],
  ],
  [
    'Single group by query two metrics',
    { metrics: [{ type: 'count', id: '1' }, { type: 'avg', field: '@value', id: '4' }], bucketAggs: [{ type: 'terms', field: 'host', id: '2' }, { type: 'date_histogram', field: '@timestamp', id: '3' }] },
    {
      aggregations: {
        '2': {
          buckets: [
            { '3': { buckets: hist([[1000, 1], [2000, 3]], (i) => ({ '4': { value: [10, 12][i] } })) }, doc_count: 4, key: 'server1' },
            { '3': { buckets: hist([[1000, 1], [2000, 3]], (i) => ({ '4': { value: [20, 32][i] } })) }, doc_count: 10, key: 'server2' },
          ],
        },
      },
    },
    [
      { name: 'server1 Count', times: [1000, 2000], values: [1, 3] },
      { name: 'server1 Average @value', times: [1000, 2000], values: [10, 12] },
      { name: 'server2 Count', times: [1000, 2000], values: [1, 3] },
      { name: 'server2 Average @value', times: [1000, 2000], values: [20, 32] },
    ],
  ],
  [
    'With percentiles',
    { metrics: [{ type: 'percentiles', settings: { percents: [75, 90] }, id: '1' }], bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '3' }] },
    { aggregations: { '3': { buckets: [{ '1': { values: { '75': 3.3, '90': 5.5 } }, doc_count: 10, key: 1000 }, { '1': { values: { '75': 2.3, '90': 4.5 } }, doc_count: 15, key: 2000 }] } } },
    [
      { name: 'p75', times: [1000, 2000], values: [3.3, 2.3] },
      { name: 'p90', times: [1000, 2000], values: [5.5, 4.5] },
    ],
  ],
  [
    'With extended stats',
    {
      metrics: [{ type: 'extended_stats', meta: { max: true, std_deviation_bounds_upper: true, std_deviation_bounds_lower: true }, id: '1' }],
      bucketAggs: [{ type: 'terms', field: 'host', id: '3' }, { type: 'date_histogram', field: '@timestamp', id: '4' }],
    },
    {
      aggregations: {
        '3': {
          buckets: [
            { key: 'server1', '4': { buckets: [{ '1': { max: 10.2, min: 5.5, std_deviation_bounds: { upper: 3, lower: -2 } }, doc_count: 10, key: 1000 }] } },
            { key: 'server2', '4': { buckets: [{ '1': { max: 15.5, min: 3.4, std_deviation_bounds: { upper: 4, lower: -1 } }, doc_count: 10, key: 1000 }] } },
          ],
        },
      },
    },
    [
      { name: 'server1 Max', times: [1000], values: [10.2] },
      { name: 'server1 Std Dev Lower', times: [1000], values: [-2] },
      { name: 'server1 Std Dev Upper', times: [1000], values: [3] },
      { name: 'server2 Max', times: [1000], values: [15.5] },
      { name: 'server2 Std Dev Lower', times: [1000], values: [-1] },
      { name: 'server2 Std Dev Upper', times: [1000], values: [4] },
    ],
  ],
  [
    'Single group by with alias pattern',
    {
      alias: '{{term @host}} {{metric}} and {{not_exist}} {{@host}}',
      metrics: [{ type: 'count', id: '1' }],
      bucketAggs: [{ type: 'terms', field: '@host', id: '2' }, { type: 'date_histogram', field: '@timestamp', id: '3' }],
    },
    {
      aggregations: {
        '2': {
          buckets: [
            { '3': { buckets: hist([[1000, 1], [2000, 3]]) }, doc_count: 4, key: 'server1' },
            { '3': { buckets: hist([[1000, 2], [2000, 8]]) }, doc_count: 10, key: 'server2' },
            { '3': { buckets: hist([[1000, 2], [2000, 8]]) }, doc_count: 10, key: 0 },
          ],
        },
      },
    },
    [
      { name: 'server1 Count and {{not_exist}} server1', times: [1000, 2000], values: [1, 3] },
      { name: 'server2 Count and {{not_exist}} server2', times: [1000, 2000], values: [2, 8] },
      { name: '0 Count and {{not_exist}} 0', times: [1000, 2000], values: [2, 8] },
    ],
  ],
  [
    'Histogram response',
    { metrics: [{ type: 'count', id: '1' }], bucketAggs: [{ type: 'histogram', field: 'bytes', id: '3' }] },
    { aggregations: { '3': { buckets: hist([[1000, 1], [2000, 3], [3000, 2]]) } } },
    [{ table: [['bytes', [1000, 2000, 3000]], ['Count', [1, 3, 2]]] }],
  ],
  [
    'With two filters agg',
    {
      metrics: [{ type: 'count', id: '1' }],
      bucketAggs: [{ type: 'filters', id: '2', settings: { filters: [{ query: '@metric:cpu' }, { query: '@metric:logins.count' }] } }, { type: 'date_histogram', field: '@timestamp', id: '3' }],
    },
    {
      aggregations: {
        '2': {
          buckets: {
            '@metric:cpu': { '3': { buckets: hist([[1000, 1], [2000, 3]]) } },
            '@metric:logins.count': { '3': { buckets: hist([[1000, 2], [2000, 8]]) } },
          },
        },
      },
    },
    [
      { name: '@metric:cpu', times: [1000, 2000], values: [1, 3] },
      { name: '@metric:logins.count', times: [1000, 2000], values: [2, 8] },
    ],
  ],
  [
    'With dropfirst and last aggregation',
    { metrics: [{ type: 'avg', id: '1' }, { type: 'count', id: '' }], bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '2', settings: { trimEdges: 1 } }] },
    { aggregations: { '2': { buckets: [{ '1': { value: 11 }, key: 1000, doc_count: 369 }, { '1': { value: 22 }, key: 2000, doc_count: 200 }, { '1': { value: 33 }, key: 3000, doc_count: 200 }] } } },
    [
      { name: 'Average', times: [2000], values: [22] },
      { name: 'Count', times: [2000], values: [200] },
    ],
  ],
  [
    'No group by time',
    { metrics: [{ type: 'avg', id: '1' }, { type: 'count', id: '' }], bucketAggs: [{ type: 'terms', field: 'host', id: '2' }] },
    { aggregations: { '2': { buckets: [{ '1': { value: 1000 }, key: 'server-1', doc_count: 369 }, { '1': { value: 2000 }, key: 'server-2', doc_count: 200 }] } } },
    [{ table: [['host', ['server-1', 'server-2']], ['Average', [1000, 2000]], ['Count', [369, 200]]] }],
  ],
  [
    'Multiple metrics of same type',
    { metrics: [{ type: 'avg', field: 'test', id: '1' }, { type: 'avg', field: 'test2', id: '2' }], bucketAggs: [{ type: 'terms', field: 'host', id: '2' }] },
    { aggregations: { '2': { buckets: [{ '1': { value: 1000 }, '2': { value: 3000 }, key: 'server-1', doc_count: 369 }] } } },
    [{ table: [['host', ['server-1']], ['Average test', [1000]], ['Average test2', [3000]]] }],
  ],
  [
    'With bucket_script',
    {
      metrics: [
        { id: '1', type: 'sum', field: '@value' },
        { id: '3', type: 'max', field: '@value' },
        { id: '4', field: 'select field', pipelineVariables: [{ name: 'var1', pipelineAgg: '1' }, { name: 'var2', pipelineAgg: '3' }], settings: { script: 'params.var1 * params.var2' }, type: 'bucket_script' },
      ],
      bucketAggs: [{ type: 'date_histogram', field: '@timestamp', id: '2' }],
    },
    { aggregations: { '2': { buckets: [{ '1': { value: 2 }, '3': { value: 3 }, '4': { value: 6 }, doc_count: 60, key: 1000 }, { '1': { value: 3 }, '3': { value: 4 }, '4': { value: 12 }, doc_count: 60, key: 2000 }] } } },
    [
      { name: 'Sum @value', times: [1000, 2000], values: [2, 3] },
      { name: 'Max @value', times: [1000, 2000], values: [3, 4] },
      { name: 'Sum @value * Max @value', times: [1000, 2000], values: [6, 12] },
    ],
  ],
  [
    'Terms with two bucket_script',
    {
      metrics: [
        { id: '1', type: 'sum', field: '@value' },
        { id: '3', type: 'max', field: '@value' },
        { id: '4', field: 'select field', pipelineVariables: [{ name: 'var1', pipelineAgg: '1' }, { name: 'var2', pipelineAgg: '3' }], settings: { script: 'params.var1 * params.var2' }, type: 'bucket_script' },
        { id: '5', field: 'select field', pipelineVariables: [{ name: 'var1', pipelineAgg: '1' }, { name: 'var2', pipelineAgg: '3' }], settings: { script: 'params.var1 * params.var2 * 2' }, type: 'bucket_script' },
      ],
      bucketAggs: [{ type: 'terms', field: '@timestamp', id: '2' }],
    },
    {
      aggregations: {
        '2': {
          buckets: [
            { '1': { value: 2 }, '3': { value: 3 }, '4': { value: 6 }, '5': { value: 24 }, doc_count: 60, key: 1000 },
            { '1': { value: 3 }, '3': { value: 4 }, '4': { value: 12 }, '5': { value: 48 }, doc_count: 60, key: 2000 },
          ],
        },
      },
    },
    [{ table: [['@timestamp', [1000, 2000]], ['Sum', [2, 3]], ['Max', [3, 4]], ['params.var1 * params.var2', [6, 12]], ['params.var1 * params.var2 * 2', [24, 48]]] }],
  ],
  [
    'TestHistogramSimple',
    { metrics: [{ type: 'count', id: '1' }], bucketAggs: [{ type: 'histogram', field: 'bytes', id: '3' }] },
    { aggregations: { '3': { buckets: hist([[1000, 1], [2000, 3], [1000, 2]]) } } },
    [{ table: [['bytes', [1000, 2000, 1000]], ['Count', [1, 3, 2]]] }],
  ],
];

function summarize(frame: Frame): Series | Table {
  if (frame.meta?.type === 'timeseries-multi') {
    return {
      name: frame.fields[1]?.config?.displayNameFromDS ?? '',
      times: frame.fields[0]?.values as number[],
      values: frame.fields[1]?.values as Array<number | null>,
    };
  }
  return { table: frame.fields.map((f) => [f.name, f.values] as [string, unknown[]]) };
}

describe('upstream response_parser_test.go cases', () => {
  it.each(cases)('%s', (_name, target, response, expected) => {
    const frames = toFrames(response, { refId: 'A', ...target }, ds);
    expect(frames.map(summarize)).toEqual(expected);
  });

  it('TestHistogramSimple: only the key column is filterable; metric columns have no config', () => {
    const [, target, response] = cases[cases.length - 1] as Case;
    const [frame] = toFrames(response, { refId: 'A', ...target }, ds);
    expect(frame?.fields[0]?.config).toEqual({ filterable: true });
    expect(frame?.fields[1]?.config).toBeUndefined();
  });
});
