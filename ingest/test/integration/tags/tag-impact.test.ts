/**
 * Tags against a controlled set of findings (check-dashboards-data: occurrences at known times):
 * `gdlens tag impact` stores exact before/after rates, and the overview dashboard, run the way
 * Grafana runs it, draws the tags (regions for windows) and shows the impact rows, filtered by
 * the account and environment variables.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasourceSettings, Frame } from '@gdlens/grafana-model';
import { checkDashboard, readDashboard, type PanelResult } from '../../../src/check';
import { runGdlens, type CliRun } from '../../cli-harness';
import { parseTag } from '../../../src/tags/tag';
import { writeTag } from '../../../src/tags/write';
import type { TagImpactDocument } from '../../../src/tags/impact';
import { findingRecords, WINDOW } from '../check-dashboards-data';
import { createTestStore, provisionedDataSources, type TestStore } from '../helpers';

const PROVISIONING = path.resolve(__dirname, '../../../../provisioning');

let store: TestStore;
let datasources: Map<string, DatasourceSettings>;

/**
 * The occurrences (Σ count_delta) of check-dashboards-data, not sample or archived:
 * 01:30 Critical Backdoor 1 (account 111…), 02:10 High CryptoCurrency 1 and 03:10 +2 (111…),
 * 05:00 Medium UnauthorizedAccess 1, 06:00 Low Recon 1, 07:00 High Trojan 1 (222…);
 * 08:00 a sample and 09:00 an archived finding (111…), which never count.
 */
const TAGS = [
  { name: 'v1.0', kind: 'deploy', service: 'api', env: 'prod', account: '111111111111', time: '2026-01-10T02:00:00Z' },
  { name: 'Q1 pentest', kind: 'pentest', service: 'edge', env: 'staging', time: '2026-01-10T04:00:00Z', end: '2026-01-10T08:00:00Z' },
  { name: 'r2', kind: 'release', service: 'api', env: 'prod', time: '2026-01-10T08:30:00Z' },
  { name: 'v1.1', kind: 'deploy', service: 'api', env: 'prod', time: '2026-01-10T12:00:00Z' },
] as const;

const IDS: Record<string, string> = {};

beforeAll(async () => {
  store = await createTestStore();
  datasources = provisionedDataSources(store);
  const writer = store.writer();
  for (const record of findingRecords()) {
    await writer.write(record);
    await writer.flush();
  }
  for (const input of TAGS) {
    const parsed = parseTag(input, { nowMs: WINDOW.fromMs, defaultRecordedBy: 'test' });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    IDS[input.name] = (await writeTag(store.client, store.names, parsed.tag, WINDOW.fromMs)).id;
  }
  await store.refresh();
});

afterAll(async () => {
  await store.cleanup();
});

function gdlens(argv: string[], nowIso: string): Promise<CliRun> {
  return runGdlens([...argv, '--opensearch', store.url, '--prefix', store.names.prefix], { now: () => Date.parse(nowIso) });
}

async function impactRows(tagName: string): Promise<Map<string, TagImpactDocument>> {
  const hits = await store.search<TagImpactDocument>('tag-impact', { size: 1000, query: { term: { tag_id: IDS[tagName] } } });
  return new Map(hits.map((hit) => [`${hit._source.dimension}:${hit._source.value}`, hit._source]));
}

function rates(row: TagImpactDocument | undefined): [number, number, number, number] | undefined {
  return row === undefined ? undefined : [row.before_occurrences, row.after_occurrences, row.before_per_hour, row.after_per_hour];
}

