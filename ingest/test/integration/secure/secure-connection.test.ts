import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { generateTestCertificates, startTlsProxy, type RunningTlsProxy } from '@gdlens/tls-proxy';
import { OpenSearchClient } from '../../../src/opensearch/client';
import { storeNames } from '../../../src/store/names';
import { removeStore } from '../../../src/store/setup';
import { runGdlens, type CliRun } from '../../cli-harness';
import { FIXED_NOW, FIXTURES } from '../helpers';

// The real node has no security plugin, so TLS and basic auth come from the real nginx in front
// of it (tools/tls-proxy). Every secret is random per run, so finding it in any output is a leak.
const USERNAME = 'gdlens';
const PASSWORD = `pw-${randomBytes(12).toString('base64url')}`;
const WRONG_PASSWORD = `wrong-${randomBytes(12).toString('base64url')}`;
const AWS_SECRET = `aws-secret-${randomBytes(15).toString('base64url')}`;
const AWS_TOKEN = `aws-token-${randomBytes(15).toString('base64url')}`;

// Two stores: tests run in random order, and each asserts counts of its own first ingest.
const prefix = uniqueIndexName('gdlsec');
const names = storeNames(prefix);
const sigv4Prefix = uniqueIndexName('gdlsig');
const direct = new OpenSearchClient({ url: testOpenSearchUrl() });
let proxy: RunningTlsProxy;
let dir: string;
let otherCaFile: string;
let input: string;

function gdlens(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runGdlens(argv, { env, now: () => FIXED_NOW });
}

/** Each secret, and the forms a leak could take (URL-encoded, inside a Basic header). */
function expectNoSecret(...texts: string[]): void {
  const forms = [PASSWORD, WRONG_PASSWORD, AWS_SECRET, AWS_TOKEN].flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(`${USERNAME}:${secret}`).toString('base64'),
  ]);
  for (const text of texts) for (const form of forms) expect(text.includes(form) ? `leaked ${form}` : 'clean').toBe('clean');
}

const basicEnv = (password = PASSWORD): Record<string, string> => ({ OPENSEARCH_USERNAME: USERNAME, OPENSEARCH_PASSWORD: password });

beforeAll(async () => {
  proxy = await startTlsProxy({ upstream: testOpenSearchUrl(), username: USERNAME, password: PASSWORD });
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-secure-'));
  mkdirSync(path.join(dir, 'other-ca'));
  otherCaFile = generateTestCertificates(path.join(dir, 'other-ca')).caFile;
  // A real fixture plus one line that cannot be a record, so the dead-letter file is written.
  input = path.join(dir, 'findings.jsonl');
  writeFileSync(input, `${readFileSync(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), 'utf8')}{"not a finding": true, "password": "none"}\n`);
});

