import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedRecord } from '../../src/records';
import { createTestStore, FIXTURES, fixtureRecords, findingRecord, seededRandom, shuffled, type TestStore } from './helpers';

let store: TestStore;

beforeAll(async () => {
  store = await createTestStore();
});

afterAll(async () => {
  await store.cleanup();
});

async function clearData(): Promise<void> {
  for (const kind of ['findings', 'occurrences', 'cloudtrail', 'dead-letters'] as const) {
    await store.client.request('POST', `/${store.names.alias(kind)}/_delete_by_query?refresh=true&conflicts=proceed`, { body: { query: { match_all: {} } } });
  }
}

/** Updates of several findings: rising counts, ties (same time and count, different content), exact re-deliveries, plus the real duplicates fixture. */
function updateHistory(seed: number): ParsedRecord[] {
  const random = seededRandom(seed);
  const records: ParsedRecord[] = [];
  for (let f = 0; f < 6; f += 1) {
    let count = 1 + Math.floor(random() * 3);
    const start = Date.parse('2026-01-01T00:00:00Z') + f * 3_600_000;
    for (let u = 0; u < 8; u += 1) {
      const at = new Date(start + u * 6 * 3_600_000).toISOString();
      records.push(findingRecord(`hist-${f}`, at, count, `u${u}`));
      if (u === 3) records.push(findingRecord(`hist-${f}`, at, count, `u${u}-tie`));
      if (u === 5) records.push(findingRecord(`hist-${f}`, at, count, `u${u}`));
      count += Math.floor(random() * 4);
    }
  }
  return [...records, ...fixtureRecords(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge-duplicates.jsonl'))];
}

interface Snapshot {
  findings: Record<string, unknown>;
  occurrences: Record<string, Array<{ key: string; count: number; delta: number; complete: boolean }>>;
  sums: Record<string, number>;
  latestCounts: Record<string, number>;
}

async function snapshot(): Promise<Snapshot> {
  await store.refresh();
  const findings = await store.search<Record<string, unknown>>('findings', { size: 1000, sort: [{ _id: 'asc' }] });
  const occurrences = await store.search<{ finding_id: string; version_key: string; count: number; count_delta: number; complete: boolean }>('occurrences', {
    size: 5000,
    sort: [{ _id: 'asc' }],
  });
  const out: Snapshot = { findings: {}, occurrences: {}, sums: {}, latestCounts: {} };
  for (const hit of findings) {
    const { ingested_at: _at, ledger, ...rest } = hit._source as Record<string, unknown> & { ledger: Record<string, number> };
    out.findings[hit._id] = { ...rest, ledger: Object.entries(ledger).sort() };
    out.latestCounts[hit._id] = Number(rest.count ?? 0);
  }
  for (const hit of occurrences) {
    const list = (out.occurrences[hit._source.finding_id] ??= []);
    list.push({ key: hit._source.version_key, count: hit._source.count, delta: hit._source.count_delta, complete: hit._source.complete });
    out.sums[hit._source.finding_id] = (out.sums[hit._source.finding_id] ?? 0) + hit._source.count_delta;
  }
  return out;
}

async function runAll(records: readonly ParsedRecord[], options: { flushCount: number; concurrency: number }): Promise<ReturnType<TestStore['writer']>> {
  const writer = store.writer({ limits: { flushCount: options.flushCount, flushBytes: 5_000_000 }, concurrency: options.concurrency });
  for (const record of records) await writer.write(record);
  await writer.flush();
  return writer;
}

describe('update-aware storage on the real node', () => {
  it('gives the same findings, occurrences and Σ count_delta = count for any arrival order', async () => {
    const history = updateHistory(7);
    await clearData();
    const reference = await runAll(history, { flushCount: 1000, concurrency: 1 });
    expect(reference.accounting.pending).toBe(0);
    expect(reference.accounting.counts.rejected).toBe(0);
    const expected = await snapshot();
    // Every finding's deltas add up to its latest count, and every occurrence is complete.
    for (const [id, count] of Object.entries(expected.latestCounts)) expect(expected.sums[id]).toBe(count);
    expect(Object.values(expected.occurrences).flat().every((o) => o.complete)).toBe(true);
    const distinctIds = new Set(history.map((r) => (r.kind === 'finding' ? r.document.finding_id : ''))).size;
    expect(Object.keys(expected.findings)).toHaveLength(distinctIds);

    const random = seededRandom(20260101);
    for (let round = 0; round < 12; round += 1) {
      await clearData();
      const order = shuffled(history, random);
      const flushCount = 1 + Math.floor(random() * 9);
      const concurrency = 1 + Math.floor(random() * 4);
      const writer = await runAll(order, { flushCount, concurrency });
      const c = writer.accounting.counts;
      expect({ round, pending: writer.accounting.pending, rejected: c.rejected }).toEqual({ round, pending: 0, rejected: 0 });
      expect(c.indexed).toBe(distinctIds);
      expect(c.read).toBe(c.indexed + c.updated + c.unchanged + c.stale + c.skipped + c.rejected);
      expect({ round, state: await snapshot() }).toEqual({ round, state: expected });
    }
  });

  it('resolves the real duplicates fixture to one document per id, whichever copy comes first', async () => {
    const records = fixtureRecords(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge-duplicates.jsonl'));
    const ids = new Set(records.map((r) => (r.kind === 'finding' ? r.document.finding_id : '')));
    await clearData();
    await runAll(records, { flushCount: 1, concurrency: 1 });
    const expected = await snapshot();
    await clearData();
    await runAll([...records].reverse(), { flushCount: 1, concurrency: 1 });
    expect(await snapshot()).toEqual(expected);
    expect(Object.keys(expected.findings).sort()).toEqual([...ids].sort());
  });

  it('is idempotent: re-delivering everything changes nothing and counts it unchanged', async () => {
    const history = updateHistory(11);
    await clearData();
    await runAll(history, { flushCount: 5, concurrency: 2 });
    const first = await snapshot();
    const again = await runAll(shuffled(history, seededRandom(3)), { flushCount: 7, concurrency: 3 });
    expect(again.accounting.counts.indexed).toBe(0);
    expect(again.accounting.counts.updated).toBe(0);
    expect(again.accounting.counts.unchanged + again.accounting.counts.stale).toBe(history.length);
    expect(await snapshot()).toEqual(first);
  });

  it('two writers on overlapping input end in the same state as one', async () => {
    const history = updateHistory(13);
    await clearData();
    await runAll(history, { flushCount: 1000, concurrency: 1 });
    const expected = await snapshot();
    await clearData();
    const random = seededRandom(99);
    const a = shuffled(history, random).slice(0, Math.ceil(history.length * 0.7));
    const b = shuffled(history, random).slice(0, Math.ceil(history.length * 0.7));
    const covered = new Set([...a, ...b]);
    const rest = history.filter((r) => !covered.has(r));
    const [wa, wb] = await Promise.all([runAll([...a, ...rest], { flushCount: 3, concurrency: 2 }), runAll(b, { flushCount: 4, concurrency: 2 })]);
    expect(wa.accounting.counts.rejected + wb.accounting.counts.rejected).toBe(0);
    expect(await snapshot()).toEqual(expected);
  });

  it('keeps the document of a finding with hundreds of updates bounded, Σ count_delta = count in any order', async () => {
    const ledgerMaxKeys = 8;
    const updates = (n: number): ParsedRecord[] =>
      Array.from({ length: n }, (_, u) => findingRecord('long-lived', new Date(Date.parse('2026-01-01T00:00:00Z') + u * 900_000).toISOString(), 1 + u * 2));
    const writeAll = async (records: readonly ParsedRecord[], concurrency: number): Promise<ReturnType<TestStore['writer']>> => {
      const writer = store.writer({ ledgerMaxKeys, limits: { flushCount: 10, flushBytes: 5_000_000 }, concurrency });
      for (const record of records) await writer.write(record);
      await writer.flush();
      return writer;
    };
    const stored = async (): Promise<{ bytes: number; source: Record<string, unknown> & { ledger: Record<string, number>; ledger_seq: number } }> => {
      await store.refresh();
      const [hit] = await store.search<Record<string, unknown> & { ledger: Record<string, number>; ledger_seq: number }>('findings', { query: { ids: { values: ['long-lived'] } } });
      if (!hit) throw new Error('finding long-lived not stored');
      return { bytes: Buffer.byteLength(JSON.stringify(hit._source)), source: hit._source };
    };
    const withoutSeq = (state: Snapshot): Snapshot => ({
      ...state,
      findings: Object.fromEntries(Object.entries(state.findings).map(([id, finding]) => [id, { ...(finding as Record<string, unknown>), ledger_seq: undefined }])),
      occurrences: {},
    });

    await clearData();
    await writeAll(updates(20), 1);
    const few = await stored();

    await clearData();
    const history = updates(300);
    // One bulk at a time: strictly in order, so every key is placed.
    await writeAll(history, 1);
    const inOrder = await snapshot();
    const many = await stored();
    expect(Object.keys(many.source.ledger)).toHaveLength(ledgerMaxKeys);
    expect(many.source.ledger_seq).toBe(300);
    // 280 more updates, yet the same size give or take a few digits (unbounded: ~45 bytes each).
    expect(many.bytes).toBeLessThanOrEqual(few.bytes + 64);
    expect(inOrder.sums['long-lived']).toBe(599);
    expect(inOrder.latestCounts['long-lived']).toBe(599);

    for (const seed of [5, 6]) {
      await clearData();
      const writer = await writeAll(shuffled(history, seededRandom(seed)), 2);
      const state = await snapshot();
      expect(writer.accounting.counts.rejected).toBe(0);
      expect(writer.accounting.counts.indexed + writer.accounting.counts.updated + writer.accounting.counts.stale).toBe(300);
      expect((await stored()).bytes).toBeLessThanOrEqual(few.bytes + 64);
      expect({ seed, sum: state.sums['long-lived'], occurrences: state.occurrences['long-lived']?.length }).toEqual({ seed, sum: 599, occurrences: 300 });
      // Same latest state and the same newest keys in the ledger, whatever the order (only how many keys were placed differs).
      expect(withoutSeq(state)).toEqual(withoutSeq(inOrder));
    }
  });

  it('waits out an alias that is away (a node recovering its state) instead of dead-lettering the records', async () => {
    const history = updateHistory(17);
    await clearData();
    await runAll(history, { flushCount: 1000, concurrency: 1 });
    const expected = await snapshot();
    await clearData();

    const alias = store.names.alias('findings');
    const definition = (await store.client.request<Record<string, { aliases: Record<string, Record<string, unknown>> }>>('GET', `/_alias/${alias}`)).body;
    const [index, entry] = Object.entries(definition)[0] ?? [];
    if (index === undefined || entry === undefined) throw new Error(`alias ${alias} has no index`);
    await store.client.request('POST', '/_aliases', { body: { actions: [{ remove: { index, alias } }] } });
    const logs: string[] = [];
    const writer = store.writer({ limits: { flushCount: 20, flushBytes: 5_000_000 }, concurrency: 2, backoff: { initialDelayMs: 20, maxDelayMs: 100, random: () => 0.5 }, log: (line) => logs.push(line) });
    const running = (async (): Promise<void> => {
      for (const record of history) await writer.write(record);
      await writer.flush();
    })();
    try {
      for (let i = 0; i < 400 && !logs.some((line) => /is not an alias: waiting for it/.test(line)); i += 1) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await store.client.request('POST', '/_aliases', { body: { actions: [{ add: { index, alias, ...entry.aliases[alias] } }] } });
    }
    await running;
    expect(logs.some((line) => /is not an alias: waiting for it/.test(line))).toBe(true);
    expect(writer.accounting.counts.rejected).toBe(0);
    expect(writer.accounting.retries).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(expected);
  });

  it('rejects only the poisoned record of a batch, into the dead-letter index and file', async () => {
    await clearData();
    const deadLetterFile = path.join(mkdtempSync(path.join(tmpdir(), 'gdlens-dl-')), 'dead.ndjson');
    const origin = (line: number): { file: string; line: number } => ({ file: 'poison.jsonl', line });
    const good = (i: number): ParsedRecord => ({
      kind: 'cloudtrail',
      origin: origin(i),
      document: { source: 'aws.cloudtrail', '@timestamp': '2026-01-02T00:00:00Z', eventID: `good-${i}`, eventName: 'GetObject' },
    });
    const poisoned: ParsedRecord = {
      kind: 'cloudtrail',
      origin: origin(6),
      document: { source: 'aws.cloudtrail', '@timestamp': 'yesterday at noon', eventID: 'poisoned', eventName: 'GetObject' },
    };
    const unparsed: ParsedRecord = { kind: 'rejected', reason: 'not JSON', raw: '{"broken', origin: origin(8) };
    const records = [good(1), good(2), good(3), good(4), good(5), poisoned, good(7), unparsed, good(9)];
    const writer = store.writer({ deadLetterFile });
    for (const record of records) await writer.write(record);
    await writer.flush();
    expect(writer.accounting.counts).toEqual({ read: 9, indexed: 7, updated: 0, unchanged: 0, stale: 0, skipped: 0, rejected: 2 });
    await store.refresh();
    expect(await store.count('cloudtrail')).toBe(7);
    const letters = await store.search<{ reason: string; line: number; raw: string; kind: string }>('dead-letters', { size: 10, sort: [{ line: 'asc' }] });
    expect(letters.map((l) => [l._source.line, l._source.kind])).toEqual([
      [6, 'cloudtrail'],
      [8, 'unparsed'],
    ]);
    expect(letters[0]?._source.reason).toMatch(/mapper_parsing_exception/);
    expect(JSON.parse(letters[0]?._source.raw ?? '{}')).toMatchObject({ eventID: 'poisoned' });
    const fileLines = readFileSync(deadLetterFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number });
    expect(fileLines.map((l) => l.line).sort()).toEqual([6, 8]);
  });
});
