import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { OpenSearchClient } from '../../src/opensearch/client';
import { WatchedFileStore } from '../../src/sources/watched-file';
import { storeNames } from '../../src/store/names';
import { removeStore } from '../../src/store/setup';
import { runGdlens, type CliRun } from '../cli-harness';
import { FIXTURES, FIXED_NOW } from './helpers';

const url = testOpenSearchUrl();
const prefix = uniqueIndexName('gdlcli');
const names = storeNames(prefix);
const client = new OpenSearchClient({ url });

function gdlens(argv: string[], stdin?: string, signal?: AbortSignal): Promise<CliRun> {
  return runGdlens(argv, { stdin, signal, now: () => FIXED_NOW });
}

afterAll(async () => {
  await removeStore(client, names);
  client.close();
});

describe('gdlens setup / ingest / prune', () => {
  it('refuses to ingest before setup, then setup, ingest a directory and stdin, and prune', async () => {
    const before = await gdlens(['ingest', '--opensearch', url, '--prefix', prefix, FIXTURES]);
    expect(before.status).toBe(1);
    expect(before.err).toMatch(/run gdlens setup first/);

    const setup = await gdlens(['setup', '--opensearch', url, '--prefix', prefix]);
    expect(setup.status).toBe(0);
    expect(setup.out).toMatch(/ISM not available/);
    expect(setup.out).toMatch(new RegExp(`${prefix}-findings → ${prefix}-findings-v1: created`));
    expect((await gdlens(['setup', '--opensearch', url, '--prefix', prefix])).out).toMatch(/findings-v1: up-to-date/);

    const dir = await gdlens(['ingest', '--opensearch', url, '--prefix', prefix, FIXTURES]);
    expect(dir.status).toBe(0);
    const summary = /read=(\d+) indexed=(\d+) updated=(\d+) unchanged=(\d+) stale=(\d+) skipped=(\d+) rejected=(\d+)/.exec(dir.out);
    const [read, ...outcomes] = (summary ?? []).slice(1).map(Number);
    expect(read).toBeGreaterThan(400);
    expect(outcomes.reduce((a, b) => a + b, 0)).toBe(read);

    // The same records again on stdin: nothing new, everything unchanged or stale.
    const text = readFileSync(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), 'utf8');
    const again = await gdlens(['ingest', '--opensearch', url, '--prefix', prefix, '-'], text);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/read=19 indexed=0 updated=0 /);

    await client.request('POST', `/${prefix}-*/_refresh`);
    const heartbeat = await client.request<{ hits: { hits: Array<{ _source: { status: string; read: number } }> } }>('POST', `/${names.alias('heartbeats')}/_search`, { body: {} });
    expect(heartbeat.body.hits.hits.map((h) => h._source.status)).toContain('stopped');

    const dry = await gdlens(['prune', '--opensearch', url, '--prefix', prefix, '--older-than', '90d', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.out).toMatch(new RegExp(`${prefix}-findings: \\d+ with @timestamp < 2025-10-17T12:00:00.000Z \\(dry run: nothing deleted\\)`));
    const counted = await client.request<{ count: number }>('GET', `/${names.alias('findings')}/_count`);
    const pruned = await gdlens(['prune', '--opensearch', url, '--prefix', prefix, '--older-than', '90d']);
    expect(pruned.status).toBe(0);
    const left = await client.request<{ count: number }>('GET', `/${names.alias('findings')}/_count`);
    expect(left.body.count).toBeLessThan(counted.body.count);

    expect((await gdlens(['prune', '--prefix', prefix])).status).toBe(1);
  });
});

