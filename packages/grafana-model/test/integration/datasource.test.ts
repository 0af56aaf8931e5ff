import { requestJson, testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import {
  annotationRequest,
  evaluateRule,
  RuleStateMachine,
  toAnnotations,
  executeMsearch,
  fetchShardCount,
  interpolateTarget,
  openSearchQueryRunner,
  toFrames,
  toMsearch,
  type AlertRule,
  type DatasourceSettings,
  type Frame,
  type OpenSearchTarget,
} from '../../src';

/*
 * Every target below is translated by the model, run on the real node through `_msearch`, turned
 * into frames, and compared with what a hand-written query (modern `fixed_interval`, plain terms,
 * term queries) returns for the same question.
 */

const HOUR = 3_600_000;
const FROM = Date.parse('2026-03-01T00:00:00Z');
const TO = FROM + 24 * HOUR - 1;
const range = { fromMs: FROM, toMs: TO };

// Finding types with the characters that break naive Lucene: `:` field separator, `/` regex, `!`, `&`.
const TYPES = [
  'Recon:EC2/PortProbeUnprotectedPort',
  'UnauthorizedAccess:IAMUser/TorIPCaller',
  'Trojan:EC2/DNSDataExfiltration!DNS',
  'Policy:S3/BucketBlockPublicAccessDisabled',
  'CryptoCurrency:EC2/BitcoinTool.B&C',
];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

interface Doc {
  '@timestamp': string;
  type: string;
  region: string;
  severity: number;
  bytes: number;
  account: string;
  detail: { actor: { ip: string }; tags: string[] };
}

/** Deterministic documents spread over the day (a small LCG, no Math.random). */
function documents(count: number): Doc[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => {
    const type = TYPES[Math.floor(next() * next() * TYPES.length)] as string;
    return {
      '@timestamp': new Date(FROM + Math.floor(next() * 24 * HOUR)).toISOString(),
      type,
      region: REGIONS[i % REGIONS.length] as string,
      severity: Math.round(next() * 80) / 10,
      bytes: Math.floor(next() * 10_000),
      account: `acct-${Math.floor(next() * 7)}`,
      detail: { actor: { ip: `10.0.0.${i % 17}` }, tags: [`t${i % 3}`] },
    };
  });
}

const url = testOpenSearchUrl();
const index = uniqueIndexName('grafana-model-ds');
const datasource: DatasourceSettings = { uid: 'os', url, database: index, timeField: '@timestamp', version: '2.19.0' };
const docs = documents(400);

async function search(body: unknown): Promise<Record<string, any>> {
  const { status, body: reply } = await requestJson<Record<string, any>>('POST', `${url}/${index}/_search`, body);
  if (status !== 200) throw new Error(`direct search failed: ${status} ${JSON.stringify(reply)}`);
  return reply;
}

async function framesFor(target: OpenSearchTarget): Promise<Frame[]> {
  const request = toMsearch([target], datasource, range, { intervalMs: 1000, shards: await fetchShardCount(url, index) });
  const reply = await executeMsearch(url, request);
  const [response] = reply.responses;
  if (!response) throw new Error('no response');
  return toFrames(response, target, datasource);
}

const rangeFilter = { range: { '@timestamp': { gte: FROM, lte: TO, format: 'epoch_millis' } } };
const hourly = { field: '@timestamp', fixed_interval: '1h', min_doc_count: 0, extended_bounds: { min: FROM, max: TO } };

