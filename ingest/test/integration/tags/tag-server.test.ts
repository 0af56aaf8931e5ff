import http from 'node:http';
import { storeNames } from '../../../src/store/names';
import { startTagServer, type RunningTagServer, type TagServerOptions } from '../../../src/tags/server';
import { createTestStore, type TestStore } from '../helpers';

const TOKEN = 'tok-3f9a1c27e4b84d0b9a6e5c1f2d7b8a90';
const WRONG = 'tok-00000000000000000000000000000000';

let store: TestStore;
let server: RunningTagServer;
let clockMs = Date.parse('2026-11-27T14:05:00Z');
const logLines: string[] = [];

beforeAll(async () => {
  store = await createTestStore();
  server = await start({ rateLimit: { burst: 1000, refillPerSecond: 1 } });
});

afterAll(async () => {
  await server.close();
  await store.cleanup();
});

function start(overrides: Partial<TagServerOptions> = {}): Promise<RunningTagServer> {
  return startTagServer({ client: store.client, names: store.names, token: TOKEN, now: () => clockMs, log: (line) => logLines.push(line), host: '127.0.0.1', port: 0, ...overrides });
}

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: { error?: string; fields?: Array<{ field: string }>; id?: string; result?: string; tag?: Record<string, unknown> };
  readonly text: string;
}

/** A real HTTP request; `chunks` are written one by one without a content-length (chunked encoding). */
function send(url: string, options: { method?: string; path?: string; token?: string; body?: string; chunks?: string[]; forwardedFor?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.forwardedFor !== undefined) headers['x-forwarded-for'] = options.forwardedFor;
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const request = http.request(`${url}${options.path ?? '/tags'}`, { method: options.method ?? 'POST', headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? (JSON.parse(text) as Reply['body']) : {}, text });
      });
    });
    // The server may close the connection while a rejected body is still being sent.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (options.chunks) {
      for (const chunk of options.chunks) request.write(chunk);
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

const TAG = { name: 'v1.4.2', kind: 'deploy', service: 'api', env: 'prod', account: '123456789012', time: '2026-11-27T11:00:00Z', url: 'https://ci.example.com/run/42', by: 'github-actions' };

async function tagCount(): Promise<number> {
  await store.refresh();
  return store.count('tags');
}

