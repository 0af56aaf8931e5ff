import { setupStore } from '../../../src/store/setup';
import { createTestStore, type TestStore } from '../helpers';

let store: TestStore;

beforeAll(async () => {
  store = await createTestStore();
});

afterAll(async () => {
  await store.cleanup();
});

describe('the tags index', () => {
  it('is installed by setup as a versioned index behind its alias, and a second setup leaves it up to date', async () => {
    const alias = store.names.alias('tags');
    const reply = await store.client.request<Record<string, { aliases: Record<string, { is_write_index?: boolean }> }>>('GET', `/_alias/${alias}`);
    expect(Object.keys(reply.body)).toEqual([`${store.names.prefix}-tags-v1`]);
    expect(reply.body[`${store.names.prefix}-tags-v1`]?.aliases[alias]?.is_write_index).toBe(true);

    const again = await setupStore(store.client, { names: store.names });
    expect(again.indices.find((i) => i.kind === 'tags')).toEqual({ kind: 'tags', alias, index: `${store.names.prefix}-tags-v1`, action: 'up-to-date' });
  });

  it('has the explicit mapping: dates, case-insensitive keywords with .raw, exact url, text', async () => {
    const reply = await store.client.request<Record<string, { mappings: { dynamic?: string; properties: Record<string, { type: string; normalizer?: string; fields?: Record<string, { type: string }> }> } }>>(
      'GET',
      `/${store.names.alias('tags')}/_mapping`,
    );
    const mappings = Object.values(reply.body)[0]?.mappings;
    const properties = mappings?.properties ?? {};
    expect(mappings?.dynamic).toBe('false');
    expect(properties['@timestamp']?.type).toBe('date');
    expect(properties.end?.type).toBe('date');
    for (const field of ['name', 'kind', 'service', 'env', 'account_id', 'recorded_by', 'tags']) {
      expect(properties[field]).toMatchObject({ type: 'keyword', normalizer: 'gdlens_lowercase', fields: { raw: { type: 'keyword' } } });
    }
    expect(properties.url?.type).toBe('keyword');
    expect(properties.url?.normalizer).toBeUndefined();
    expect(properties.text?.type).toBe('text');
  });

  it('matches queries whatever the case, aggregates in the original case and filters a time range with the end', async () => {
    const alias = store.names.alias('tags');
    await store.client.request('PUT', `/${alias}/_doc/a?refresh=true`, {
      body: { '@timestamp': '2026-11-27T10:00:00Z', end: '2026-11-27T18:00:00Z', name: 'Q4 Pentest', kind: 'pentest', service: 'API', env: 'Prod', tags: ['pentest', 'API', 'Prod'], text: 'pentest Q4 Pentest' },
    });
    await store.client.request('PUT', `/${alias}/_doc/b?refresh=true`, {
      body: { '@timestamp': '2026-11-27T12:00:00Z', name: 'v1.4.2', kind: 'deploy', service: 'api', env: 'prod', tags: ['deploy', 'api', 'prod'], text: 'deploy v1.4.2' },
    });
    const search = await store.client.request<{ hits: { hits: Array<{ _id: string }> }; aggregations: { services: { buckets: Array<{ key: string }> } } }>('POST', `/${alias}/_search`, {
      body: {
        query: { bool: { filter: [{ query_string: { query: 'service:api AND env:PROD' } }, { range: { end: { gte: '2026-11-27T17:00:00Z' } } }] } },
        aggs: { services: { terms: { field: 'service.raw' } } },
      },
    });
    expect(search.body.hits.hits.map((h) => h._id)).toEqual(['a']);
    expect(search.body.aggregations.services.buckets.map((b) => b.key)).toEqual(['API']);
    const byTag = await store.client.request<{ hits: { total: { value: number } } }>('POST', `/${alias}/_search`, { body: { query: { query_string: { query: 'tags:DEPLOY' } } } });
    expect(byTag.body.hits.total.value).toBe(1);
  });
});
