import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OpenSearchClient, removeStore, storeNames } from '@gdlens/ingest';
import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { Capture } from '../../src/capture';
import { rawRowCount, panelRows } from '../../src/summary';
import { runStack, type StackReport } from '../../src/start';

/**
 * `npm start`'s flow end to end on the real node: setup, the worker, the demo, every dashboard
 * panel through check-dashboards, and the backtest over what just arrived.
 */
describe('the no-Docker stack (npm start --once)', () => {
  const url = testOpenSearchUrl();
  const prefix = uniqueIndexName('gdlens-start');
  const inbox = mkdtempSync(path.join(os.tmpdir(), 'gdlens-inbox-'));
  const stdout = new Capture();
  let report: StackReport;

  beforeAll(async () => {
    report = await runStack(
      { opensearchUrl: url, port: 0, prefix, inbox, once: true, seed: 11, findings: 600, cloudtrail: 150 },
      { stdout, stderr: new Capture(), env: {}, now: Date.now, signal: new AbortController().signal },
    );
  }, 300_000);

  afterAll(async () => {
    rmSync(inbox, { recursive: true, force: true });
    // Everything gdlens setup installed under this prefix: indices, templates, stored scripts.
    const client = new OpenSearchClient({ url });
    await removeStore(client, storeNames(prefix));
    client.close();
  });

  it('checks every provisioned panel and none errors', () => {
    expect(report.panels.length).toBeGreaterThanOrEqual(20);
    expect(report.panels.filter((panel) => panel.status !== 'ok').map((panel) => `${panel.title}: ${panel.status}`)).toEqual([]);
  });

  it('gets data into every panel', () => {
    const empty = report.panels.filter((panel) => (rawRowCount(panel) ?? panelRows(panel).length) === 0).map((panel) => panel.title);
    expect(empty).toEqual([]);
  });

  it('fires the alerts the demo scripts', () => {
    const fired = report.firing.map((rule) => rule.ruleUid);
    expect(fired).toEqual(expect.arrayContaining(['gdlens-critical-finding', 'gdlens-phishing-domain', 'gdlens-resource-is-actor', 'gdlens-guardduty-tampered']));
  });

  it('shows the Critical band with the count OpenSearch holds', async () => {
    const critical = report.panels.find((panel) => panel.title === 'Critical findings');
    expect(critical).toBeDefined();
    const shown = panelRows(critical as NonNullable<typeof critical>)[0]?.value;
    const response = await fetch(`${url}/${prefix}-findings/_count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // The overview dashboard's range is the last 7 days.
      body: JSON.stringify({
        query: {
          bool: {
            filter: [{ term: { 'severity_label.raw': 'Critical' } }, { range: { '@timestamp': { gte: 'now-7d', lte: 'now' } } }],
            // As the dashboard's `NOT sample:true AND NOT archived:true`: a missing flag counts as false.
            must_not: [{ term: { sample: true } }, { term: { archived: true } }],
          },
        },
      }),
    });
    const { count } = (await response.json()) as { count: number };
    expect(count).toBeGreaterThan(0);
    expect(shown).toBe(count);
  });

  it('prints the summary and the firing rules', () => {
    const text = stdout.text();
    expect(text).toContain('What the dashboards show');
    expect(text).toMatch(/Critical findings: \d+/);
    expect(text).toContain('gdlens-critical-finding');
    expect(text).toContain('worker stored the sample dropped into the inbox');
  });

  it("shows the demo tags' before/after impact, a partial row for the tag still inside its window", () => {
    const impact = report.panels.find((panel) => panel.title === 'Tag impact');
    expect(impact).toBeDefined();
    const frame = (impact as NonNullable<typeof impact>).frames[0];
    // organize renames through the display name, as Grafana does.
    const column = (label: string): unknown[] =>
      frame?.fields.find((field) => ((field as { config?: { displayName?: string } }).config?.displayName ?? field.name) === label)?.values ?? [];
    // Four tags, each with at least the overall row and the four bands.
    expect(new Set(column('Tag'))).toEqual(new Set(['api v1.4.2', 'v2.0.0', 'external pentest Q4', 'api v1.4.3']));
    expect(column('Tag').length).toBeGreaterThanOrEqual(4 * 5);
    const partialTags = new Set(column('Tag').filter((_tag, i) => column('Partial')[i] === true));
    expect(partialTags).toEqual(new Set(['api v1.4.3']));
  });
});
