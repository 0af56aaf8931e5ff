import type { ParsedRecord } from '../../src/records';
import { INDEX_KINDS } from '../../src/store/names';
import { setupStore, firstIndexName } from '../../src/store/setup';
import { SCHEMAS } from '../../src/store/schema';
import { FINDINGS_MAPPINGS } from '../../src/store/mappings';
import { prune } from '../../src/store/prune';
import { createTestStore, fixtureFiles, fixtureRecords, findingRecord, FIXED_NOW, type TestStore } from './helpers';

let store: TestStore;

beforeAll(async () => {
  store = await createTestStore();
});

afterAll(async () => {
  await store.cleanup();
});

async function fieldCount(alias: string): Promise<number> {
  const reply = await store.client.request<Record<string, { mappings: { properties?: Record<string, unknown> } }>>('GET', `/${alias}/_mapping`);
  let count = 0;
  const walk = (properties: Record<string, unknown> | undefined): void => {
    for (const value of Object.values(properties ?? {})) {
      count += 1;
      const field = value as { properties?: Record<string, unknown>; fields?: Record<string, unknown> };
      count += Object.keys(field.fields ?? {}).length;
      walk(field.properties);
    }
  };
  for (const index of Object.values(reply.body)) walk(index.mappings.properties);
  return count;
}

describe('gdlens setup', () => {
  it('creates one versioned index behind each alias and is idempotent', async () => {
    const again = await setupStore(store.client, { names: store.names });
    expect(again.indices.map((i) => i.action)).toEqual(INDEX_KINDS.map(() => 'up-to-date'));
    for (const kind of INDEX_KINDS) {
      const reply = await store.client.request<Record<string, { aliases: Record<string, { is_write_index?: boolean }> }>>('GET', `/_alias/${store.names.alias(kind)}`);
      expect(Object.keys(reply.body)).toEqual([firstIndexName(store.names, kind, 1)]);
      expect(Object.values(reply.body)[0]?.aliases[store.names.alias(kind)]?.is_write_index).toBe(true);
    }
  });

  it('takes the no-ISM branch on a cluster without the plugin', async () => {
    const report = await setupStore(store.client, { names: store.names });
    expect(report.ism).toBe(false);
    const policy = await store.client.request('GET', `/_plugins/_ism/policies/${store.names.ismPolicy}`, { accept: [400, 404, 405] });
    expect(policy.status).not.toBe(200);
  });
});

describe('every real fixture record', () => {
  it('indexes without a single rejection', async () => {
    const writer = store.writer();
    const records: ParsedRecord[] = fixtureFiles().flatMap(fixtureRecords);
    for (const record of records) await writer.write(record);
    await writer.flush();
    const c = writer.accounting.counts;
    const readerRejected = records.filter((r) => r.kind === 'rejected').length;
    expect(c.read).toBe(records.length);
    expect(writer.accounting.pending).toBe(0);
    // Whatever the reader could map, the store takes: only the reader's own rejections remain.
    expect(c.rejected).toBe(readerRejected);
    await store.refresh();
    const letters = await store.search<{ kind: string; reason: string }>('dead-letters', { size: 100 });
    expect(letters.filter((l) => l._source.kind !== 'unparsed')).toEqual([]);
    expect(await store.count('cloudtrail')).toBeGreaterThan(300);
    expect(await store.count('findings')).toBeGreaterThan(20);
  });

  it.each([
    ['threat_name:phishingdomainrequest', 'findings'],
    ['threat_purpose:backdoor', 'findings'],
    ['resource_role:actor', 'findings'],
    ['severity:[7 TO 9}', 'findings'],
    ['source:"aws.guardduty"', 'findings'],
    ['eventSource:"guardduty.amazonaws.com" AND eventName:(DeleteDetector OR UpdateDetector)', 'cloudtrail'],
    ['requestParameters.bucketName:my-findings-bucket', 'cloudtrail'],
  ] as const)('answers the query %s as written', async (query, kind) => {
    // Make sure a matching document exists even if the fixtures lack one, then query as a user would.
    await seedForQueries();
    const hits = await store.count(kind, { query_string: { query } });
    expect(hits).toBeGreaterThan(0);
  });

  it('aggregates in original casing on .raw', async () => {
    await seedForQueries();
    const reply = await store.client.request<{ aggregations: { purposes: { buckets: Array<{ key: string }> } } }>('POST', `/${store.names.alias('findings')}/_search`, {
      body: { size: 0, aggs: { purposes: { terms: { field: 'threat_purpose.raw', size: 50 } } } },
    });
    const keys = reply.body.aggregations.purposes.buckets.map((b) => b.key);
    expect(keys).toContain('Backdoor');
    expect(keys).not.toContain('backdoor');
  });
});

