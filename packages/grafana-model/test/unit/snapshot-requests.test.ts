import * as fs from 'node:fs';
import * as path from 'node:path';
import { toMsearch } from '../../src';
import { readSnapshotTargets, SNAPSHOT_DATASOURCE, SNAPSHOT_RANGE } from './helpers';

/**
 * Every Lucene `Test_*_request` of grafana/opensearch-datasource pkg/opensearch/snapshot_tests
 * (trace and PPL tests excepted: those query types are not modelled). The expected bodies are the
 * upstream `expectedRequest` literals, transcribed as data into fixtures/upstream-lucene-requests.json.
 */
const upstream = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/upstream-lucene-requests.json'), 'utf8')) as {
  tests: Record<string, { input: string; expected: string }>;
};

describe('upstream snapshot request tests (grafana/opensearch-datasource snapshot_tests)', () => {
  it.each(Object.entries(upstream.tests))('%s', (_name, { input, expected }) => {
    // The harness builds DataQuery without Interval, so the auto interval floor is 0.
    const result = toMsearch(readSnapshotTargets(input), SNAPSHOT_DATASOURCE, SNAPSHOT_RANGE, { intervalMs: 0 });
    const parse = (ndjson: string) => ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(parse(result.ndjson)).toEqual(parse(expected));
    // Byte-identical too: same key order and escaping as Go's encoder.
    expect(result.ndjson).toBe(expected);
    expect(result.path).toBe('_msearch?max_concurrent_shard_requests=42');
  });

  it('lists the eleven upstream Lucene request tests', () => {
    expect(Object.keys(upstream.tests).sort()).toEqual([
      'Test_logs_request',
      'Test_metric_average_derivative_group_by_date_histogram_request',
      'Test_metric_max_group_by_terms_request',
      'Test_metric_percentiles_group_by_terms_large_size_raises_interval',
      'Test_metric_percentiles_group_by_terms_orderby_percentile',
      'Test_metric_sum_group_by_date_histogram_request',
      'Test_metric_sum_group_by_histogram_decimal_interval_request',
      'Test_metric_sum_group_by_histogram_invalid_interval_request',
      'Test_metric_sum_group_by_histogram_request',
      'Test_raw_data_request',
      'Test_raw_document_request',
    ]);
  });
});
