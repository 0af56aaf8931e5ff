import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DatasourceSettings } from '@gdlens/grafana-model';
import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { dataSourcesFromProvisioning } from '../../src/check';
import { OpenSearchClient } from '../../src/opensearch/client';
import type { FindingDocument, ParsedRecord } from '../../src/records';
import { BulkWriter, type WriterOptions } from '../../src/sink/writer';
import { recordsFromValue } from '../../src/sources/files';
import { INDEX_KINDS, storeNames, type StoreNames } from '../../src/store/names';
import { removeStore, setupStore } from '../../src/store/setup';

export const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/real');

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => path.join(FIXTURES, name));
}

/** The non-empty lines of a fixture, by file name. */
export function fixtureLines(name: string): string[] {
  return readFileSync(path.join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

/** Every record of a fixture file, through the real reader's mapping. */
export function fixtureRecords(file: string): ParsedRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .flatMap((line, index) => recordsFromValue(JSON.parse(line), { file, line: index + 1 }));
}

/** A raw finding (the camelCase object inside an EventBridge event) from the fixtures. */
export function rawFinding(): Record<string, unknown> {
  const line = readFileSync(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), 'utf8').split('\n')[0] ?? '';
  return (JSON.parse(line) as { detail: Record<string, unknown> }).detail;
}

/** A finding record made from a real finding with the given id, update time, count and a variant marker. */
export function findingRecord(id: string, updatedAt: string, count: number, variant = ''): ParsedRecord {
  const raw = structuredClone(rawFinding()) as Record<string, unknown> & { service: Record<string, unknown> };
  raw.id = id;
  raw.updatedAt = updatedAt;
  raw.service = { ...raw.service, count, ...(variant ? { additionalInfo: { variant } } : {}) };
  const [record] = recordsFromValue(raw, { file: `synthetic-${id}`, line: count });
  if (!record || record.kind !== 'finding') throw new Error(`fixture finding did not map: ${JSON.stringify(record)}`);
  return record;
}

export function findingDocument(record: ParsedRecord): FindingDocument {
  if (record.kind !== 'finding') throw new Error('not a finding');
  return record.document;
}

export interface TestStore {
  readonly client: OpenSearchClient;
  readonly names: StoreNames;
  readonly url: string;
  writer(options?: Partial<WriterOptions>): BulkWriter;
  refresh(): Promise<void>;
  count(kind: (typeof INDEX_KINDS)[number], query?: unknown): Promise<number>;
  search<T = Record<string, unknown>>(kind: (typeof INDEX_KINDS)[number], body: unknown): Promise<Array<{ _id: string; _source: T }>>;
  cleanup(): Promise<void>;
}

export const FIXED_NOW = Date.parse('2026-01-15T12:00:00Z');

/** The Grafana data sources the bundle provisions (provisioning/datasources/gdlens.yaml), pointed at a test store. */
export function provisionedDataSources(store: Pick<TestStore, 'url' | 'names'>): Map<string, DatasourceSettings> {
  const file = path.resolve(__dirname, '../../../provisioning/datasources/gdlens.yaml');
  return dataSourcesFromProvisioning(readFileSync(file, 'utf8'), file, store.url, store.names.prefix);
}

/** A fresh gdlens store under a prefix unique to this run, set up on the test cluster. */
export async function createTestStore(url: string = testOpenSearchUrl(), existing?: StoreNames): Promise<TestStore> {
  const client = new OpenSearchClient({ url });
  const names = existing ?? storeNames(uniqueIndexName('gdlt'));
  if (!existing) await setupStore(client, { names });
  const store: TestStore = {
    client,
    names,
    url,
    writer: (options = {}) => new BulkWriter({ client, names, now: () => FIXED_NOW, flushIntervalMs: 0, ...options }),
    refresh: async () => {
      await client.request('POST', `/${names.prefix}-*/_refresh`);
    },
    count: async (kind, query) => {
      const reply = await client.request<{ count: number }>('POST', `/${names.alias(kind)}/_count`, { body: query ? { query } : {} });
      return reply.body.count;
    },
    search: async (kind, body) => {
      const reply = await client.request<{ hits: { hits: Array<{ _id: string; _source: never }> } }>('POST', `/${names.alias(kind)}/_search`, { body });
      return reply.body.hits.hits;
    },
    cleanup: async () => {
      await removeStore(client, names);
      client.close();
    },
  };
  return store;
}

/** Deterministic PRNG (mulberry32) so every shuffle in a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Everything a run leaves behind, minus what legitimately differs between runs: `ingested_at`,
 * the ledger's insertion order, and `delta_seq` (which ledger size a delta was computed from; the
 * delta itself must match).
 */
export async function storeSnapshot(store: TestStore): Promise<Record<string, unknown>> {
  await store.refresh();
  const all = async (kind: (typeof INDEX_KINDS)[number]): Promise<Array<{ _id: string; _source: Record<string, unknown> }>> => {
    const out: Array<{ _id: string; _source: Record<string, unknown> }> = [];
    let after: unknown[] | undefined;
    for (;;) {
      const page = await store.search<Record<string, unknown>>(kind, { size: 2000, sort: [{ _id: 'asc' }], ...(after ? { search_after: after } : {}) });
      out.push(...page);
      if (page.length < 2000) return out;
      after = [page[page.length - 1]?._id];
    }
  };
  const clean = (source: Record<string, unknown>): Record<string, unknown> => {
    const { ingested_at: _a, '@timestamp': _t, delta_seq: _s, ledger, ...rest } = source;
    return ledger ? { ...rest, ledger: Object.entries(ledger as Record<string, number>).sort() } : rest;
  };
  const findings = await all('findings');
  const occurrences = await all('occurrences');
  const sums: Record<string, number> = {};
  for (const hit of occurrences) sums[String(hit._source.finding_id)] = (sums[String(hit._source.finding_id)] ?? 0) + Number(hit._source.count_delta);
  return {
    findings: Object.fromEntries(findings.map((h) => [h._id, clean(h._source)])),
    occurrences: Object.fromEntries(occurrences.map((h) => [h._id, { ...clean(h._source), '@timestamp': h._source['@timestamp'] }])),
    sums,
    cloudtrail: (await all('cloudtrail')).map((h) => h._id),
    deadLetters: (await all('dead-letters')).map((h) => h._id),
  };
}
