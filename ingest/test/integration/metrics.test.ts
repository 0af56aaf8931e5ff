import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OUTCOMES } from '../../src/sink/accounting';
import { startGdlens, type RunningCli } from '../cli-harness';
import { createTestStore, FIXTURES, type TestStore } from './helpers';

let store: TestStore;
let dir: string;

beforeAll(async () => {
  store = await createTestStore();
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-metrics-'));
});

afterAll(async () => {
  await store.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function start(argv: string[], signal: AbortSignal): RunningCli {
  return startGdlens(argv, { now: () => Date.now(), signal });
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `name{labels}` → value, from the exposition text. */
function samples(text: string): Map<string, number> {
  const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]));
}

describe('gdlens ingest --watch --metrics-port', () => {
  it('serves /metrics over HTTP whose counters equal the summary line, and a heartbeat with lag and objects seen', async () => {
    copyFileSync(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), path.join(dir, 'a.jsonl'));
    copyFileSync(path.join(FIXTURES, 'sekoia-intake-formats-cloudtrail.jsonl'), path.join(dir, 'b.jsonl'));
    // A broken line (rejected) and the findings again (unchanged): every outcome the run can meet.
    copyFileSync(path.join(FIXTURES, 'mozilla-foxsec-pipeline-guardduty-eventbridge.jsonl'), path.join(dir, 'c.jsonl'));
    writeFileSync(path.join(dir, 'd.jsonl'), '{"not": "closed"\n');
    const controller = new AbortController();
    const run = start(
      ['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, '--watch', dir, '--poll-ms', '200', '--metrics-port', '0'],
      controller.signal,
    );
    try {
      const url = await until('the metrics log line', () => /metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(run.err())?.[1]);
      // Two polls finished: every file was read and nothing is pending.
      const text = await until('two polls', async () => {
        const body = await (await fetch(url)).text();
        return (samples(body).get('gdlens_polls_total') ?? 0) >= 2 ? body : undefined;
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(text).toMatch(/^# HELP gdlens_records_read_total .+\n# TYPE gdlens_records_read_total counter\ngdlens_records_read_total \d+$/m);
      const scraped = samples(text);
      expect(scraped.get('gdlens_objects_seen')).toBe(4);
      expect(scraped.get('gdlens_records_pending')).toBe(0);
      expect(scraped.get('gdlens_batches_total')).toBeGreaterThanOrEqual(4);
      const lagSeconds = scraped.get('gdlens_ingest_lag_seconds{source="aws.guardduty"}');
      expect(lagSeconds).toBeGreaterThanOrEqual(0);
      expect(lagSeconds).toBeLessThan(60);
      expect(scraped.has('gdlens_ingest_lag_seconds{source="aws.cloudtrail"}')).toBe(true);
      expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);
      expect((await fetch(url, { method: 'POST' })).status).toBe(405);

      controller.abort(new Error('SIGTERM'));
      expect(await run.done).toBe(0);
      const summary = /read=(\d+) indexed=(\d+) updated=(\d+) unchanged=(\d+) stale=(\d+) skipped=(\d+) rejected=(\d+)/.exec(run.out());
      const [read, ...outcomes] = (summary ?? []).slice(1).map(Number);
      expect(scraped.get('gdlens_records_read_total')).toBe(read);
      expect(OUTCOMES.map((o) => scraped.get(`gdlens_records_total{outcome="${o}"}`))).toEqual(outcomes);
      // The run met new, unchanged and rejected records, so the identity is checked on real numbers.
      expect(read).toBe(19 + 15 + 19 + 1);
      // c.jsonl repeats a.jsonl: at least its 19 records are unchanged.
      expect(scraped.get('gdlens_records_total{outcome="unchanged"}')).toBeGreaterThanOrEqual(19);
      expect(scraped.get('gdlens_records_total{outcome="rejected"}')).toBe(1);

      // The server stopped with the worker.
      await expect(fetch(url)).rejects.toThrow();

      await store.refresh();
      const [beat] = await store.search<Record<string, unknown>>('heartbeats', {});
      expect(beat?._source).toMatchObject({ input: 'watch', location: dir, status: 'stopped', objects_seen: 4, read, pending: 0 });
      expect(Number(beat?._source['polls'])).toBeGreaterThanOrEqual(2);
      for (const field of ['lag_ms', 'findings_lag_ms', 'cloudtrail_lag_ms']) {
        expect(Number(beat?._source[field])).toBeGreaterThanOrEqual(0);
        expect(Number(beat?._source[field])).toBeLessThan(60_000);
      }
    } finally {
      controller.abort(new Error('test over'));
      await run.done.catch(() => undefined);
    }
  });

  it.each([
    [['--metrics-host', '0.0.0.0'], /--metrics-host goes with --metrics-port/],
    [['--metrics-port', '70000'], /--metrics-port must be at most 65535/],
    [['--metrics-port', 'x'], /--metrics-port must be a whole number/],
  ])('refuses %j', async (flags, message) => {
    const run = start(['ingest', '--opensearch', store.url, '--prefix', store.names.prefix, ...flags, dir], new AbortController().signal);
    expect(await run.done).toBe(1);
    expect(run.err()).toMatch(message);
  });
});