describe('POST /tags', () => {
  it('stores a valid tag (201) and the same tag again as the same document (200)', async () => {
    const first = await send(server.url, { token: TOKEN, body: JSON.stringify(TAG) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ result: 'created', tag: { name: 'v1.4.2', kind: 'deploy', '@timestamp': '2026-11-27T11:00:00.000Z', recorded_by: 'github-actions' } });
    const again = await send(server.url, { token: TOKEN, body: JSON.stringify({ ...TAG, end: '2026-11-27T11:30:00Z' }) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    await store.refresh();
    const hits = await store.search<Record<string, unknown>>('tags', { query: { query_string: { query: 'name:"V1.4.2" AND recorded_by:GITHUB-ACTIONS' } } });
    expect(hits).toHaveLength(1);
    expect(hits[0]?._id).toBe(first.body.id);
    expect(hits[0]?._source).toMatchObject({ service: 'api', env: 'prod', account_id: '123456789012', end: '2026-11-27T11:30:00.000Z', url: TAG.url, tags: ['deploy', 'api', 'prod', '123456789012'] });
  });

  it('rejects a missing token with 401 and writes nothing', async () => {
    const before = await tagCount();
    const reply = await send(server.url, { body: JSON.stringify({ ...TAG, name: 'no-token' }) });
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe('missing bearer token (Authorization: Bearer …)');
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(await tagCount()).toBe(before);
  });

  it('rejects a wrong token with 401 and writes nothing', async () => {
    const before = await tagCount();
    for (const token of [WRONG, TOKEN.slice(0, -1), `${TOKEN}x`, '']) {
      const reply = await send(server.url, { token, body: JSON.stringify({ ...TAG, name: 'wrong-token' }) });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('invalid bearer token');
    }
    expect(await tagCount()).toBe(before);
  });

  it.each([
    ['not JSON', '{"name": ', /^body is not valid JSON$/, undefined],
    ['an array', '[]', /^body must be a JSON object/, undefined],
    ['a bad kind', JSON.stringify({ ...TAG, kind: 'rollout' }), /^field 'kind' must be one of deploy, release, campaign, pentest, other/, 'kind'],
    ['an end before the start', JSON.stringify({ ...TAG, end: '2026-11-27T10:00:00Z' }), /^field 'end' must not be before the start/, 'end'],
    ['a number for a string', JSON.stringify({ ...TAG, service: 7 }), /^field 'service' must be a string/, 'service'],
    ['a missing field', JSON.stringify({ name: 'v1', kind: 'deploy', service: 'api' }), /^field 'env' is required/, 'env'],
    ['an unknown field', JSON.stringify({ ...TAG, enviroment: 'prod' }), /^field 'enviroment' unknown field/, 'enviroment'],
  ])('rejects %s with 400 naming the problem', async (_label, body, message, field) => {
    const reply = await send(server.url, { token: TOKEN, body });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(message);
    if (field !== undefined) expect(reply.body.fields?.map((f) => f.field)).toEqual([field]);
  });

  it('rejects an oversized body with 413, declared or streamed, without storing it', async () => {
    const before = await tagCount();
    const huge = JSON.stringify({ ...TAG, name: 'huge', url: `https://x.example/${'a'.repeat(20_000)}` });
    const declared = await send(server.url, { token: TOKEN, body: huge });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toBe('body larger than 16384 bytes');
    const streamed = await send(server.url, { token: TOKEN, chunks: [huge.slice(0, 8000), huge.slice(8000, 16000), huge.slice(16000)] });
    expect(streamed.status).toBe(413);
    expect(streamed.headers.connection).toBe('close');
    expect(await tagCount()).toBe(before);
  });

  it('answers 405 for another method and 404 for another path', async () => {
    const get = await send(server.url, { method: 'GET', token: TOKEN });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(get.body.error).toMatch(/use POST/);
    const other = await send(server.url, { path: '/tag', token: TOKEN, body: JSON.stringify(TAG) });
    expect(other.status).toBe(404);
    expect(other.body.error).toMatch(/POST \/tags/);
  });

  it('never logs the token, right or wrong, nor echoes it', async () => {
    const valid = await send(server.url, { token: TOKEN, body: JSON.stringify({ ...TAG, name: 'log-check' }) });
    const wrong = await send(server.url, { token: WRONG, body: JSON.stringify(TAG) });
    expect([valid.status, wrong.status]).toEqual([201, 401]);
    expect(logLines.length).toBeGreaterThan(1);
    expect(logLines.some((line) => / 201 127\.0\.0\.1 .*created [0-9a-f]{32}$/.test(line))).toBe(true);
    for (const text of [...logLines, valid.text, wrong.text]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(WRONG);
      expect(text).not.toContain(TOKEN.slice(4, 20));
    }
  });
});

describe('OpenSearch side', () => {
  it('answers 503 when the tags index was never set up, and 502 when OpenSearch is unreachable, logging the cause only', async () => {
    const unset = await start({ names: storeNames(`${store.names.prefix}-unset`) });
    const { OpenSearchClient } = await import('../../../src/opensearch/client');
    const deadClient = new OpenSearchClient({ url: 'http://127.0.0.1:9', requestTimeoutMs: 2000 });
    const dead = await start({ client: deadClient });
    try {
      const missing = await send(unset.url, { token: TOKEN, body: JSON.stringify(TAG) });
      expect(missing.status).toBe(503);
      expect(missing.body.error).toBe('the tags index does not exist: run gdlens setup');
      const down = await send(dead.url, { token: TOKEN, body: JSON.stringify(TAG) });
      expect(down.status).toBe(502);
      expect(down.text).not.toContain('127.0.0.1:9');
      expect(logLines.some((line) => / 502 .*127\.0\.0\.1:9/.test(line))).toBe(true);
      const index = await store.client.request('HEAD', `/${store.names.prefix}-unset-tags`, { accept: [404] });
      expect(index.status).toBe(404);
    } finally {
      await unset.close();
      await dead.close();
      deadClient.close();
    }
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For unless told to trust a proxy, then limits per forwarded address', async () => {
    const direct = await start({ rateLimit: { burst: 1, refillPerSecond: 0.01 } });
    const proxied = await start({ rateLimit: { burst: 1, refillPerSecond: 0.01 }, trustProxy: true });
    try {
      expect((await send(direct.url, { method: 'GET', forwardedFor: '198.51.100.1' })).status).toBe(405);
      // A client cannot escape the limit by inventing addresses.
      expect((await send(direct.url, { method: 'GET', forwardedFor: '198.51.100.2' })).status).toBe(429);

      expect((await send(proxied.url, { method: 'GET', forwardedFor: '203.0.113.9, 198.51.100.1' })).status).toBe(405);
      expect((await send(proxied.url, { method: 'GET', forwardedFor: '198.51.100.2' })).status).toBe(405);
      const again = await send(proxied.url, { method: 'GET', forwardedFor: '192.0.2.7, 198.51.100.1' });
      expect(again.status).toBe(429);
      expect(again.body.error).toMatch(/from 198\.51\.100\.1/);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});

describe('close', () => {
  it('lets a request in flight finish before the server stops', async () => {
    const closing = await start();
    const received = new Promise<void>((resolve) => closing.server.once('request', () => resolve()));
    const pending = send(closing.url, { token: TOKEN, body: JSON.stringify({ ...TAG, name: 'in-flight' }) });
    await received;
    await closing.close();
    expect((await pending).status).toBe(201);
    await expect(send(closing.url, { token: TOKEN, body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('rate limit', () => {
  it('allows a burst per client, then 429 with Retry-After until the injected clock refills the bucket', async () => {
    const limited = await start({ rateLimit: { burst: 2, refillPerSecond: 0.5 } });
    try {
      const body = JSON.stringify({ ...TAG, name: 'rate' });
      expect((await send(limited.url, { token: TOKEN, body })).status).toBe(201);
      expect((await send(limited.url, { token: WRONG, body })).status).toBe(401);
      const refused = await send(limited.url, { token: TOKEN, body });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.body.error).toMatch(/too many requests from 127\.0\.0\.1/);

      clockMs += 1000;
      expect((await send(limited.url, { token: TOKEN, body })).status).toBe(429);
      clockMs += 1000;
      expect((await send(limited.url, { token: TOKEN, body })).status).toBe(200);
      expect((await send(limited.url, { token: TOKEN, body })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
