import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateTestCertificates, type TestCertificates } from '@gdlens/tls-proxy';
import { ConfigError } from '../../../src/errors';
import type { OutgoingRequest } from '../../../src/opensearch/client';
import { clientFromSettings, clientOptionsFromSettings, DEFAULT_OPENSEARCH_URL, regionFromHost } from '../../../src/opensearch/connect';
import { signRequest } from '../../../src/opensearch/sigv4';

let dir: string;
let certs: TestCertificates;
let otherCerts: TestCertificates;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-connect-'));
  certs = generateTestCertificates(dir);
  const other = path.join(dir, 'other');
  mkdirSync(other);
  otherCerts = generateTestCertificates(other);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError thrown');
}

describe('clientOptionsFromSettings: URL', () => {
  it('takes the flag, then OPENSEARCH_URL, then the local default', () => {
    expect(clientOptionsFromSettings({}, {}).url).toBe(DEFAULT_OPENSEARCH_URL);
    expect(clientOptionsFromSettings({}, { OPENSEARCH_URL: 'http://env:9200' }).url).toBe('http://env:9200');
    expect(clientOptionsFromSettings({ opensearch: 'http://flag:9200' }, { OPENSEARCH_URL: 'http://env:9200' }).url).toBe('http://flag:9200');
  });

  it('names the setting for a bad URL and never prints its password', () => {
    const error = configError(() => clientOptionsFromSettings({ opensearch: 'https://admin:hunter22@[::1' }, {}));
    expect(error.message).toMatch(/^--opensearch \(OPENSEARCH_URL, opensearch.url\) is not a URL/);
    expect(error.message).not.toContain('hunter22');
    expect(configError(() => clientOptionsFromSettings({ opensearch: 'ftp://host' }, {})).message).toMatch(/must be an http:\/\/ or https:\/\/ URL/);
    expect(configError(() => clientOptionsFromSettings({ opensearch: 'http://host:9200/?pretty' }, {})).message).toMatch(/no query/);
  });

  it('accepts a bare URL string for callers that only have --opensearch', () => {
    const client = clientFromSettings('http://127.0.0.1:9201', {});
    expect(client.displayUrl).toBe('http://127.0.0.1:9201');
    client.close();
  });
});

describe('clientOptionsFromSettings: TLS', () => {
  const https = 'https://127.0.0.1:9443';

  it('reads the CA file from the flag or OPENSEARCH_CA_FILE', () => {
    const fromFlag = clientOptionsFromSettings({ opensearch: https, 'opensearch-ca': certs.caFile }, {});
    expect(String(fromFlag.tls?.ca)).toContain('-----BEGIN CERTIFICATE-----');
    const fromEnv = clientOptionsFromSettings({ opensearch: https }, { OPENSEARCH_CA_FILE: certs.caFile });
    expect(String(fromEnv.tls?.ca)).toBe(String(fromFlag.tls?.ca));
    expect(fromEnv.tlsHint).toContain(certs.caFile);
  });

  it('fails at start-up on a missing or non-PEM CA file, naming the setting', () => {
    const missing = configError(() => clientOptionsFromSettings({ opensearch: https, 'opensearch-ca': path.join(dir, 'nope.pem') }, {}));
    expect(missing.message).toMatch(/^--opensearch-ca \(OPENSEARCH_CA_FILE, opensearch.ca\): cannot read .*nope\.pem: ENOENT/);
    const text = path.join(dir, 'not-pem.txt');
    writeFileSync(text, 'hello');
    expect(configError(() => clientOptionsFromSettings({ opensearch: https }, { OPENSEARCH_CA_FILE: text })).message).toMatch(/holds no PEM certificate/);
  });

  it('refuses TLS files with an http URL', () => {
    expect(configError(() => clientOptionsFromSettings({ opensearch: 'http://127.0.0.1:9200', 'opensearch-ca': certs.caFile }, {})).message).toMatch(
      /--opensearch-ca .* is set but --opensearch .* is not https/,
    );
  });

  it('wants the client certificate and key together, and matching', () => {
    expect(configError(() => clientOptionsFromSettings({ opensearch: https, 'opensearch-cert': certs.certFile }, {})).message).toMatch(/must be set together/);
    const pair = clientOptionsFromSettings({ opensearch: https, 'opensearch-cert': certs.certFile, 'opensearch-key': certs.keyFile }, {});
    expect(String(pair.tls?.key)).toMatch(/PRIVATE KEY/);
    const mismatch = configError(() => clientOptionsFromSettings({ opensearch: https }, { OPENSEARCH_CERT_FILE: certs.certFile, OPENSEARCH_KEY_FILE: otherCerts.keyFile }));
    expect(mismatch.message).toMatch(/^--opensearch-cert .* \/ --opensearch-key .*: .*mismatch/i);
  });

  it('without a CA, the TLS hint says which setting to give', () => {
    expect(clientOptionsFromSettings({ opensearch: https }, {}).tlsHint).toMatch(/give its CA with --opensearch-ca/);
  });
});