describe('gdlens tag impact (real OpenSearch)', () => {
  // Tests run in random order: each starts from no stored impact.
  beforeEach(async () => {
    await store.client.request('POST', `/${store.names.alias('tag-impact')}/_delete_by_query?refresh=true`, { body: { query: { match_all: {} } } });
  });

  it('stores exact before/after rates per tag, band and purpose; marks the unfinished after-window partial; skips tags not started', async () => {
    const run = await gdlens(['tag', 'impact', '--window', '3h'], '2026-01-10T10:00:00Z');
    expect(run.err).toBe('');
    expect(run.status).toBe(0);
    expect(run.out).toContain('(window 3h): 4 tags, 3 computed (1 partial), 0 already complete, 1 not started; 23 rows in');

    // v1.0 (account 111…): before 23:00–02:00 = 1 Critical Backdoor; after 02:00–05:00 = 3 High CryptoCurrency.
    const deploy = await impactRows('v1.0');
    expect(rates(deploy.get('all:All'))).toEqual([1, 3, 0.333, 1]);
    expect(rates(deploy.get('band:Critical'))).toEqual([1, 0, 0.333, 0]);
    expect(rates(deploy.get('band:High'))).toEqual([0, 3, 0, 1]);
    expect(rates(deploy.get('band:Medium'))).toEqual([0, 0, 0, 0]);
    expect(rates(deploy.get('purpose:Backdoor'))).toEqual([1, 0, 0.333, 0]);
    expect(rates(deploy.get('purpose:CryptoCurrency'))).toEqual([0, 3, 0, 1]);
    expect([...deploy.keys()].sort()).toEqual(['all:All', 'band:Critical', 'band:High', 'band:Low', 'band:Medium', 'purpose:Backdoor', 'purpose:CryptoCurrency']);
    expect(deploy.get('all:All')).toMatchObject({
      '@timestamp': '2026-01-10T02:00:00.000Z',
      account_id: '111111111111',
      window: '3h',
      window_ms: 10_800_000,
      before_from: '2026-01-09T23:00:00.000Z',
      after_to: '2026-01-10T05:00:00.000Z',
      before_hours: 3,
      after_hours: 3,
      change_per_hour: 0.667,
      partial: false,
    });

    // The pentest names no account: every account counts. Before 01:00–04:00 = 4; after 04:00–07:00 = 2 (07:00 is outside).
    const pentest = await impactRows('Q1 pentest');
    expect(rates(pentest.get('all:All'))).toEqual([4, 2, 1.333, 0.667]);
    expect(rates(pentest.get('band:Medium'))).toEqual([0, 1, 0, 0.333]);
    expect(rates(pentest.get('band:Low'))).toEqual([0, 1, 0, 0.333]);
    expect(pentest.get('all:All')?.tag_end).toBe('2026-01-10T08:00:00.000Z');

    // r2 at 08:30, computed at 10:00: before 05:30–08:30 = Low 1 + High 1 (the 08:00 sample does not count);
    // after 08:30–10:00 only, 1.5 hours, holds the archived finding alone, so 0.
    const release = await impactRows('r2');
    expect(rates(release.get('all:All'))).toEqual([2, 0, 0.667, 0]);
    expect(release.get('all:All')).toMatchObject({ partial: true, after_hours: 1.5, after_to: '2026-01-10T10:00:00.000Z' });

    expect((await impactRows('v1.1')).size).toBe(0);
  });

  it('a later run leaves complete tags alone, completes the partial one and computes the tag that has started', async () => {
    await gdlens(['tag', 'impact', '--window', '3h'], '2026-01-10T10:00:00Z');
    const before = (await impactRows('v1.0')).get('all:All')?.computed_at;
    const run = await gdlens(['tag', 'impact'], '2026-01-11T00:00:00Z');
    expect(run.out).toContain('(window 3h): 4 tags, 2 computed (0 partial), 2 already complete, 0 not started;');
    expect((await impactRows('v1.0')).get('all:All')?.computed_at).toBe(before);
    expect((await impactRows('r2')).get('all:All')).toMatchObject({ partial: false, after_hours: 3, after_to: '2026-01-10T11:30:00.000Z', after_per_hour: 0 });
    expect(rates((await impactRows('v1.1')).get('all:All'))).toEqual([0, 0, 0, 0]);
    const again = await gdlens(['tag', 'impact', '--recompute'], '2026-01-11T00:00:00Z');
    expect(again.out).toContain('4 tags, 4 computed (0 partial), 0 already complete');
  });

  it('another window length is stored beside the first; a bad --window is a usage error naming the flag', async () => {
    await gdlens(['tag', 'impact', '--window', '3h'], '2026-01-11T00:00:00Z');
    const run = await gdlens(['tag', 'impact', '--window', '1h', '--tag', IDS['v1.0'] ?? ''], '2026-01-11T00:00:00Z');
    expect(run.out).toContain('(window 1h): 1 tags, 1 computed');
    const rows = await store.search<TagImpactDocument>('tag-impact', { size: 100, query: { bool: { filter: [{ term: { tag_id: IDS['v1.0'] } }, { term: { dimension: 'all' } }] } } });
    // 01:00–02:00 holds the 01:30 Critical; 02:00–03:00 the 02:10 High.
    expect(rows.map((r) => [r._source.window, r._source.before_occurrences, r._source.after_occurrences]).sort()).toEqual([
      ['1h', 1, 1],
      ['3h', 1, 3],
    ]);
    const bad = await gdlens(['tag', 'impact', '--window', '3 hours'], '2026-01-11T00:00:00Z');
    expect(bad.status).not.toBe(0);
    expect(bad.err).toMatch(/--window must be a positive number with a unit/);
  });
});