afterAll(async () => {
  await removeStore(direct, names);
  await removeStore(direct, storeNames(sigv4Prefix));
  direct.close();
  await proxy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('through nginx with TLS and basic auth', () => {
  it('setup and ingest work with the CA and the password, and no secret reaches stdout, stderr or the dead-letter file', async () => {
    const setup = await gdlens(['setup', '--opensearch', proxy.url, '--opensearch-ca', proxy.caFile, '--prefix', prefix], basicEnv());
    expect(setup.err).toBe('');
    expect(setup.status).toBe(0);
    expect(setup.out).toContain(`gdlens setup: done on ${proxy.url} (prefix ${prefix}`);

    const deadLetters = path.join(dir, 'dead-letters.jsonl');
    const ingest = await gdlens(['ingest', '--opensearch-ca', proxy.caFile, '--prefix', prefix, '--dead-letter', deadLetters, input], { ...basicEnv(), OPENSEARCH_URL: proxy.url });
    expect(ingest.status).toBe(0);
    expect(ingest.out).toMatch(/read=20 indexed=19 updated=0 unchanged=0 stale=0 skipped=0 rejected=1/);
    const deadLetterText = readFileSync(deadLetters, 'utf8');
    expect(deadLetterText).toContain('not a finding');
    expectNoSecret(setup.out, setup.err, ingest.out, ingest.err, deadLetterText);

    await direct.request('POST', `/${prefix}-*/_refresh`);
    const stored = await direct.request<{ count: number }>('GET', `/${names.alias('findings')}/_count`);
    expect(stored.body.count).toBeGreaterThan(0);
  });

  it('a wrong password fails with a 401 that names the settings to check', async () => {
    const deadLetters = path.join(dir, 'wrong-password-dead-letters.jsonl');
    for (const argv of [
      ['setup', '--opensearch', proxy.url, '--opensearch-ca', proxy.caFile, '--prefix', prefix],
      ['ingest', '--opensearch', proxy.url, '--opensearch-ca', proxy.caFile, '--prefix', prefix, '--dead-letter', deadLetters, input],
    ]) {
      const run = await gdlens(argv, basicEnv(WRONG_PASSWORD));
      expect(run.status).toBe(1);
      expect(run.err).toMatch(
        /returned HTTP 401: the cluster refused user 'gdlens': check --opensearch-username \(OPENSEARCH_USERNAME, opensearch\.username\) and OPENSEARCH_PASSWORD \(opensearch\.password\)(; the cluster said: 401 Authorization Required)?\n/,
      );
      // setup's first request is a GET, whose 401 page has a title; ingest's is a HEAD, without a body.
      if (argv[0] === 'setup') expect(run.err).toContain('the cluster said: 401 Authorization Required');
      expectNoSecret(run.out, run.err, existsSync(deadLetters) ? readFileSync(deadLetters, 'utf8') : '');
    }
  });

  it('no credentials at all: the 401 says where they go', async () => {
    const run = await gdlens(['prune', '--opensearch', proxy.url, '--opensearch-ca', proxy.caFile, '--prefix', prefix, '--older-than', '1d', '--dry-run']);
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/HTTP 401: no credentials were sent: set --opensearch-username .* and OPENSEARCH_PASSWORD .*, or --opensearch-aws-sigv4/);
  });

  it('a CA that did not sign the certificate fails at once with a TLS error naming --opensearch-ca', async () => {
    const startedMs = Date.now();
    const run = await gdlens(['setup', '--opensearch', proxy.url, '--opensearch-ca', otherCaFile, '--prefix', prefix], basicEnv());
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/TLS certificate check failed: (SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(run.err).toContain(`not signed by the CA in ${otherCaFile} (--opensearch-ca (OPENSEARCH_CA_FILE, opensearch.ca))`);
    expect(Date.now() - startedMs).toBeLessThan(10_000);
    expectNoSecret(run.out, run.err);

    const withoutCa = await gdlens(['setup', '--opensearch', proxy.url, '--prefix', prefix], basicEnv());
    expect(withoutCa.status).toBe(1);
    expect(withoutCa.err).toMatch(/TLS certificate check failed: .*give its CA with --opensearch-ca/);
  });

  it('a config file carries the whole connection, password included, and flags still win over it', async () => {
    const config = path.join(dir, 'gdlens.yaml');
    writeFileSync(config, [`opensearch:`, `  url: ${proxy.url}`, `  ca: ${proxy.caFile}`, `  username: ${USERNAME}`, `  password: "${PASSWORD}"`, `prefix: ${prefix}`, `prune:`, `  dry-run: true`, ''].join('\n'));
    chmodSync(config, 0o600);
    const setup = await gdlens(['setup', '--config', config]);
    expect(setup.status).toBe(0);
    expect(setup.out).toMatch(new RegExp(`${prefix}-findings → ${prefix}-findings-v\\d+: (created|up-to-date)`));
    const prune = await gdlens(['prune', '--older-than', '1d'], { GDLENS_CONFIG: config });
    expect(prune.status).toBe(0);
    expect(prune.out).toContain('(dry run: nothing deleted)');
    // The environment beats the file: a wrong password in OPENSEARCH_PASSWORD is the one sent.
    const overridden = await gdlens(['setup', '--config', config], { OPENSEARCH_PASSWORD: WRONG_PASSWORD });
    expect(overridden.status).toBe(1);
    expect(overridden.err).toMatch(/HTTP 401/);
    expectNoSecret(setup.out, setup.err, prune.out, prune.err, overridden.out, overridden.err);
  });

  it('backtest and check-dashboards send their data-source queries through the same TLS and basic auth', async () => {
    const env = { ...basicEnv(), OPENSEARCH_URL: proxy.url, OPENSEARCH_CA_FILE: proxy.caFile, GDLENS_PREFIX: prefix };
    expect((await gdlens(['setup'], env)).status).toBe(0);
    const backtest = await gdlens(['backtest', '--from', '2026-01-15T00:00:00Z', '--to', '2026-01-15T02:00:00Z', '--step', '1h'], env);
    expect(backtest.err).toBe('');
    expect(backtest.status).toBe(0);
    expect(backtest.out).toMatch(/^# gdlens-critical-finding /m);
    expect(backtest.out).not.toContain('"state":"Error"');
    const check = await gdlens(['check-dashboards', '--json', '--from', '2026-01-15T00:00:00Z', '--to', '2026-01-15T02:00:00Z'], env);
    const panels = check.out.trim().split('\n').map((line) => JSON.parse(line) as { status: string; error?: string });
    expect(panels.length).toBeGreaterThan(10);
    // Panels may be empty (this store holds little), but none may fail to reach the cluster.
    expect(panels.filter((panel) => /401|certificate|ECONNREFUSED/.test(panel.error ?? ''))).toEqual([]);
    expectNoSecret(backtest.out, backtest.err, check.out, check.err);
    const refused = await gdlens(['backtest', '--from', '2026-01-15T00:00:00Z', '--to', '2026-01-15T01:00:00Z'], { ...env, OPENSEARCH_PASSWORD: WRONG_PASSWORD });
    expectNoSecret(refused.out, refused.err);
    // Refused before any rule runs: not a report of Error states ending in exit 0.
    expect(refused.status).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^gdlens backtest: .*HTTP 401: the cluster refused user 'gdlens': check --opensearch-username .* and OPENSEARCH_PASSWORD/);
    const noStore = await gdlens(['backtest', '--from', '2026-01-15T00:00:00Z', '--to', '2026-01-15T01:00:00Z'], { ...env, GDLENS_PREFIX: `${prefix}-absent` });
    expect(noStore.status).toBe(1);
    expect(noStore.err).toContain(`alias ${prefix}-absent-findings not found`);
    expect(noStore.err).toContain('run gdlens setup first');
  });

  it('credentials inside the URL work and are never shown', async () => {
    const url = new URL(proxy.url);
    url.username = USERNAME;
    url.password = PASSWORD;
    const run = await gdlens(['setup', '--opensearch', url.toString(), '--opensearch-ca', proxy.caFile, '--prefix', prefix]);
    expect(run.status).toBe(0);
    expect(run.out).toContain(`done on ${proxy.url} `);
    expectNoSecret(run.out, run.err);
  });
});

describe('through nginx requiring a client certificate (mutual TLS)', () => {
  let mutual: RunningTlsProxy;
  beforeAll(async () => {
    mutual = await startTlsProxy({ upstream: testOpenSearchUrl(), username: USERNAME, password: PASSWORD, requireClientCertificate: true });
  });
  afterAll(async () => {
    await mutual?.stop();
  });

  it('the certificate and key from the environment get through; without them nginx refuses', async () => {
    const env = { ...basicEnv(), OPENSEARCH_URL: mutual.url, OPENSEARCH_CA_FILE: mutual.caFile };
    const withCertificate = await gdlens(['setup', '--prefix', prefix], { ...env, OPENSEARCH_CERT_FILE: mutual.clientCertFile, OPENSEARCH_KEY_FILE: mutual.clientKeyFile });
    expect(withCertificate.err).toBe('');
    expect(withCertificate.status).toBe(0);
    const without = await gdlens(['setup', '--prefix', prefix], env);
    expect(without.status).toBe(1);
    expect(without.err).toMatch(/GET \/ returned HTTP 400: .*No required SSL certificate was sent/);
    expectNoSecret(withCertificate.out, withCertificate.err, without.out, without.err);
  });

  it('a key that does not match the certificate fails at start-up, naming both settings', async () => {
    const run = await gdlens(['setup', '--opensearch', mutual.url, '--opensearch-ca', mutual.caFile, '--opensearch-cert', mutual.clientCertFile, '--opensearch-key', proxy.clientKeyFile], basicEnv());
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/gdlens setup: --opensearch-cert \(OPENSEARCH_CERT_FILE, opensearch\.cert\) \/ --opensearch-key \(OPENSEARCH_KEY_FILE, opensearch\.key\): .*key values mismatch/);
  });
});

describe('AWS SigV4', () => {
  it('signed requests from the command environment reach the real node, and the keys are never shown', async () => {
    // The node ignores the Authorization header; this checks the wiring end to end (signing
    // every request kind setup and ingest send), the signature itself is checked against AWS's vectors.
    const env = {
      OPENSEARCH_URL: testOpenSearchUrl(),
      OPENSEARCH_AWS_SIGV4: 'es',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIAGDLENSTEST000001',
      AWS_SECRET_ACCESS_KEY: AWS_SECRET,
      AWS_SESSION_TOKEN: AWS_TOKEN,
    };
    const setup = await gdlens(['setup', '--prefix', sigv4Prefix], env);
    expect(setup.status).toBe(0);
    const ingest = await gdlens(['ingest', '--prefix', sigv4Prefix, input], env);
    expect(ingest.status).toBe(0);
    expect(ingest.out).toMatch(/read=20 indexed=19 .*rejected=1/);
    expectNoSecret(setup.out, setup.err, ingest.out, ingest.err);
  });

  it('SigV4 beside basic auth is refused at start-up', async () => {
    const run = await gdlens(['setup', '--prefix', prefix, '--opensearch-aws-sigv4', 'es', '--opensearch-aws-region', 'eu-west-1'], basicEnv());
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/--opensearch-aws-sigv4 .* and basic auth exclude each other/);
    expectNoSecret(run.out, run.err);
  });
});