describe('gdlens ingest --watch', () => {
  it('ingests files as they appear, each once, and stops cleanly on the signal', async () => {
    const watchPrefix = uniqueIndexName('gdlwatch');
    const watchNames = storeNames(watchPrefix);
    const dir = mkdtempSync(path.join(tmpdir(), 'gdlens-watch-'));
    try {
      expect((await gdlens(['setup', '--opensearch', url, '--prefix', watchPrefix])).status).toBe(0);
      const controller = new AbortController();
      copyFileSync(path.join(FIXTURES, 'panther-analysis-guardduty.jsonl'), path.join(dir, 'a.jsonl'));
      const running = gdlens(['ingest', '--opensearch', url, '--prefix', watchPrefix, '--watch', dir, '--poll-ms', '200'], undefined, controller.signal);
      const stateCount = async (): Promise<number> => {
        await client.request('POST', `/${watchNames.alias('state')}/_refresh`);
        return (await client.request<{ count: number }>('GET', `/${watchNames.alias('state')}/_count`)).body.count;
      };
      const waitFor = async (n: number): Promise<void> => {
        for (let i = 0; i < 200 && (await stateCount()) < n; i += 1) await new Promise((r) => setTimeout(r, 100));
      };
      await waitFor(1);
      copyFileSync(path.join(FIXTURES, 'sekoia-intake-formats-guardduty.jsonl'), path.join(dir, 'b.jsonl'));
      await waitFor(2);
      // Let a few more polls pass: already ingested files must not be read again.
      await new Promise((r) => setTimeout(r, 700));
      controller.abort(new Error('SIGTERM'));
      const result = await running;
      expect(result.status).toBe(0);
      expect(await stateCount()).toBe(2);
      expect(result.out).toMatch(/read=18 .*stopped by signal/);
      // Every poll wrote the worker's heartbeat; the last one says it stopped, with its counts.
      await client.request('POST', `/${watchNames.alias('heartbeats')}/_refresh`);
      const beats = await client.request<{ hits: { hits: Array<{ _source: Record<string, unknown> }> } }>('GET', `/${watchNames.alias('heartbeats')}/_search`);
      expect(beats.body.hits.hits.map((hit) => [hit._source['command'], hit._source['status'], hit._source['read']])).toEqual([['ingest --watch', 'stopped', 18]]);
    } finally {
      await removeStore(client, watchNames);
    }
  });

  it('reads only the appended lines of a growing JSON Lines file, and a replaced file whole', async () => {
    const watchPrefix = uniqueIndexName('gdlwatch');
    const watchNames = storeNames(watchPrefix);
    const dir = mkdtempSync(path.join(tmpdir(), 'gdlens-watch-'));
    const file = path.join(dir, 'live.jsonl');
    const first = readFileSync(path.join(FIXTURES, 'panther-analysis-guardduty.jsonl'), 'utf8');
    const second = readFileSync(path.join(FIXTURES, 'sekoia-intake-formats-guardduty.jsonl'), 'utf8');
    const lineCount = (text: string): number => text.split('\n').filter((line) => line.trim() !== '').length;
    try {
      expect((await gdlens(['setup', '--opensearch', url, '--prefix', watchPrefix])).status).toBe(0);
      writeFileSync(file, first);
      const controller = new AbortController();
      const running = gdlens(['ingest', '--opensearch', url, '--prefix', watchPrefix, '--watch', dir, '--poll-ms', '200'], undefined, controller.signal);
      /** Waits until the watch remembers `file` as read up to `bytes`. */
      const readUpTo = async (bytes: number): Promise<void> => {
        const id = WatchedFileStore.documentId(file);
        for (let i = 0; i < 300; i += 1) {
          const found = await client.request<{ _source?: { value?: { offset?: number } } }>('GET', `/${watchNames.alias('state')}/_doc/${id}`, { accept: [404] });
          if (found.status === 200 && found.body._source?.value?.offset === bytes) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`the watch never read ${file} up to byte ${bytes}`);
      };
      await readUpTo(Buffer.byteLength(first));
      appendFileSync(file, second);
      await readUpTo(Buffer.byteLength(first + second));
      // Replaced (a new inode at the same path): read whole again.
      writeFileSync(`${file}.tmp`, second);
      renameSync(`${file}.tmp`, file);
      await readUpTo(Buffer.byteLength(second));
      await new Promise((r) => setTimeout(r, 600));
      controller.abort(new Error('SIGTERM'));
      const result = await running;
      expect(result.status).toBe(0);
      const read = lineCount(first) + lineCount(second) + lineCount(second);
      expect(result.out).toMatch(new RegExp(`read=${read} .*stopped by signal`));
      expect(result.err).toContain(`live.jsonl (lines ${lineCount(first) + 1}-${lineCount(first) + lineCount(second)} appended): ${lineCount(second)} records`);
      expect(result.err).toContain(`live.jsonl (read whole): ${lineCount(second)} records`);
    } finally {
      await removeStore(client, watchNames);
    }
  });
});