async function overview(vars: Record<string, string | string[]>): Promise<Map<string, PanelResult>> {
  const file = path.join(PROVISIONING, 'dashboards/gdlens/gdlens-overview.json');
  const overrides = new Map(Object.entries(vars).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const dashboard = readDashboard(JSON.parse(readFileSync(file, 'utf8')), file, overrides);
  const results = await checkDashboard(dashboard, { datasources, range: WINDOW });
  for (const result of results) expect({ title: result.title, status: result.status, message: result.message }).toMatchObject({ title: result.title, status: 'ok' });
  return new Map(results.map((r) => [r.title, r]));
}

/** The Tag impact table's column names (dashboards/src/dashboards/tags.ts), for a checker that applies the panel's transformations. */
const IMPACT_LABELS: Record<string, string> = {
  tag_name: 'Tag',
  value: 'Value',
  window: 'Window',
  before_per_hour: 'Before /h',
  after_per_hour: 'After /h',
  change_per_hour: 'Change /h',
};

/** A column by its field name, or by the name the panel's transformations give it. */
function column(frame: Frame | undefined, name: string): unknown[] {
  return frame?.fields.find((f) => f.name === name || f.name === IMPACT_LABELS[name])?.values ?? [];
}

/** The annotation events as `text start→end`, sorted. */
function events(results: Map<string, PanelResult>): string[] {
  const frame = results.get('annotation: Lifecycle tags')?.frames[0];
  const [times, ends, texts] = [column(frame, 'time'), column(frame, 'timeEnd'), column(frame, 'text')];
  return texts
    .map((text, i) => {
      const end = ends[i];
      const span = typeof end === 'number' ? `${new Date(Number(times[i])).toISOString()}→${new Date(end).toISOString()}` : new Date(Number(times[i])).toISOString();
      return `${String(text).split(':')[0]} ${span}`;
    })
    .sort();
}

describe('the overview dashboard draws tags and their impact (check-dashboards, real OpenSearch)', () => {
  it('every tag in the range is an annotation; the pentest window is a region', async () => {
    expect(events(await overview({}))).toEqual([
      'deploy v1.0 2026-01-10T02:00:00.000Z',
      'deploy v1.1 2026-01-10T12:00:00.000Z',
      'pentest Q1 pentest 2026-01-10T04:00:00.000Z→2026-01-10T08:00:00.000Z',
      'release r2 2026-01-10T08:30:00.000Z',
    ]);
  });

  it('the env and account variables filter the annotations; tags naming no account stay for every account', async () => {
    expect(events(await overview({ env: 'prod' }))).toEqual(['deploy v1.0 2026-01-10T02:00:00.000Z', 'deploy v1.1 2026-01-10T12:00:00.000Z', 'release r2 2026-01-10T08:30:00.000Z']);
    expect(events(await overview({ account_id: '222222222222' }))).toEqual([
      'deploy v1.1 2026-01-10T12:00:00.000Z',
      'pentest Q1 pentest 2026-01-10T04:00:00.000Z→2026-01-10T08:00:00.000Z',
      'release r2 2026-01-10T08:30:00.000Z',
    ]);
    expect(events(await overview({ account_id: '111111111111', env: ['staging', 'test'] }))).toEqual(['pentest Q1 pentest 2026-01-10T04:00:00.000Z→2026-01-10T08:00:00.000Z']);
  });

  it('the Tag impact table lists the stored rows of the tags in range, filtered the same way', async () => {
    await gdlens(['tag', 'impact', '--window', '3h', '--recompute'], '2026-01-11T00:00:00Z');
    const all = (await overview({})).get('Tag impact');
    const stored = await store.count('tag-impact');
    expect(all?.rows).toBe(stored);
    const frame = (await overview({ env: 'prod', account_id: '111111111111' })).get('Tag impact')?.frames[0];
    const names = column(frame, 'tag_name');
    expect(new Set(names)).toEqual(new Set(['v1.0', 'r2', 'v1.1']));
    const row = names.findIndex((name, i) => name === 'v1.0' && column(frame, 'value')[i] === 'High' && column(frame, 'window')[i] === '3h');
    expect([column(frame, 'before_per_hour')[row], column(frame, 'after_per_hour')[row], column(frame, 'change_per_hour')[row]]).toEqual([0, 1, 1]);
  });
});