let seeded = false;
async function seedForQueries(): Promise<void> {
  if (seeded) return;
  seeded = true;
  const writer = store.writer();
  const backdoor = findingRecord('query-seed-1', '2026-01-10T10:00:00.000Z', 1);
  if (backdoor.kind !== 'finding') throw new Error('not a finding');
  const phishing = findingRecord('query-seed-2', '2026-01-10T10:00:00.000Z', 1);
  if (phishing.kind !== 'finding') throw new Error('not a finding');
  await writer.write({ ...backdoor, document: { ...backdoor.document, threat_purpose: 'Backdoor', finding_type: 'Backdoor:EC2/C&CActivity.B', resource_role: 'ACTOR', severity: 8 } });
  await writer.write({ ...phishing, document: { ...phishing.document, threat_name: 'PhishingDomainRequest', finding_type: 'Trojan:EC2/PhishingDomainRequest!DNS' } });
  const base = { source: 'aws.cloudtrail' as const, eventSource: 'guardduty.amazonaws.com', '@timestamp': '2026-01-10T10:00:00Z', eventTime: '2026-01-10T10:00:00Z' };
  const origin = { file: 'seed', line: 1 };
  await writer.write({ kind: 'cloudtrail', origin, document: { ...base, eventID: 'seed-delete', eventName: 'DeleteDetector' } });
  await writer.write({
    kind: 'cloudtrail',
    origin,
    document: { ...base, eventID: 'seed-bucket', eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'my-findings-bucket' } },
  });
  await writer.flush();
  expect(writer.accounting.counts.rejected).toBe(0);
  await store.refresh();
}

describe('mapping robustness', () => {
  it('keeps the field count flat for a 50 KB value, nulls everywhere and a thousand distinct keys', async () => {
    const before = await fieldCount(store.names.alias('findings'));
    const ctBefore = await fieldCount(store.names.alias('cloudtrail'));
    const writer = store.writer();
    const big = findingRecord('robust-big', '2026-01-11T00:00:00.000Z', 1);
    const nulls = findingRecord('robust-nulls', '2026-01-11T00:00:00.000Z', 1);
    const wide = findingRecord('robust-wide', '2026-01-11T00:00:00.000Z', 1);
    if (big.kind !== 'finding' || nulls.kind !== 'finding' || wide.kind !== 'finding') throw new Error('not findings');
    const thousand = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`key${i}`, i % 2 ? `v${i}` : { nested: i }]));
    const nullDetail = Object.fromEntries(Object.keys(nulls.document.detail).map((key) => [key, null]));
    await writer.write({ ...big, document: { ...big.document, detail: { ...big.document.detail, huge: 'x'.repeat(50_000), unicode: '€'.repeat(20_000) } } });
    await writer.write({ ...nulls, document: { ...nulls.document, detail: { ...nullDetail, id: 'robust-nulls' } } });
    await writer.write({ ...wide, document: { ...wide.document, detail: { ...wide.document.detail, ...thousand } } });
    const origin = { file: 'robust', line: 1 };
    await writer.write({
      kind: 'cloudtrail',
      origin,
      document: { source: 'aws.cloudtrail', '@timestamp': '2026-01-11T00:00:00Z', eventID: 'robust-ct-1', ...thousand, requestParameters: { policy: 'p'.repeat(50_000) }, responseElements: null },
    });
    await writer.write({
      kind: 'cloudtrail',
      origin,
      // Shapes that contradict the mapping: a scalar where an object is mapped and the reverse.
      document: { source: 'aws.cloudtrail', '@timestamp': '2026-01-11T00:00:00Z', eventID: 'robust-ct-2', requestParameters: 'a string', eventName: { odd: true }, userIdentity: [1, 2] },
    });
    await writer.flush();
    expect(writer.accounting.counts).toMatchObject({ read: 5, indexed: 5, rejected: 0 });
    await store.refresh();
    expect(await fieldCount(store.names.alias('findings'))).toBe(before);
    expect(await fieldCount(store.names.alias('cloudtrail'))).toBe(ctBefore);
    expect(before).toBeLessThan(300);
    // The long value is still searchable by its prefix-free leaves and kept whole in gdlens_unmapped.
    const [stored] = await store.search<{ gdlens_unmapped?: { detail?: { huge?: string } } }>('findings', { query: { ids: { values: ['robust-big'] } } });
    expect(stored?._source.gdlens_unmapped?.detail?.huge).toHaveLength(50_000);
    expect(await store.count('findings', { query_string: { query: 'detail.key1:v1' } })).toBe(1);
    const [odd] = await store.search<{ gdlens_unmapped?: Record<string, unknown> }>('cloudtrail', { query: { ids: { values: ['robust-ct-2'] } } });
    expect(odd?._source.gdlens_unmapped).toEqual({ requestParameters: 'a string', eventName: { odd: true }, userIdentity: [1, 2] });
  });

  it('keeps additionalInfo.unusual whatever its type (string, object, number)', async () => {
    const writer = store.writer();
    const values = ['a string', { nested: { deeper: 1 } }, 42];
    for (const [i, unusual] of values.entries()) {
      const record = findingRecord(`unusual-${i}`, '2026-01-12T00:00:00.000Z', 1);
      if (record.kind !== 'finding') throw new Error('not a finding');
      const detail = { ...record.document.detail, service: { additionalInfo: { unusual } } };
      await writer.write({ ...record, document: { ...record.document, detail } });
    }
    await writer.flush();
    expect(writer.accounting.counts).toMatchObject({ read: 3, indexed: 3, rejected: 0 });
  });
});

