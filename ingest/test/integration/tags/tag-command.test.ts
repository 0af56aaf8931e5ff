import { runGdlens, startGdlens, type CliRun } from '../../cli-harness';
import { storeNames } from '../../../src/store/names';
import { createTestStore, type TestStore } from '../helpers';

let store: TestStore;

beforeAll(async () => {
  store = await createTestStore();
});

afterAll(async () => {
  await store.cleanup();
});

const NOW = Date.parse('2026-11-27T14:05:00Z');

function gdlens(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runGdlens(argv, { env, now: () => NOW });
}

describe('gdlens tag serve', () => {
  it('refuses to start without a token, naming GDLENS_TAGS_TOKEN', async () => {
    const result = await gdlens(['tag', 'serve', '--port', '0', '--opensearch', store.url, '--prefix', store.names.prefix], {});
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/GDLENS_TAGS_TOKEN must be set/);
  });

  it('serves POST /tags until the signal, writing to the tags alias, never printing the token', async () => {
    const token = 'serve-test-token-8c1e2f4a9b7d';
    const controller = new AbortController();
    let err = '';
    let announce: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const running = startGdlens(['tag', 'serve', '--port', '0', '--host', '127.0.0.1', '--opensearch', store.url, '--prefix', store.names.prefix], {
      env: { GDLENS_TAGS_TOKEN: token },
      now: () => NOW,
      signal: controller.signal,
      onStderr: (text) => {
        err += text;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\/tags/.exec(err);
        if (match?.[1]) announce(match[1]);
      },
    });
    const url = await listening;
    const response = await fetch(`${url}/tags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'served-1', kind: 'release', service: 'web', env: 'staging', time: '2026-11-26T09:00:00Z' }),
    });
    expect(response.status).toBe(201);
    const reply = (await response.json()) as { id: string };
    controller.abort();
    expect(await running.done).toBe(0);
    const output = running.err();
    expect(output).toMatch(/POST \/tags 201 127\.0\.0\.1 /);
    expect(output).toMatch(/stopped\n$/);
    expect(output).not.toContain(token);
    await store.refresh();
    const hits = await store.search<{ recorded_by: string; kind: string }>('tags', { query: { ids: { values: [reply.id] } } });
    expect(hits.map((h) => h._source)).toEqual([expect.objectContaining({ kind: 'release', recorded_by: 'api' })]);
  });
});

describe('gdlens tag', () => {
  it('writes one tag, prints it, and writes the same tag again as the same document', async () => {
    const argv = ['tag', '--name', 'v1.4.2', '--kind', 'deploy', '--service', 'api', '--env', 'prod', '--account', '123456789012', '--time', '2026-11-27T11:00:00Z', '--opensearch', store.url, '--prefix', store.names.prefix];
    const first = await gdlens(argv, { USER: 'alice' });
    expect(first.err).toBe('');
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/^gdlens tag: created [0-9a-f]{32} in .*-tags-v1\n/);
    const printed = JSON.parse(first.out.slice(first.out.indexOf('\n') + 1)) as { _id: string; recorded_by: string; '@timestamp': string };
    expect(printed).toMatchObject({ '@timestamp': '2026-11-27T11:00:00.000Z', recorded_by: 'alice', kind: 'deploy' });

    const again = await gdlens([...argv, '--url', 'https://ci.example.com/run/7', '--by', 'ci-bot'], { USER: 'alice' });
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/^gdlens tag: updated /);

    await store.refresh();
    const hits = await store.search<Record<string, unknown>>('tags', { query: { term: { name: 'V1.4.2' } } });
    expect(hits).toHaveLength(1);
    expect(hits[0]?._id).toBe(printed._id);
    expect(hits[0]?._source).toMatchObject({ name: 'v1.4.2', service: 'api', env: 'prod', account_id: '123456789012', url: 'https://ci.example.com/run/7', recorded_by: 'ci-bot', ingested_at: '2026-11-27T14:05:00.000Z' });
  });

  it('stores a pentest window whose range query finds findings-time overlap', async () => {
    const result = await gdlens(
      ['tag', '--name', 'Q4 external pentest', '--kind', 'pentest', '--service', 'edge', '--env', 'prod', '--time', '2026-11-20', '--end', '2026-11-22T18:00:00Z', '--opensearch', store.url, '--prefix', store.names.prefix],
      { USER: 'bob' },
    );
    expect(result.status).toBe(0);
    await store.refresh();
    const during = await store.count('tags', { bool: { filter: [{ term: { kind: 'pentest' } }, { range: { '@timestamp': { lte: '2026-11-21T12:00:00Z' } } }, { range: { end: { gte: '2026-11-21T12:00:00Z' } } }] } });
    expect(during).toBe(1);
  });

  it('refuses invalid input naming the flag, and writes nothing', async () => {
    const before = await store.count('tags');
    const result = await gdlens(['tag', '--name', 'v2', '--kind', 'rollout', '--service', 'api', '--env', 'prod', '--time', '2026-11-27T12:00:00Z', '--end', '2026-11-27T11:00:00Z', '--opensearch', store.url, '--prefix', store.names.prefix], { USER: 'alice' });
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/--kind must be one of deploy, release, campaign, pentest, other, got 'rollout'/);
    expect(result.err).toMatch(/--end must not be before the start/);
    await store.refresh();
    expect(await store.count('tags')).toBe(before);
  });

  it('tells to run setup when the tags alias does not exist, instead of creating a guessed index', async () => {
    const names = storeNames(`${store.names.prefix}-nosetup`);
    const result = await gdlens(['tag', '--name', 'v1', '--kind', 'release', '--service', 'api', '--env', 'prod', '--opensearch', store.url, '--prefix', names.prefix], { USER: 'alice' });
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/does not exist .*run gdlens setup first/);
    const index = await store.client.request('HEAD', `/${names.alias('tags')}`, { accept: [404] });
    expect(index.status).toBe(404);
  });
});
