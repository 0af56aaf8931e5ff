import { startTlsProxy, type RunningTlsProxy } from '@gdlens/tls-proxy';
import type { ParsedRecord } from '../../src/records';
import { OpenSearchClient } from '../../src/opensearch/client';
import { BulkWriter, TOO_LARGE_RAW_KEPT_CHARS } from '../../src/sink/writer';
import { createTestStore, FIXED_NOW, findingRecord, type TestStore } from './helpers';

// A request larger than the cluster accepts is answered 413 by its front end (hosted clusters
// cap requests at 10 MiB on some instance types). The real nginx from tools/tls-proxy, with a
// small body limit, stands in for that front end before the real node.
const MAX_BODY_BYTES = 48 * 1024;
const USERNAME = 'gdlens';
const PASSWORD = 'too-large-test-password';

let store: TestStore;
let proxy: RunningTlsProxy;
let throughProxy: OpenSearchClient;

beforeAll(async () => {
  store = await createTestStore();
  proxy = await startTlsProxy({ upstream: store.url, username: USERNAME, password: PASSWORD, maxBodyBytes: MAX_BODY_BYTES });
  throughProxy = new OpenSearchClient({ url: proxy.url, auth: { username: USERNAME, password: PASSWORD }, tls: { ca: proxy.caPem } });
});

afterAll(async () => {
  throughProxy.close();
  await proxy.stop();
  await store.cleanup();
});

/** A finding whose `detail` alone is larger than the proxy lets through, in short leaves (nothing to truncate). */
function hugeFinding(id: string): ParsedRecord {
  const record = findingRecord(id, '2026-01-10T00:00:00.000Z', 3);
  if (record.kind !== 'finding') throw new Error('findingRecord made no finding');
  const padding = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`field${i}`, 'x'.repeat(500)]));
  return { ...record, document: { ...record.document, detail: { ...record.document.detail, padding } } };
}

describe('a bulk refused as too large (HTTP 413)', () => {
  it('is split in halves until it passes; a single record still too large is dead-lettered with the reason', async () => {
    const records = Array.from({ length: 40 }, (_, i) => findingRecord(`fits-${i}`, '2026-01-10T00:00:00.000Z', 1 + i));
    records.splice(23, 0, hugeFinding('too-large'));
    const logs: string[] = [];
    const writer = new BulkWriter({ client: throughProxy, names: store.names, now: () => FIXED_NOW, flushIntervalMs: 0, limits: { flushCount: 1000, flushBytes: 5_000_000 }, log: (line) => logs.push(line) });
    for (const record of records) await writer.write(record);
    await writer.flush();

    const counts = writer.accounting.counts;
    expect({ read: counts.read, indexed: counts.indexed, rejected: counts.rejected }).toEqual({ read: 41, indexed: 40, rejected: 1 });
    // The whole batch did not fit; its halves were tried before any single record was given up.
    expect(logs.some((line) => /bulk of 41 operations \(\d+ bytes\) refused as too large \(HTTP 413\); sending it in halves/.test(line))).toBe(true);

    await store.refresh();
    expect(await store.count('findings')).toBe(40);
    expect(await store.count('findings', { ids: { values: ['too-large'] } })).toBe(0);
    // Every stored finding got its occurrence, whose Σ count_delta is its count.
    expect(await store.count('occurrences')).toBe(40);
    const letters = await store.search<{ reason: string; status: number; record_id: string; raw: string }>('dead-letters', {});
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter?._source).toMatchObject({ status: 413, record_id: 'too-large' });
    expect(letter?._source.reason).toMatch(/^request_too_large: the cluster refused a request holding only this operation \(\d+ bytes\) as too large; .*raw cut to its first 16384 of \d+ characters/);
    expect(letter?._source.raw).toHaveLength(TOO_LARGE_RAW_KEPT_CHARS);
  });
});