describe('migration v1 → v2', () => {
  let own: TestStore;
  beforeAll(async () => {
    own = await createTestStore();
  });
  afterAll(async () => {
    await own.cleanup();
  });

  it('reindexes behind an alias swap and keeps every document and id', async () => {
    const store = own;
    const writer = store.writer();
    for (let i = 0; i < 5; i += 1) await writer.write(findingRecord(`migrate-${i}`, '2026-01-13T00:00:00.000Z', i + 1));
    await writer.flush();
    await store.refresh();
    const before = await store.count('findings');
    const v2Mappings = { properties: { ...(FINDINGS_MAPPINGS.properties as Record<string, unknown>), triage_note: { type: 'text' } } };
    const v2 = SCHEMAS.map((s) => (s.kind === 'findings' ? { ...s, version: 2, mappings: v2Mappings } : s));
    const report = await setupStore(store.client, { names: store.names, schemas: v2 });
    expect(report.indices.find((i) => i.kind === 'findings')).toMatchObject({ action: 'migrated', index: store.names.index('findings', 2) });
    expect(await store.count('findings')).toBe(before);
    const alias = await store.client.request<Record<string, unknown>>('GET', `/_alias/${store.names.alias('findings')}`);
    expect(Object.keys(alias.body)).toEqual([store.names.index('findings', 2)]);
    const mapping = await store.client.request<Record<string, { mappings: { properties: Record<string, unknown> } }>>('GET', `/${store.names.alias('findings')}/_mapping`);
    expect(Object.values(mapping.body)[0]?.mappings.properties.triage_note).toEqual({ type: 'text' });
    // The writer keeps working through the alias, and the stored latest state still orders updates.
    const after = store.writer();
    await after.write(findingRecord('migrate-0', '2026-01-12T00:00:00.000Z', 9));
    await after.flush();
    expect(after.accounting.counts.stale).toBe(1);
    // Running the v2 setup again is a no-op.
    const again = await setupStore(store.client, { names: store.names, schemas: v2 });
    expect(again.indices.find((i) => i.kind === 'findings')?.action).toBe('up-to-date');
  });
});

describe('gdlens prune', () => {
  it('counts in a dry run and deletes by event time otherwise', async () => {
    const writer = store.writer();
    await writer.write(findingRecord('prune-old', '2025-06-01T00:00:00.000Z', 1));
    await writer.write(findingRecord('prune-new', '2026-01-14T00:00:00.000Z', 1));
    await writer.flush();
    await store.refresh();
    const olderThanMs = 90 * 86_400_000;
    const idsQuery = { ids: { values: ['prune-old', 'prune-new'] } };
    const dry = await prune(store.client, { names: store.names, olderThanMs, dryRun: true, now: () => FIXED_NOW, kinds: ['findings'] });
    expect(dry.perKind[0]?.deleted).toBe(0);
    expect(dry.perKind[0]?.matched).toBeGreaterThanOrEqual(1);
    expect(await store.count('findings', idsQuery)).toBe(2);
    const real = await prune(store.client, { names: store.names, olderThanMs, dryRun: false, now: () => FIXED_NOW, kinds: ['findings', 'occurrences'] });
    expect(real.perKind[0]?.deleted).toBe(dry.perKind[0]?.matched);
    const left = await store.search<{ finding_id: string }>('findings', { query: idsQuery });
    expect(left.map((h) => h._id)).toEqual(['prune-new']);
    expect(await store.count('occurrences', { term: { finding_id: 'prune-old' } })).toBe(0);
  });
});