describe('clientOptionsFromSettings: basic auth', () => {
  it('takes the user from the flag or env and the password from OPENSEARCH_PASSWORD only', () => {
    const options = clientOptionsFromSettings({ 'opensearch-username': 'flag-user' }, { OPENSEARCH_USERNAME: 'env-user', OPENSEARCH_PASSWORD: 'pw-1234' });
    expect(options.auth).toEqual({ username: 'flag-user', password: 'pw-1234' });
    expect(options.authHint).toMatch(/refused user 'flag-user': check --opensearch-username .* and OPENSEARCH_PASSWORD/);
    expect(options.authHint).not.toContain('pw-1234');
  });

  it('wants user and password together, and not twice', () => {
    expect(configError(() => clientOptionsFromSettings({}, { OPENSEARCH_USERNAME: 'u' })).message).toMatch(/must be set together/);
    expect(configError(() => clientOptionsFromSettings({}, { OPENSEARCH_PASSWORD: 'p' })).message).toMatch(/must be set together/);
    const twice = configError(() => clientOptionsFromSettings({ opensearch: 'https://u:secret-pw@h' }, { OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'p' }));
    expect(twice.message).toMatch(/credentials are given twice/);
    expect(twice.message).not.toContain('secret-pw');
  });

  it('with no credentials, a 401 hint lists where they go', () => {
    expect(clientOptionsFromSettings({}, {}).authHint).toMatch(/no credentials were sent: set --opensearch-username .* and OPENSEARCH_PASSWORD/);
  });
});

describe('clientOptionsFromSettings: AWS SigV4', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-example' };
  const now = Date.parse('2026-11-28T02:00:00Z');

  it('signs each request with the headers the signer computes for the same request', async () => {
    const options = clientOptionsFromSettings(
      { opensearch: 'https://search-logs.eu-west-1.es.amazonaws.com', 'opensearch-aws-sigv4': 'es' },
      {},
      { now: () => now, credentials: async () => credentials },
    );
    expect(options.auth).toBeUndefined();
    const body = Buffer.from('{"query":{"match_all":{}}}');
    const request: OutgoingRequest = {
      method: 'POST',
      url: new URL('https://search-logs.eu-west-1.es.amazonaws.com/gdlens-findings/_search?size=0'),
      headers: { accept: 'application/json', 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    };
    const expected = signRequest({ method: 'POST', url: request.url, headers: { ...request.headers }, body, region: 'eu-west-1', service: 'es', credentials, now: new Date(now) });
    await options.signRequest?.(request);
    expect(request.headers.authorization).toBe(expected.Authorization);
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261128\/eu-west-1\/es\/aws4_request, SignedHeaders=accept;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, /);
    expect(request.headers['x-amz-security-token']).toBe('session-token-example');
    expect(request.headers['x-amz-date']).toBe('20261128T020000Z');
    expect(JSON.stringify(options)).not.toContain(credentials.secretAccessKey);
  });

  it('signs with the keys of the command environment when it has them', async () => {
    const env = { OPENSEARCH_AWS_SIGV4: 'es', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'secret-from-env' };
    const options = clientOptionsFromSettings({ opensearch: 'https://h.example' }, env, { now: () => now });
    const request: OutgoingRequest = { method: 'GET', url: new URL('https://h.example/'), headers: {} };
    await options.signRequest?.(request);
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFROMENV\/20261128\/eu-west-1\/es\/aws4_request, /);
    expect(request.headers['x-amz-security-token']).toBeUndefined();
  });

  it('takes the service from OPENSEARCH_AWS_SIGV4 and the region from the flag, AWS_REGION or the endpoint', () => {
    const creds = { credentials: async () => credentials };
    expect(clientOptionsFromSettings({ opensearch: 'https://x.us-east-2.aoss.amazonaws.com' }, { OPENSEARCH_AWS_SIGV4: 'aoss' }, creds).authHint).toMatch(/\(aoss, region us-east-2\)/);
    expect(clientOptionsFromSettings({ opensearch: 'https://x.us-east-2.aoss.amazonaws.com' }, { OPENSEARCH_AWS_SIGV4: 'aoss', AWS_REGION: 'eu-north-1' }, creds).authHint).toMatch(/region eu-north-1/);
    expect(
      clientOptionsFromSettings({ opensearch: 'https://vpc.internal', 'opensearch-aws-region': 'ap-south-1' }, { OPENSEARCH_AWS_SIGV4: 'es', AWS_REGION: 'eu-north-1' }, creds).authHint,
    ).toMatch(/region ap-south-1/);
  });

  it('fails at start-up on a bad service, a missing region, or basic auth beside it', () => {
    expect(configError(() => clientOptionsFromSettings({}, { OPENSEARCH_AWS_SIGV4: 'yes' })).message).toMatch(/^--opensearch-aws-sigv4 \(OPENSEARCH_AWS_SIGV4, opensearch.aws-sigv4\) must be es .* or aoss/);
    expect(configError(() => clientOptionsFromSettings({ opensearch: 'https://vpc.internal' }, { OPENSEARCH_AWS_SIGV4: 'es' })).message).toMatch(/needs a region: set --opensearch-aws-region \(AWS_REGION/);
    expect(configError(() => clientOptionsFromSettings({}, { OPENSEARCH_AWS_SIGV4: 'es', AWS_REGION: 'eu-west-1', OPENSEARCH_USERNAME: 'u', OPENSEARCH_PASSWORD: 'p' })).message).toMatch(
      /exclude each other/,
    );
  });

  it('reads the region out of managed and serverless endpoints only', () => {
    expect(regionFromHost('search-my-domain-abc123.eu-central-1.es.amazonaws.com', 'es')).toBe('eu-central-1');
    expect(regionFromHost('vpc-d.us-gov-west-1.es.amazonaws.com', 'es')).toBe('us-gov-west-1');
    expect(regionFromHost('abc.cn-north-1.es.amazonaws.com.cn', 'es')).toBe('cn-north-1');
    expect(regionFromHost('abc.eu-west-1.aoss.amazonaws.com', 'es')).toBeUndefined();
    expect(regionFromHost('opensearch.example.org', 'es')).toBeUndefined();
  });
});
