import { requestJson, testOpenSearchUrl, uniqueIndexName } from '../../src/testing';

/**
 * Proves the node under test is a real OpenSearch: each feature below is implemented by a
 * different module (painless, ingest-common, reindex, analysis-common), and each result is exact.
 */
describe('the local OpenSearch node', () => {
  const url = testOpenSearchUrl();
  const index = uniqueIndexName('gdlens-node-proof');
  const pipeline = `${index}-grok`;

  beforeAll(async () => {
    const created = await requestJson('PUT', `${url}/${index}`, {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: 'strict',
        properties: {
          '@timestamp': { type: 'date' },
          account_id: { type: 'keyword' },
          severity: { type: 'float' },
          count: { type: 'integer' },
          message: { type: 'text', analyzer: 'simple' },
          remote_ip: { type: 'ip' },
          verb: { type: 'keyword' },
        },
      },
    });
    expect(created.status).toBe(200);
  });

  afterAll(async () => {
    await requestJson('DELETE', `${url}/${index}`);
    await requestJson('DELETE', `${url}/_ingest/pipeline/${pipeline}`);
  });

  it('reports a 2.19 OpenSearch version banner', async () => {
    const { body } = await requestJson<{ version: { distribution: string; number: string } }>('GET', url);
    expect(body.version.distribution).toBe('opensearch');
    expect(body.version.number).toMatch(/^2\.19\.\d+$/);
  });

  it('bulk indexes and aggregates with terms and date_histogram', async () => {
    const docs = [
      { '@timestamp': '2026-01-01T00:10:00Z', account_id: '111111111111', severity: 8, count: 1 },
      { '@timestamp': '2026-01-01T00:20:00Z', account_id: '111111111111', severity: 5, count: 2 },
      { '@timestamp': '2026-01-01T01:05:00Z', account_id: '222222222222', severity: 2, count: 1 },
      { '@timestamp': '2026-01-01T03:00:00Z', account_id: '111111111111', severity: 9.5, count: 4 },
    ];
    const ndjson = docs.map((doc, i) => `${JSON.stringify({ index: { _id: `d${i}` } })}\n${JSON.stringify(doc)}\n`).join('');
    const bulk = await requestJson<{ errors: boolean; items: unknown[] }>('POST', `${url}/${index}/_bulk?refresh=true`, ndjson);
    expect(bulk.body.errors).toBe(false);
    expect(bulk.body.items).toHaveLength(4);

    const search = await requestJson<{
      aggregations: {
        accounts: { buckets: Array<{ key: string; doc_count: number; total: { value: number } }> };
        hourly: { buckets: Array<{ key_as_string: string; doc_count: number }> };
      };
    }>('POST', `${url}/${index}/_search`, {
      size: 0,
      query: { ids: { values: ['d0', 'd1', 'd2', 'd3'] } },
      aggs: {
        accounts: { terms: { field: 'account_id', include: ['111111111111', '222222222222'], order: { _key: 'asc' } }, aggs: { total: { sum: { field: 'count' } } } },
        hourly: { date_histogram: { field: '@timestamp', fixed_interval: '1h', min_doc_count: 0 } },
      },
    });
    expect(search.body.aggregations.accounts.buckets.map((b) => [b.key, b.doc_count, b.total.value])).toEqual([
      ['111111111111', 3, 7],
      ['222222222222', 1, 1],
    ]);
    expect(search.body.aggregations.hourly.buckets.map((b) => [b.key_as_string, b.doc_count])).toEqual([
      ['2026-01-01T00:00:00.000Z', 2],
      ['2026-01-01T01:00:00.000Z', 1],
      ['2026-01-01T02:00:00.000Z', 0],
      ['2026-01-01T03:00:00.000Z', 1],
    ]);
  });

  it('runs an ingest pipeline with a grok processor', async () => {
    const put = await requestJson('PUT', `${url}/_ingest/pipeline/${pipeline}`, {
      processors: [{ grok: { field: 'message', patterns: ['%{IP:remote_ip} %{WORD:verb} '] } }],
    });
    expect(put.status).toBe(200);
    const indexed = await requestJson('PUT', `${url}/${index}/_doc/g1?pipeline=${pipeline}&refresh=true`, {
      '@timestamp': '2026-01-02T00:00:00Z',
      message: '198.51.100.7 GET /index.html',
    });
    expect(indexed.status).toBe(201);
    const { body } = await requestJson<{ _source: Record<string, unknown> }>('GET', `${url}/${index}/_doc/g1`);
    expect(body._source).toMatchObject({ remote_ip: '198.51.100.7', verb: 'GET' });
  });

  it('applies a scripted upsert: first insert, then the painless script', async () => {
    const upsert = (count: number) =>
      requestJson<{ result: string }>('POST', `${url}/${index}/_update/u1?refresh=true`, {
        scripted_upsert: true,
        script: {
          lang: 'painless',
          source: 'if (ctx._source.count == null) { ctx._source.count = params.count } else { ctx._source.count = Math.max(ctx._source.count, params.count) } ctx._source.account_id = params.account',
          params: { count, account: '333333333333' },
        },
        upsert: {},
      });
    expect((await upsert(3)).body.result).toBe('created');
    expect((await upsert(2)).body.result).toBe('updated');
    const { body } = await requestJson<{ _source: { count: number; account_id: string } }>('GET', `${url}/${index}/_doc/u1`);
    expect(body._source).toEqual({ count: 3, account_id: '333333333333' });
  });

  it('runs _update_by_query with a painless script', async () => {
    const ndjson = [5, 6, 7]
      .map((count, i) => `${JSON.stringify({ index: { _id: `q${i}` } })}\n${JSON.stringify({ account_id: '444444444444', count })}\n`)
      .join('');
    expect((await requestJson<{ errors: boolean }>('POST', `${url}/${index}/_bulk?refresh=true`, ndjson)).body.errors).toBe(false);
    const { body } = await requestJson<{ updated: number; failures: unknown[] }>(
      'POST',
      `${url}/${index}/_update_by_query?refresh=true`,
      {
        query: { term: { account_id: '444444444444' } },
        script: { lang: 'painless', source: 'ctx._source.count += params.delta', params: { delta: 10 } },
      },
    );
    expect(body.updated).toBe(3);
    expect(body.failures).toEqual([]);
    const sum = await requestJson<{ aggregations: { total: { value: number } } }>('POST', `${url}/${index}/_search`, {
      size: 0,
      query: { term: { account_id: '444444444444' } },
      aggs: { total: { sum: { field: 'count' } } },
    });
    expect(sum.body.aggregations.total.value).toBe(48);
  });

  it('analyses text with the analysis-common module', async () => {
    const { body } = await requestJson<{ tokens: Array<{ token: string }> }>('POST', `${url}/_analyze`, {
      tokenizer: 'whitespace',
      filter: ['lowercase', { type: 'word_delimiter_graph' }],
      text: 'Backdoor:EC2/C&CActivity.B!DNS',
    });
    // word_delimiter_graph splits on case, digit and punctuation changes, so `&` vanishes too.
    expect(body.tokens.map((t) => t.token)).toEqual(['backdoor', 'ec', '2', 'c', 'cactivity', 'b', 'dns']);
  });
});
