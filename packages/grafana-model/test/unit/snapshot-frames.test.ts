import { toFrames, type SearchResponse } from '../../src';
import { readGoldenFrames, readSnapshotJson, readSnapshotTargets, SNAPSHOT_DATASOURCE } from './helpers';

/**
 * The `Test_*_response` tests of grafana/opensearch-datasource pkg/opensearch/snapshot_tests: the
 * frames built from each real OpenSearch response must equal the upstream golden snapshot
 * (`*.expected_result_generated_snapshot.golden.jsonc`), field for field and value for value.
 */
const cases: Array<[string, string]> = [
  ['Test_metric_max_group_by_terms_response', 'lucene_metric_max_group_by_terms'],
  ['Test_metric_sum_group_by_date_histogram_response', 'lucene_metric_sum_group_by_date_histogram'],
  ['Test_metric_average_derivative_group_by_date_histogram_response', 'lucene_metric_average_derivative_group_by_date_histogram'],
  ['Test_raw_data_response', 'lucene_raw_data'],
  ['Test_raw_document_response', 'lucene_raw_document'],
  ['Test_logs_response', 'lucene_logs'],
];

describe('upstream snapshot response tests (golden frames)', () => {
  it.each(cases)('%s', (_name, base) => {
    const [target] = readSnapshotTargets(`${base}.query_input.json`);
    const reply = readSnapshotJson<{ responses: SearchResponse[] }>(`${base}.response_from_opensearch.json`);
    const [response] = reply.responses;
    if (!target || !response) throw new Error(`fixture ${base} is empty`);
    const frames = toFrames(response, target, SNAPSHOT_DATASOURCE);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames).toEqual(readGoldenFrames(`${base}.expected_result_generated_snapshot.golden.jsonc`));
  });
});
