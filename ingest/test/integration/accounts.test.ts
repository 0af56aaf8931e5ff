import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGdlens, type CliRun } from '../cli-harness';
import { createTestStore, FIXED_NOW, FIXTURES, type TestStore } from './helpers';

let store: TestStore;
let dir: string;

beforeAll(async () => {
  store = await createTestStore();
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-accounts-'));
});

afterAll(async () => {
  await store.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function gdlens(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runGdlens(argv, { env, now: () => FIXED_NOW });
}

const FINDINGS_FILE = path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl');
const CLOUDTRAIL_FILE = path.join(FIXTURES, 'airbnb-streamalert-cloudtrail.jsonl');

describe('gdlens ingest --accounts', () => {
  it('adds account_name and account_env to findings, occurrences and CloudTrail documents of listed accounts', async () => {
    const file = path.join(dir, 'accounts.yaml');
    writeFileSync(file, 'accounts:\n  - id: "123456789012"\n    name: payments-prod\n    env: prod\n  - id: "123456789123"\n    name: lab\n');
    // The environment variable names the file; a flag would win over it.
    const result = await gdlens(['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, FINDINGS_FILE, CLOUDTRAIL_FILE], { GDLENS_ACCOUNTS_FILE: file });
    expect(result.err).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    await store.refresh();

    const findings = await store.count('findings');
    expect(findings).toBeGreaterThan(0);
    expect(await store.count('findings', { term: { 'account_name.raw': 'payments-prod' } })).toBe(findings);
    expect(await store.count('findings', { term: { account_env: 'PROD' } })).toBe(findings);
    const occurrences = await store.count('occurrences');
    expect(await store.count('occurrences', { term: { 'account_name.raw': 'payments-prod' } })).toBe(occurrences);

    // CloudTrail: the records of each listed account carry its name; the others none.
    const labEvents = await store.count('cloudtrail', { term: { account_id: '123456789123' } });
    const prodEvents = await store.count('cloudtrail', { term: { account_id: '123456789012' } });
    expect(labEvents).toBeGreaterThan(0);
    expect(await store.count('cloudtrail', { term: { 'account_name.raw': 'lab' } })).toBe(labEvents);
    expect(await store.count('cloudtrail', { term: { 'account_name.raw': 'payments-prod' } })).toBe(prodEvents);
    expect(await store.count('cloudtrail')).toBeGreaterThan(labEvents + prodEvents);
    expect(await store.count('cloudtrail', { exists: { field: 'account_name' } })).toBe(labEvents + prodEvents);
    expect(await store.count('cloudtrail', { exists: { field: 'account_env' } })).toBe(prodEvents);
  });

  it('refuses a bad file before reading anything, naming file, line and reason', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'account_id,name,env\n123456789012,a,prod\n123456789012,b,prod\n');
    const result = await gdlens(['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--accounts', file, FINDINGS_FILE]);
    expect(result.status).toBe(1);
    expect(result.err).toContain(`${file}:3: duplicate account id 123456789012 (first on line 2)`);
    const missing = await gdlens(['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--accounts', path.join(dir, 'nope.yaml'), FINDINGS_FILE]);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/--accounts: cannot read .*nope\.yaml: ENOENT/);
  });
});
