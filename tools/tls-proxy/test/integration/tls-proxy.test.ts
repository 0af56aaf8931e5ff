import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { htpasswdLine, renderTemplate, RunningTlsProxy, startTlsProxy, TEMPLATE_FILE, TlsProxyError } from '../../src';

const USERNAME = 'gdlens';
const PASSWORD = 'correct horse: battery=staple';

let proxy: RunningTlsProxy;

beforeAll(async () => {
  proxy = await startTlsProxy({ upstream: testOpenSearchUrl(), username: USERNAME, password: PASSWORD });
});

afterAll(async () => {
  await proxy?.stop();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function request(path: string, options: { auth?: string; ca?: string; method?: string; body?: string; host?: string } = {}): Promise<Reply> {
  const url = new URL(path, proxy.url);
  if (options.host) url.hostname = options.host;
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        agent: false,
        headers: {
          ...(options.auth ? { authorization: `Basic ${Buffer.from(options.auth).toString('base64')}` } : {}),
          ...(options.body ? { 'content-type': 'application/x-ndjson' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

test('GET / through the proxy reaches OpenSearch with the CA and the right password', async () => {
  const reply = await request('/', { ca: proxy.caPem, auth: `${USERNAME}:${PASSWORD}` });
  expect(reply.status).toBe(200);
  const body = JSON.parse(reply.body) as { version?: { distribution?: string; number?: string } };
  expect(body.version?.distribution).toBe('opensearch');
  expect(readFileSync(proxy.caFile, 'utf8')).toBe(proxy.caPem);
});

test('the certificate also names localhost', async () => {
  const reply = await request('/', { ca: proxy.caPem, auth: `${USERNAME}:${PASSWORD}`, host: 'localhost' });
  expect(reply.status).toBe(200);
});

test('a wrong password or no credentials get 401 with a Basic challenge', async () => {
  const wrong = await request('/', { ca: proxy.caPem, auth: `${USERNAME}:not-the-password` });
  expect(wrong.status).toBe(401);
  expect(wrong.headers['www-authenticate']).toMatch(/^Basic realm=/);
  const anonymous = await request('/', { ca: proxy.caPem });
  expect(anonymous.status).toBe(401);
  const otherUser = await request('/', { ca: proxy.caPem, auth: `admin:${PASSWORD}` });
  expect(otherUser.status).toBe(401);
});

test('TLS verification fails without the CA', async () => {
  await expect(request('/', { auth: `${USERNAME}:${PASSWORD}` })).rejects.toMatchObject({
    code: expect.stringMatching(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/),
  });
});

test('bodies pass through both ways: a bulk through the proxy is searchable', async () => {
  const index = uniqueIndexName('tls-proxy');
  const auth = `${USERNAME}:${PASSWORD}`;
  try {
    const lines = Array.from({ length: 50 }, (_, i) => `{"index":{"_index":"${index}","_id":"${i}"}}\n{"n":${i},"text":"${'x'.repeat(200)}"}\n`).join('');
    const bulk = await request('/_bulk?refresh=true', { ca: proxy.caPem, auth, method: 'POST', body: lines });
    expect(bulk.status).toBe(200);
    expect(JSON.parse(bulk.body)).toMatchObject({ errors: false });
    const count = await request(`/${index}/_count`, { ca: proxy.caPem, auth });
    expect(JSON.parse(count.body)).toMatchObject({ count: 50 });
  } finally {
    await request(`/${index}`, { ca: proxy.caPem, auth, method: 'DELETE' });
  }
});

test('the config template is filled completely and refuses values that could inject directives', () => {
  const template = readFileSync(TEMPLATE_FILE, 'utf8');
  const values = {
    workDir: '/tmp/w',
    port: 8443,
    certFile: '/tmp/w/c.crt',
    keyFile: '/tmp/w/c.key',
    htpasswdFile: '/tmp/w/h',
    upstreamScheme: 'http',
    upstreamHost: '127.0.0.1:9200',
    caFile: '/tmp/w/ca.crt',
    verifyClient: 'off',
    maxBodyBytes: 1048576,
  };
  const config = renderTemplate(template, values);
  expect(config).not.toMatch(/\{\{\w+\}\}/);
  expect(config).toContain('listen 127.0.0.1:8443 ssl;');
  expect(config).toContain('server 127.0.0.1:9200;');
  expect(config).toContain('proxy_pass http://opensearch_upstream;');
  expect(config).toContain('ssl_verify_client off;');
  expect(config).toContain('client_max_body_size 1048576;');
  expect(() => renderTemplate(template, { ...values, upstreamHost: 'x;} server {' })).toThrow(TlsProxyError);
  expect(() => renderTemplate(template, { ...values, extra: 'x' })).toThrow(/no placeholder for extra/);
  const { port: _port, ...missingPort } = values;
  expect(() => renderTemplate(template, missingPort)).toThrow(/\{\{port\}\}/);
});

test('with requireClientCertificate, only a client holding a certificate the CA signed gets through', async () => {
  const mutual = await startTlsProxy({ upstream: testOpenSearchUrl(), username: USERNAME, password: PASSWORD, requireClientCertificate: true });
  const get = (client: { cert?: Buffer; key?: Buffer }): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = https.request(mutual.url, { ca: mutual.caPem, agent: false, ...client, headers: { authorization: `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.once('error', reject);
      req.end();
    });
  try {
    const without = await get({});
    expect(without.status).toBe(400);
    expect(without.body).toContain('No required SSL certificate was sent');
    const withCertificate = await get({ cert: readFileSync(mutual.clientCertFile), key: readFileSync(mutual.clientKeyFile) });
    expect(withCertificate.status).toBe(200);
  } finally {
    await mutual.stop();
  }
});

test('htpasswd lines use salted SHA-1 and differ per salt', () => {
  const a = htpasswdLine('u', 'p', Buffer.from('saltsalt'));
  expect(a).toBe(`u:{SSHA}${Buffer.concat([createHash('sha1').update('p').update('saltsalt').digest(), Buffer.from('saltsalt')]).toString('base64')}\n`);
  expect(htpasswdLine('u', 'p')).not.toBe(htpasswdLine('u', 'p'));
  expect(() => htpasswdLine('a:b', 'p')).toThrow(TlsProxyError);
});
