import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backfillAccounts } from '../../src/accounts/backfill';
import { parseAccountsYaml } from '../../src/accounts/directory';
import { runGdlens, type CliRun } from '../cli-harness';
import { createTestStore, FIXED_NOW, FIXTURES, type TestStore } from './helpers';

let store: TestStore;
let dir: string;

beforeAll(async () => {
  store = await createTestStore();
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-backfill-'));
});

afterAll(async () => {
  await store.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function gdlens(argv: string[]): Promise<CliRun> {
  return runGdlens(argv, { now: () => FIXED_NOW });
}

const FINDINGS_FILE = path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl');
const CLOUDTRAIL_FILE = path.join(FIXTURES, 'airbnb-streamalert-cloudtrail.jsonl');
const PROD = '123456789012';
const LAB = '123456789123';
const KINDS = ['findings', 'occurrences', 'cloudtrail'] as const;
type Kind = (typeof KINDS)[number];

function accountsFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `findings 19, occurrences 19, cloudtrail 3` from the ingest log line, as numbers per index. */
function loggedUpdates(err: string): Record<Kind, number> {
  const line = /account names: findings (\d+), occurrences (\d+), cloudtrail (\d+) documents updated/.exec(err);
  if (!line) throw new Error(`no backfill line in:\n${err}`);
  return { findings: Number(line[1]), occurrences: Number(line[2]), cloudtrail: Number(line[3]) };
}

async function countOf(kind: Kind, account: string, extra: unknown[] = []): Promise<number> {
  return store.count(kind, { bool: { filter: [{ term: { 'account_id.raw': account } }, ...extra] } });
}

/** Per finding: its version_key, ledger and count, and the sum of its occurrences' count_delta. */
async function findingState(): Promise<Record<string, { key: unknown; ledger: unknown; count: unknown; deltas: number }>> {
  await store.refresh();
  const findings = await store.search<Record<string, unknown>>('findings', { size: 1000 });
  const sums = await store.client.request<{ aggregations: { f: { buckets: Array<{ key: string; s: { value: number } }> } } }>(
    'POST',
    `/${store.names.alias('occurrences')}/_search`,
    { body: { size: 0, aggs: { f: { terms: { field: 'finding_id.raw', size: 1000 }, aggs: { s: { sum: { field: 'count_delta' } } } } } } },
  );
  const deltas = new Map(sums.body.aggregations.f.buckets.map((b) => [b.key, b.s.value]));
  return Object.fromEntries(
    findings.map((hit) => [hit._id, { key: hit._source.version_key, ledger: hit._source.ledger, count: hit._source.count, deltas: deltas.get(String(hit._source.finding_id)) ?? NaN }]),
  );
}

describe('gdlens ingest --accounts: documents stored earlier get the file\'s names', () => {
  it('names, renames, is a no-op when consistent, leaves the upsert ordering and the deltas alone', async () => {
    const base = ['ingest', '--opensearch', store.url, '--prefix', store.names.prefix];
    expect((await gdlens([...base, FINDINGS_FILE, CLOUDTRAIL_FILE])).status).toBe(0);
    await store.refresh();
    const prodDocs: Record<Kind, number> = { findings: 0, occurrences: 0, cloudtrail: 0 };
    const labDocs: Record<Kind, number> = { findings: 0, occurrences: 0, cloudtrail: 0 };
    for (const kind of KINDS) {
      prodDocs[kind] = await countOf(kind, PROD);
      labDocs[kind] = await countOf(kind, LAB);
      expect(await store.count(kind, { exists: { field: 'account_name' } })).toBe(0);
    }
    expect(prodDocs.findings).toBeGreaterThan(0);
    expect(prodDocs.occurrences).toBeGreaterThanOrEqual(prodDocs.findings);
    expect(labDocs.cloudtrail).toBeGreaterThan(0);
    const before = await findingState();
    for (const state of Object.values(before)) expect(state.deltas).toBe(state.count);

    // The same inputs again, now with the file: every record is a re-delivery (unchanged), so only
    // the backfill can name what is stored.
    const first = accountsFile('accounts.yaml', `accounts:\n  - id: "${PROD}"\n    name: payments-prod\n    env: prod\n  - id: "${LAB}"\n    name: lab\n  - id: "999999999999"\n    name: no-data\n`);
    const named = await gdlens([...base, '--accounts', first, FINDINGS_FILE, CLOUDTRAIL_FILE]);
    expect(named.status).toBe(0);
    expect(loggedUpdates(named.err)).toEqual({ findings: prodDocs.findings + labDocs.findings, occurrences: prodDocs.occurrences + labDocs.occurrences, cloudtrail: prodDocs.cloudtrail + labDocs.cloudtrail });
    await store.refresh();
    for (const kind of KINDS) {
      expect(await countOf(kind, PROD, [{ term: { 'account_name.raw': 'payments-prod' } }, { term: { 'account_env.raw': 'prod' } }])).toBe(prodDocs[kind]);
      expect(await countOf(kind, LAB, [{ term: { 'account_name.raw': 'lab' } }])).toBe(labDocs[kind]);
      expect(await countOf(kind, LAB, [{ exists: { field: 'account_env' } }])).toBe(0);
      // Accounts not in the file stay unnamed.
      expect(await store.count(kind, { exists: { field: 'account_name' } })).toBe(prodDocs[kind] + labDocs[kind]);
    }
    // Only the names changed: the keys, ledgers and counts the upsert orders by, and Σ count_delta.
    expect(await findingState()).toEqual(before);

    // Rename both, take prod out of its environment and put lab into one (one account per query,
    // so the grouping of accounts into several queries is exercised too).
    const renamed = parseAccountsYaml(`accounts:\n  - id: "${PROD}"\n    name: Payments-Prod\n  - id: "${LAB}"\n    name: lab-2\n    env: dev\n`, 'renamed.yaml');
    const counts = await backfillAccounts(store.client, store.names, renamed, { accountsPerQuery: 1 });
    expect(counts.map((c) => [c.kind, c.matched, c.updated, c.conflicts])).toEqual(KINDS.map((kind) => [kind, prodDocs[kind] + labDocs[kind], prodDocs[kind] + labDocs[kind], 0]));
    await store.refresh();
    for (const kind of KINDS) {
      // A change of case alone counts as a rename (`.raw` is compared).
      expect(await countOf(kind, PROD, [{ term: { 'account_name.raw': 'Payments-Prod' } }])).toBe(prodDocs[kind]);
      expect(await countOf(kind, PROD, [{ exists: { field: 'account_env' } }])).toBe(0);
      expect(await countOf(kind, LAB, [{ term: { 'account_name.raw': 'lab-2' } }, { term: { 'account_env.raw': 'dev' } }])).toBe(labDocs[kind]);
    }

    // Consistent now: nothing matches, nothing is written, whatever the run reads.
    const second = accountsFile('renamed.yaml', `accounts:\n  - id: "${PROD}"\n    name: Payments-Prod\n  - id: "${LAB}"\n    name: lab-2\n    env: dev\n`);
    const again = await gdlens([...base, '--accounts', second, CLOUDTRAIL_FILE]);
    expect(again.status).toBe(0);
    expect(loggedUpdates(again.err)).toEqual({ findings: 0, occurrences: 0, cloudtrail: 0 });

    // A later real update of a finding after the backfill still wins, and the deltas still sum up.
    const [target] = await store.search<{ finding_id: string; count: number; version_key: string; detail: Record<string, unknown> & { service: Record<string, unknown> } }>('findings', {
      size: 1,
      sort: [{ 'finding_id.raw': 'asc' }],
    });
    if (!target) throw new Error('no finding stored');
    const later = structuredClone(target._source.detail);
    later.updatedAt = '2030-01-01T00:00:00.000Z';
    later.service = { ...later.service, count: target._source.count + 5 };
    const updateFile = path.join(dir, 'later.jsonl');
    writeFileSync(updateFile, `${JSON.stringify(later)}\n`);
    const update = await gdlens([...base, '--accounts', second, updateFile]);
    expect(update.status).toBe(0);
    expect(update.out).toContain('read=1 indexed=0 updated=1 ');
    const after = await findingState();
    const changed = after[target._id];
    expect(changed?.count).toBe(target._source.count + 5);
    expect(String(changed?.key) > target._source.version_key).toBe(true);
    for (const state of Object.values(after)) expect(state.deltas).toBe(state.count);
    const [stored] = await store.search<{ account_name: string; account_env: string }>('findings', { query: { ids: { values: [target._id] } } });
    expect(stored?._source.account_name).toBe('Payments-Prod');
    expect(stored?._source).not.toHaveProperty('account_env');

    // An account removed from the file keeps the name it was last given (see backfill.ts).
    const removed = await gdlens([...base, '--accounts', accountsFile('removed.csv', `account_id,name,env\n${PROD},Payments-Prod,\n`), CLOUDTRAIL_FILE]);
    expect(loggedUpdates(removed.err)).toEqual({ findings: 0, occurrences: 0, cloudtrail: 0 });
    await store.refresh();
    expect(await countOf('cloudtrail', LAB, [{ term: { 'account_name.raw': 'lab-2' } }])).toBe(labDocs.cloudtrail);

    // Every backfill query ran as a task; none of their results is left behind in `.tasks`.
    expect(await storedTaskResultsMentioning(store.names.prefix)).toEqual([]);
  });
});

/** Task results in the cluster's `.tasks` index whose description names this store's indices. */
async function storedTaskResultsMentioning(prefix: string): Promise<string[]> {
  await store.client.request('POST', '/.tasks/_refresh', { accept: [404] });
  const reply = await store.client.request<{ hits?: { hits: Array<{ _id: string; _source: unknown }> } }>('POST', '/.tasks/_search', {
    body: { size: 10_000, query: { match_all: {} } },
    accept: [404],
  });
  return (reply.body.hits?.hits ?? []).filter((hit) => JSON.stringify(hit._source).includes(prefix)).map((hit) => hit._id);
}