beforeAll(async () => {
  const created = await requestJson('PUT', `${url}/${index}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      properties: {
        '@timestamp': { type: 'date' },
        type: { type: 'keyword' },
        region: { type: 'keyword' },
        account: { type: 'keyword' },
        severity: { type: 'double' },
        bytes: { type: 'long' },
      },
    },
  });
  expect(created.status).toBe(200);
  const bulk = docs.map((d, i) => `${JSON.stringify({ index: { _id: `d${i}` } })}\n${JSON.stringify(d)}\n`).join('');
  const loaded = await requestJson<{ errors: boolean }>('POST', `${url}/${index}/_bulk?refresh=true`, bulk);
  expect(loaded.body.errors).toBe(false);
});

afterAll(async () => {
  await requestJson('DELETE', `${url}/${index}`);
});

describe('data source model against the real node', () => {
  it('terms only (count) → a table equal to a direct terms aggregation', async () => {
    const frames = await framesFor({
      refId: 'A',
      query: '*',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'terms', field: 'type', settings: { size: '10', order: 'desc', orderBy: '_count', min_doc_count: '1' } }],
    });
    const direct = await search({ size: 0, query: rangeFilter, aggs: { t: { terms: { field: 'type', size: 10 } } } });
    const expected = (direct.aggregations.t.buckets as Array<{ key: string; doc_count: number }>).map((b) => [b.key, b.doc_count]);
    const [table] = frames;
    expect(table?.fields.map((f) => f.name)).toEqual(['type', 'Count']);
    expect(table?.fields[0]?.values.map((k, i) => [k, table.fields[1]?.values[i]])).toEqual(expected);
    expect(expected.length).toBe(TYPES.length);
  });

  it('date_histogram (count, 1h, min_doc_count 0) → a series equal to a direct fixed_interval histogram', async () => {
    const frames = await framesFor({
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '1h', min_doc_count: '0' } }],
    });
    const direct = await search({ size: 0, query: rangeFilter, aggs: { h: { date_histogram: hourly } } });
    const buckets = direct.aggregations.h.buckets as Array<{ key: number; doc_count: number }>;
    expect(frames).toHaveLength(1);
    expect(frames[0]?.fields[0]?.values).toEqual(buckets.map((b) => b.key));
    expect(frames[0]?.fields[1]?.values).toEqual(buckets.map((b) => b.doc_count));
    expect(buckets).toHaveLength(24);
    expect((frames[0]?.fields[1]?.values as number[]).reduce((a, b) => a + b, 0)).toBe(docs.length);
  });

  it('terms × date_histogram → one labelled series per term, each equal to a direct filtered histogram', async () => {
    const frames = await framesFor({
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [
        { id: '3', type: 'terms', field: 'type', settings: { size: '10', order: 'desc', orderBy: '_count', min_doc_count: '1' } },
        { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '1h', min_doc_count: '0' } },
      ],
    });
    expect(frames.map((f) => f.fields[1]?.labels?.type).sort()).toEqual([...TYPES].sort());
    for (const frame of frames) {
      const type = frame.fields[1]?.labels?.type as string;
      const direct = await search({
        size: 0,
        query: { bool: { filter: [rangeFilter, { term: { type } }] } },
        aggs: { h: { date_histogram: hourly } },
      });
      expect(frame.fields[1]?.values).toEqual(direct.aggregations.h.buckets.map((b: { doc_count: number }) => b.doc_count));
      expect(frame.fields[1]?.config?.displayNameFromDS).toBe(type);
    }
  });

  it('auto interval on a day resolves to 1m and runs', async () => {
    const target: OpenSearchTarget = {
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [
        { id: '3', type: 'terms', field: 'region', settings: { size: '5', order: 'desc', orderBy: '_term' } },
        { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: 'auto' } },
      ],
    };
    expect(toMsearch([target], datasource, range, { intervalMs: 1000 }).requests[0]?.interval.text).toBe('1m');
    const frames = await framesFor(target);
    expect(frames).toHaveLength(REGIONS.length);
    expect(frames[0]?.fields[0]?.values).toHaveLength(24 * 60);
  });

  it('metrics avg, sum, cardinality and percentiles per hour equal a direct query', async () => {
    const frames = await framesFor({
      refId: 'A',
      metrics: [
        { id: '1', type: 'avg', field: 'severity' },
        { id: '3', type: 'sum', field: 'bytes' },
        { id: '4', type: 'cardinality', field: 'account' },
        { id: '5', type: 'percentiles', field: 'bytes', settings: { percents: ['50', '95'] } },
      ],
      bucketAggs: [{ id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '1h', min_doc_count: '0' } }],
    });
    const direct = await search({
      size: 0,
      query: rangeFilter,
      aggs: {
        h: {
          date_histogram: hourly,
          aggs: {
            a: { avg: { field: 'severity' } },
            s: { sum: { field: 'bytes' } },
            c: { cardinality: { field: 'account' } },
            p: { percentiles: { field: 'bytes', percents: [50, 95] } },
          },
        },
      },
    });
    const buckets = direct.aggregations.h.buckets as Array<Record<string, any>>;
    const byName = Object.fromEntries(frames.map((f) => [f.fields[1]?.config?.displayNameFromDS, f.fields[1]?.values]));
    expect(Object.keys(byName).sort()).toEqual(['Average severity', 'Sum bytes', 'Unique Count account', 'p50.0 bytes', 'p95.0 bytes'].sort());
    expect(byName['Average severity']).toEqual(buckets.map((b) => b.a.value));
    expect(byName['Sum bytes']).toEqual(buckets.map((b) => b.s.value));
    expect(byName['Unique Count account']).toEqual(buckets.map((b) => b.c.value));
    expect(byName['p50.0 bytes']).toEqual(buckets.map((b) => b.p.values['50.0']));
    expect(byName['p95.0 bytes']).toEqual(buckets.map((b) => b.p.values['95.0']));
  });

  it('terms ordered by a metric (avg) nests the metric and matches a direct ordered terms agg', async () => {
    const frames = await framesFor({
      refId: 'A',
      metrics: [{ id: '1', type: 'avg', field: 'severity' }],
      bucketAggs: [{ id: '2', type: 'terms', field: 'account', settings: { size: '3', order: 'asc', orderBy: '1' } }],
    });
    const direct = await search({
      size: 0,
      query: rangeFilter,
      aggs: { t: { terms: { field: 'account', size: 3, order: { a: 'asc' } }, aggs: { a: { avg: { field: 'severity' } } } } },
    });
    const [table] = frames;
    expect(table?.fields[0]?.values).toEqual(direct.aggregations.t.buckets.map((b: { key: string }) => b.key));
    expect(table?.fields[1]?.name).toBe('Average');
    expect(table?.fields[1]?.values).toEqual(direct.aggregations.t.buckets.map((b: { a: { value: number } }) => b.a.value));
  });

  it('filters bucket agg → one series per filter label, equal to direct counts', async () => {
    const frames = await framesFor({
      refId: 'A',
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [
        { id: '3', type: 'filters', settings: { filters: [{ query: 'region:us-east-1', label: 'us' }, { query: 'severity:>=4', label: 'high' }] } },
        { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '1d', min_doc_count: '0' } },
      ],
    });
    const totals = Object.fromEntries(frames.map((f) => [f.fields[1]?.labels?.filter, (f.fields[1]?.values as number[]).reduce((a, b) => a + b, 0)]));
    const us = await search({ size: 0, track_total_hits: true, query: { bool: { filter: [rangeFilter, { term: { region: 'us-east-1' } }] } } });
    const high = await search({ size: 0, track_total_hits: true, query: { bool: { filter: [rangeFilter, { range: { severity: { gte: 4 } } }] } } });
    expect(totals).toEqual({ us: us.hits.total.value, high: high.hits.total.value });
  });

  it('raw data → flattened rows in the same order as a direct sorted search', async () => {
    const frames = await framesFor({ refId: 'A', query: 'region:eu-west-1', metrics: [{ id: '1', type: 'raw_data', settings: { size: '50', order: 'desc' } }], bucketAggs: [] });
    const direct = await search({
      size: 50,
      query: { bool: { filter: [rangeFilter, { query_string: { query: 'region:eu-west-1' } }] } },
      sort: [{ '@timestamp': 'desc' }, { _doc: 'desc' }],
    });
    const [frame] = frames;
    const column = (name: string) => frame?.fields.find((f) => f.name === name);
    expect(frame?.fields[0]?.name).toBe('@timestamp');
    expect(column('_id')?.values).toEqual(direct.hits.hits.map((h: { _id: string }) => h._id));
    expect(frame?.fields[0]?.values).toEqual(direct.hits.hits.map((h: { _source: Doc }) => Date.parse(h._source['@timestamp'])));
    expect(column('detail.actor.ip')?.values).toEqual(direct.hits.hits.map((h: { _source: Doc }) => h._source.detail.actor.ip));
    expect(column('detail.tags')?.type).toBe('other');
  });

  it('`type:${type:lucene}` matches each finding type exactly, as a term query does', async () => {
    for (const type of TYPES) {
      const target = interpolateTarget(
        { refId: 'A', query: 'type:${type:lucene}', metrics: [{ id: '1', type: 'count' }], bucketAggs: [{ id: '2', type: 'date_histogram', settings: { interval: '1d' } }] },
        [{ name: 'type', current: type }],
      );
      const frames = await framesFor(target);
      const total = (frames[0]?.fields[1]?.values as number[]).reduce((a, b) => a + b, 0);
      const direct = await search({ size: 0, track_total_hits: true, query: { bool: { filter: [rangeFilter, { term: { type } }] } } });
      expect({ type, total }).toEqual({ type, total: direct.hits.total.value });
      expect(total).toBeGreaterThan(0);
    }
  });

  it('a multi-value lucene variable ORs exact matches', async () => {
    const chosen = [TYPES[0] as string, TYPES[2] as string];
    const target = interpolateTarget(
      { refId: 'A', query: 'type:$types', metrics: [{ id: '1', type: 'count' }], bucketAggs: [{ id: '2', type: 'terms', field: 'type', settings: { orderBy: '_count' } }] },
      [{ name: 'types', current: chosen }],
    );
    const frames = await framesFor(target);
    expect([...(frames[0]?.fields[0]?.values as string[])].sort()).toEqual([...chosen].sort());
  });

  it('without escaping, the `/` of a finding type is read as a regex and the query fails or misses', async () => {
    const target: OpenSearchTarget = { refId: 'A', query: `type:${TYPES[0]}`, metrics: [{ id: '1', type: 'count' }], bucketAggs: [{ id: '2', type: 'date_histogram', settings: { interval: '1d' } }] };
    const reply = await executeMsearch(url, toMsearch([target], datasource, range));
    const response = reply.responses[0];
    const escapedTotal = (await framesFor(interpolateTarget({ ...target, query: 'type:${t:lucene}' }, [{ name: 't', current: TYPES[0] as string }])))[0]?.fields[1]?.values as number[];
    if (response?.error) {
      expect(response.error).toBeDefined();
    } else {
      const unescaped = toFrames(response ?? {}, target, datasource)[0]?.fields[1]?.values as number[];
      expect(unescaped.reduce((a, b) => a + b, 0)).not.toBe(escapedTotal.reduce((a, b) => a + b, 0));
    }
  });

  it('a terms agg without orderBy sends `order: {}`, which OpenSearch 2.19 rejects (as with the real data source)', async () => {
    const target: OpenSearchTarget = { refId: 'A', metrics: [{ id: '1', type: 'count' }], bucketAggs: [{ id: '2', type: 'terms', field: 'type' }] };
    const request = toMsearch([target], datasource, range);
    expect((request.requests[0]?.body as any).aggs['2'].terms.order).toEqual({});
    await expect(executeMsearch(url, request)).rejects.toThrow(/Must specify at least one field for \[order\]/);
  });

  it('a missing index answers empty (ignore_unavailable) and the alert query becomes NoData', async () => {
    const missing = { ...datasource, database: `${index}-missing` };
    const rule: AlertRule = {
      uid: 'r',
      title: 'r',
      condition: 'C',
      data: [
        { refId: 'A', datasourceUid: 'os', relativeTimeRange: { from: 3600, to: 0 }, model: { metrics: [{ id: '1', type: 'count' }], bucketAggs: [{ id: '3', type: 'terms', field: 'type', settings: { orderBy: '_count' } }, { id: '2', type: 'date_histogram', settings: { interval: '1m' } }] } },
        { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
        { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] } },
      ],
    };
    const evaluation = await evaluateRule(rule, TO, openSearchQueryRunner({ os: missing }));
    expect(evaluation.results).toEqual([{ state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } }]);
  });

  it('an alert rule evaluated on the node fires exactly for the types above the threshold', async () => {
    const rule: AlertRule = {
      uid: 'per-type',
      title: 'Findings per type',
      condition: 'C',
      data: [
        {
          refId: 'A',
          datasourceUid: 'os',
          relativeTimeRange: { from: 24 * 3600, to: 0 },
          model: {
            query: '',
            metrics: [{ id: '1', type: 'count' }],
            bucketAggs: [
              { id: '3', type: 'terms', field: 'type', settings: { size: '10', min_doc_count: '1', order: 'desc', orderBy: '_count' } },
              { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '10m', min_doc_count: '0' } },
            ],
            intervalMs: 1000,
          },
        },
        { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
        { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [50] } }] } },
      ],
    };
    const evaluation = await evaluateRule(rule, TO + 1, openSearchQueryRunner({ os: datasource }));
    const direct = await search({ size: 0, query: { range: { '@timestamp': { gte: TO + 1 - 24 * HOUR, lte: TO + 1, format: 'epoch_millis' } } }, aggs: { t: { terms: { field: 'type', size: 10 } } } });
    const expected = (direct.aggregations.t.buckets as Array<{ key: string; doc_count: number }>)
      .map((b) => ({ type: b.key, state: b.doc_count > 50 ? 'Alerting' : 'Normal' }))
      .sort((a, b) => a.type.localeCompare(b.type));
    const actual = evaluation.results.map((r) => ({ type: r.labels.type as string, state: r.state })).sort((a, b) => a.type.localeCompare(b.type));
    expect(actual).toEqual(expected);
    expect(actual.some((r) => r.state === 'Alerting')).toBe(true);
    expect(actual.some((r) => r.state === 'Normal')).toBe(true);
  });

  it('annotation query: the browser-side search returns the documents a direct search does, as events', async () => {
    const annotation = { query: 'type:${t}', timeField: '@timestamp', textField: 'type', tagsField: 'detail.tags' };
    const request = annotationRequest(annotation, datasource, { fromMs: FROM, toMs: FROM + 2 * HOUR }, [{ name: 't', current: TYPES[1] as string }]);
    const { body } = await requestJson<{ responses: Array<Record<string, any>> }>('POST', `${url}/_msearch`, request.ndjson);
    const events = toAnnotations(body.responses[0] ?? {}, annotation);
    const direct = await search({
      size: 10000,
      query: { bool: { filter: [{ range: { '@timestamp': { gte: FROM, lte: FROM + 2 * HOUR, format: 'epoch_millis' } } }, { term: { type: TYPES[1] } }] } },
    });
    const expected = (direct.hits.hits as Array<{ _source: Doc }>).map((h) => ({ time: Date.parse(h._source['@timestamp']), text: h._source.type, tags: h._source.detail.tags }));
    const byTime = (a: { time: number }, b: { time: number }) => a.time - b.time;
    expect([...events].sort(byTime)).toEqual([...expected].sort(byTime));
    expect(events.length).toBeGreaterThan(0);
  });

  it('backtest: a rule stepped every 30 minutes over the day follows the hand-counted windows', async () => {
    // Fires when the last hour holds more than 20 findings of one account, with a 30m pending period.
    const rule: AlertRule = {
      uid: 'busy-account',
      title: 'Busy account',
      condition: 'C',
      for: '30m',
      data: [
        {
          refId: 'A',
          datasourceUid: 'os',
          relativeTimeRange: { from: 3600, to: 0 },
          model: {
            metrics: [{ id: '1', type: 'count' }],
            bucketAggs: [
              { id: '3', type: 'terms', field: 'account', settings: { size: '10', min_doc_count: '1', order: 'desc', orderBy: '_count' } },
              { id: '2', type: 'date_histogram', field: '@timestamp', settings: { interval: '5m', min_doc_count: '0' } },
            ],
          },
        },
        { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
        { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [3] } }] } },
      ],
    };
    const machine = new RuleStateMachine(rule);
    const run = openSearchQueryRunner({ os: datasource });
    const STEP = 30 * 60_000;
    const seen = new Set<string>();
    for (let at = FROM + HOUR; at <= FROM + 24 * HOUR; at += STEP) {
      const step = await machine.evaluate(at, run);
      // Hand count per account over [at - 1h, at], the same inclusive range the data source sends.
      const counts = new Map<string, number>();
      for (const d of docs) {
        const t = Date.parse(d['@timestamp']);
        if (t >= at - HOUR && t <= at) counts.set(d.account, (counts.get(d.account) ?? 0) + 1);
      }
      const results = step.evaluation.results.map((r) => [r.labels.account, r.state]).sort();
      const expected = [...counts.entries()].map(([account, n]) => [account, n > 3 ? 'Alerting' : 'Normal']).sort();
      expect({ at, results }).toEqual({ at, results: expected });
      for (const instance of step.instances) {
        seen.add(instance.state);
        // A dimension evaluated now and under the threshold is not firing; one absent from the
        // results keeps its state until missing_series_evals_to_resolve.
        const firing = (counts.get(instance.resultLabels.account as string) ?? 0) > 3;
        if (instance.lastEvaluatedAtMs === at && !firing) expect(instance.state).toBe('Normal');
      }
    }
    // The 30m pending period shows: dimensions pass through Pending before Alerting.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['Alerting', 'Normal', 'Pending']));
  });

  it('the bucket budget reads the real shard count: 2 shards turn 50 × 20 terms into a refusal', async () => {
    const twoShards = uniqueIndexName('grafana-model-shards');
    await requestJson('PUT', `${url}/${twoShards}`, { settings: { number_of_shards: 2, number_of_replicas: 0 } });
    try {
      const shards = await fetchShardCount(url, twoShards);
      expect(shards).toBe(2);
      expect(await fetchShardCount(url, `${twoShards}-missing`)).toBe(1);
      const target: OpenSearchTarget = {
        refId: 'A',
        metrics: [{ id: '1', type: 'count' }],
        bucketAggs: [
          { id: '3', type: 'terms', field: 'a', settings: { size: '50', orderBy: '_count' } },
          { id: '4', type: 'terms', field: 'b', settings: { size: '20', orderBy: '_count' } },
          { id: '2', type: 'date_histogram', settings: { interval: 'auto' } },
        ],
      };
      const ds2 = { ...datasource, database: twoShards };
      expect(() => toMsearch([target], ds2, range, { shards })).toThrow(/13600 buckets per time bucket/);
      const rule: AlertRule = {
        uid: 'budget',
        title: 'budget',
        condition: 'B',
        data: [
          { refId: 'A', datasourceUid: 'os', relativeTimeRange: { from: 86400, to: 0 }, model: target as unknown as Record<string, unknown> },
          { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
        ],
      };
      const evaluation = await evaluateRule(rule, TO, openSearchQueryRunner({ os: ds2 }));
      expect(evaluation.results).toEqual([expect.objectContaining({ state: 'Error', error: expect.stringMatching(/bucket budget out of bounds/) })]);
    } finally {
      await requestJson('DELETE', `${url}/${twoShards}`);
    }
  });
});
