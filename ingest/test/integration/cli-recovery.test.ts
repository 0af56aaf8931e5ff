import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOpenSearch, type RunningOpenSearch } from '@gdlens/opensearch-local';
import { createTestStore, seededRandom, storeSnapshot, type TestStore } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'gdlens-recovery-'));
// A private copy of the built CLI: other builds of the shared tree must not change it mid-test.
const CLI = path.join(work, 'dist/cli/main.js');
const input = path.join(work, 'input.jsonl');

jest.setTimeout(900_000);

beforeAll(() => {
  // The built CLI is what users run; build it so the test exercises current sources.
  const build = spawnSync('npx', ['tsc', '-b', 'ingest'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  cpSync(path.join(REPO, 'ingest/dist'), path.join(work, 'dist'), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(work, 'node_modules'));
  const generated = spawnSync(process.execPath, [CLI, 'generate', '--seed', '42', '--findings', '1500', '--cloudtrail', '300'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (generated.status !== 0) throw new Error(generated.stderr);
  // A poisoned line in the middle: the dead letters must come out the same in every run.
  const lines = generated.stdout.trim().split('\n');
  lines.splice(700, 0, '{"this is": not json');
  writeFileSync(input, `${lines.join('\n')}\n`);
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCli(store: TestStore, extra: string[] = []): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [CLI, 'ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--flush-count', '100', ...extra, input], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Finished>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What tells one cluster's data from another's: its UUID, fixed when the data directory was first used. */
async function clusterIdentity(client: TestStore['client']): Promise<{ clusterUuid: string; nodeName: string }> {
  const banner = await client.request<{ cluster_uuid: string; name: string }>('GET', '/');
  return { clusterUuid: banner.body.cluster_uuid, nodeName: banner.body.name };
}

describe('gdlens ingest recovers without loss or duplicates', () => {
  let clean: TestStore;
  let expected: Record<string, unknown>;
  let cleanMs = 0;

  beforeAll(async () => {
    clean = await createTestStore();
    const started = Date.now();
    const result = await runCli(clean).done;
    cleanMs = Date.now() - started;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/read=1801 .*rejected=1 \(read = indexed \+ updated \+ unchanged \+ stale \+ skipped \+ rejected\)/);
    expected = await storeSnapshot(clean);
  });

  afterAll(async () => {
    await clean.cleanup();
  });

  it('after kill -9 at several seeded points and a restart', async () => {
    const store = await createTestStore();
    try {
      const random = seededRandom(1234);
      let killedMidRun = 0;
      for (let kill = 0; kill < 3; kill += 1) {
        const { child, done } = runCli(store);
        await delay(300 + Math.floor(random() * cleanMs * 0.5));
        child.kill('SIGKILL');
        const killed = await done;
        // It may have finished before the kill landed on a fast machine; either way, restart.
        expect(killed.signal === 'SIGKILL' || killed.code === 0).toBe(true);
        if (killed.signal === 'SIGKILL') killedMidRun += 1;
      }
      expect(killedMidRun).toBeGreaterThan(0);
      const final = await runCli(store).done;
      expect(final.code).toBe(0);
      expect(await storeSnapshot(store)).toEqual(expected);
    } finally {
      await store.cleanup();
    }
  });

  it('after SIGTERM: flushes, reports, and a rerun completes', async () => {
    const store = await createTestStore();
    try {
      const { child, done } = runCli(store);
      await delay(Math.floor(cleanMs * 0.4));
      child.kill('SIGTERM');
      const stopped = await done;
      expect(stopped.code).toBe(0);
      const summary = /read=(\d+) indexed=(\d+) updated=(\d+) unchanged=(\d+) stale=(\d+) skipped=(\d+) rejected=(\d+)/.exec(stopped.stdout);
      expect(summary).not.toBeNull();
      const [read, ...outcomes] = (summary ?? []).slice(1).map(Number);
      expect(outcomes.reduce((a, b) => a + b, 0)).toBe(read);
      const final = await runCli(store).done;
      expect(final.code).toBe(0);
      expect(await storeSnapshot(store)).toEqual(expected);
    } finally {
      await store.cleanup();
    }
  });

  it('while OpenSearch is stopped mid-run and started again', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gdlens-outage-node-'));
    const port = 9251;
    let node: RunningOpenSearch | undefined = await startOpenSearch({ httpPort: port, heap: '512m', dataDir });
    try {
      const store = await createTestStore(node.url);
      const { done } = runCli(store);
      // Stop the node as soon as the first finding bulk has landed, so the outage is mid-run.
      for (let i = 0; i < 600; i += 1) {
        const stats = await store.client.request<{ _all: { primaries: { indexing?: { index_total?: number } } } }>('GET', `/${store.names.alias('findings')}/_stats/indexing`);
        if ((stats.body._all.primaries.indexing?.index_total ?? 0) > 0) break;
        await delay(20);
      }
      const before = await clusterIdentity(store.client);
      await node.stop();
      node = undefined;
      await delay(3000);
      node = await startOpenSearch({ httpPort: port, heap: '512m', dataDir });
      // The node answering now is the same cluster on the same data (not an empty or foreign one
      // that took the port), and it has recovered the store's aliases from that data.
      const reopened = await createTestStore(node.url, store.names);
      expect(await clusterIdentity(reopened.client)).toEqual(before);
      for (const kind of ['findings', 'occurrences', 'cloudtrail', 'dead-letters'] as const) {
        expect({ kind, status: (await reopened.client.request('HEAD', `/_alias/${store.names.alias(kind)}`, { accept: [404] })).status }).toEqual({ kind, status: 200 });
      }
      const finished = await done;
      expect(finished.code).toBe(0);
      // The run really met the outage, and waited it out.
      expect(finished.stderr).toMatch(/retrying/);
      expect(finished.stdout).toMatch(/read=1801 /);
      // Old keep-alive sockets died with the node: look through a new client.
      expect(await storeSnapshot(reopened)).toEqual(expected);
      store.client.close();
      reopened.client.close();
    } finally {
      await node?.stop();
    }
  });
});
