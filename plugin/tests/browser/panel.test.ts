/**
 * The panel in real headless Chromium: the harness page renders the panel component with
 * Grafana's theme (dark and light) over the committed frames of the provisioned dashboard, and
 * these tests read the DOM, drive the keyboard and mouse, and keep screenshots in artifacts/.
 * Expected values are computed here from the frame JSON, not by the panel's own shaping code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildHarness } from '../harness/build';
import { type Browser, launchBrowser, pngStats, serveDirectory } from './browser';

const ARTIFACTS = path.resolve(__dirname, '../../artifacts');
const FRAMES = path.resolve(__dirname, '../../src/__fixtures__/frames');
const BANDS = ['Critical', 'High', 'Medium', 'Low'] as const;
const THEMES = ['dark', 'light'] as const;
const VIEWS = ['matrix', 'decoder', 'strip'] as const;

interface FrameJson {
  fields: Array<{ name: string; type: string; labels?: Record<string, string>; values: Array<string | number | null> }>;
}

const frames = (view: string): FrameJson[] => (JSON.parse(readFileSync(path.join(FRAMES, `${view}.json`), 'utf8')) as { frames: FrameJson[] }).frames;

/** Matrix series: labels and the sum of their points. */
function matrixSeries(): Array<{ purpose: string; resource: string; band: string; type: string; findings: number }> {
  return frames('matrix').map((frame) => {
    const value = frame.fields.find((field) => field.type === 'number')!;
    const labels = value.labels ?? {};
    return {
      purpose: labels['threat_purpose.raw']!,
      resource: labels['resource_type_affected.raw']!,
      band: labels['severity_label.raw']!,
      type: labels['finding_type.raw']!,
      findings: value.values.reduce<number>((sum, point) => sum + (typeof point === 'number' ? point : 0), 0),
    };
  });
}

let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = await buildHarness();
  ({ url: baseUrl, server } = await serveDirectory(dir));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPanel(query: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${baseUrl}/?${query}`);
  await page.waitForFunction(() => window.__harnessReady === true);
  await page.waitForSelector('[data-testid="gdlens-panel"], [data-testid="harness-data-error"]');
  expect(errors).toEqual([]);
  return page;
}

describe.each(THEMES)('the panel in the %s theme', (theme) => {
  it.each(VIEWS)('draws the %s view, and its screenshot is not blank', async (view) => {
    const page = await openPanel(`view=${view}&theme=${theme}`);
    expect(await page.getAttribute('[data-testid="gdlens-panel"]', 'data-view')).toBe(view);
    const png = await page.screenshot({ path: path.join(ARTIFACTS, `${view}-${theme}.png`) });
    const stats = pngStats(png);
    expect(stats.width).toBe(1040);
    expect(stats.luminanceVariance).toBeGreaterThan(100);
    expect(stats.distinctColours).toBeGreaterThan(50);
    // The theme reaches the page: a dark canvas is dark, a light one light.
    if (theme === 'dark') expect(stats.meanLuminance).toBeLessThan(100);
    else expect(stats.meanLuminance).toBeGreaterThan(150);
    await page.close();
  });
});

describe('threat matrix', () => {
  const series = matrixSeries();
  const byTotal = (key: 'purpose' | 'resource') => {
    const totals = new Map<string, number>();
    for (const entry of series) totals.set(entry[key], (totals.get(entry[key]) ?? 0) + entry.findings);
    return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  };
  const purposes = byTotal('purpose').slice(0, 20);
  const resources = byTotal('resource').slice(0, 12);

  it('has one cell per purpose and resource type present, with headers in order', async () => {
    const page = await openPanel('view=matrix&theme=dark');
    expect(await page.locator('[role=rowheader]').allTextContents()).toEqual(purposes);
    expect((await page.locator('[role=columnheader]').allTextContents()).slice(1)).toEqual(resources);
    expect(await page.locator('[role=gridcell]').count()).toBe(purposes.length * resources.length);
    await page.close();
  });

  it('labels each cell with its count and highest band', async () => {
    const page = await openPanel('view=matrix&theme=light');
    for (const purpose of purposes.slice(0, 3)) {
      for (const resource of resources.slice(0, 3)) {
        const entries = series.filter((entry) => entry.purpose === purpose && entry.resource === resource);
        const findings = entries.reduce((sum, entry) => sum + entry.findings, 0);
        const highest = BANDS.find((band) => entries.some((entry) => entry.band === band && entry.findings > 0));
        const label =
          findings === 0
            ? `${purpose} × ${resource}: no findings`
            : `${purpose} × ${resource}: ${findings} ${findings === 1 ? 'finding' : 'findings'}, highest ${highest}`;
        const cell = page.locator(`[role=gridcell][data-row="${purposes.indexOf(purpose)}"][data-column="${resources.indexOf(resource)}"]`);
        expect(await cell.getAttribute('aria-label')).toBe(label);
      }
    }
    await page.close();
  });

  it('moves focus between cells with the arrow keys, Home and End (roving tabindex)', async () => {
    const page = await openPanel('view=matrix&theme=dark');
    const position = () => page.evaluate(() => [document.activeElement?.getAttribute('data-row'), document.activeElement?.getAttribute('data-column')]);
    await page.keyboard.press('Tab');
    expect(await position()).toEqual(['0', '0']);
    await page.keyboard.press('ArrowRight');
    expect(await position()).toEqual(['0', '1']);
    await page.keyboard.press('ArrowDown');
    expect(await position()).toEqual(['1', '1']);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toEqual(['1', '0']);
    await page.keyboard.press('End');
    expect(await position()).toEqual(['1', String(resources.length - 1)]);
    await page.keyboard.press('Control+End');
    expect(await position()).toEqual([String(purposes.length - 1), String(resources.length - 1)]);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    expect(await position()).toEqual(['0', '0']);
    expect(await page.locator('[role=gridcell][tabindex="0"]').count()).toBe(1);
    await page.close();
  });

  it('sets threat_purpose and resource_type_affected through locationService.partial on Enter and click', async () => {
    const page = await openPanel('view=matrix&theme=dark');
    const filled = page.locator('[role=gridcell]:not([aria-label$="no findings"])');
    expect(await filled.count()).toBeGreaterThan(1);
    const target = async (index: number) => {
      const cell = filled.nth(index);
      const row = Number(await cell.getAttribute('data-row'));
      const column = Number(await cell.getAttribute('data-column'));
      return { cell, query: { 'var-threat_purpose': purposes[row], 'var-resource_type_affected': resources[column] } };
    };
    const first = await target(0);
    await first.cell.focus();
    await page.keyboard.press('Enter');
    const second = await target(1);
    await second.cell.click();
    await page.locator('[role=gridcell][aria-label$="no findings"]').first().click();
    const updates = await page.evaluate(() => window.__locationUpdates ?? []);
    expect(updates).toEqual([
      { query: first.query, replace: true },
      { query: second.query, replace: true },
    ]);
    await page.close();
  });

  it('shows the top finding types with explanations on hover', async () => {
    const page = await openPanel('view=matrix&theme=dark');
    const top = series.filter((entry) => entry.purpose === purposes[0] && entry.resource === resources[0]).sort((a, b) => b.findings - a.findings);
    await page.locator('[role=gridcell][data-row="0"][data-column="0"]').hover();
    const tooltip = page.locator('[role=tooltip]');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    for (const entry of top.slice(0, 5)) expect(text).toContain(entry.type);
    const explanations = await tooltip.locator('li > div:last-child').allTextContents();
    expect(explanations.length).toBeGreaterThan(0);
    for (const explanation of explanations) expect(explanation.length).toBeGreaterThan(20);
    await page.screenshot({ path: path.join(ARTIFACTS, 'matrix-tooltip-dark.png') });
    await page.close();
  });
});

describe('finding decoder', () => {
  const table = frames('decoder')[0]!;
  const types = table.fields.find((field) => field.name === 'finding_type.raw')!.values as string[];
  const counts = table.fields.find((field) => field.name === 'Count')!.values as number[];
  // The panel keeps the default 20 rows: most findings first, ties by name.
  const MAX_ROWS = 20;
  const shown = types
    .map((type, index) => ({ type, findings: counts[index]! }))
    .sort((a, b) => b.findings - a.findings || a.type.localeCompare(b.type))
    .slice(0, MAX_ROWS);

  it('lists the top finding types with their parts and an Explore link for each', async () => {
    const page = await openPanel('view=decoder&theme=dark');
    const rows = page.locator('[data-testid="gdlens-decoder-row"]');
    expect(types.length).toBeGreaterThan(MAX_ROWS);
    expect(await rows.count()).toBe(MAX_ROWS);
    const links = await page.locator('[data-testid="gdlens-decoder-row"] a').evaluateAll((anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]));
    expect(links.map(([text]) => text)).toEqual(shown.map((entry) => entry.type));
    for (const [text, href] of links) {
      const url = new URL(href ?? '', 'http://grafana.local');
      expect(url.pathname).toBe('/explore');
      const pane = Object.values(JSON.parse(url.searchParams.get('panes') ?? '{}') as Record<string, { datasource: string; queries: Array<{ query: string }> }>)[0]!;
      expect(pane.datasource).toBe('gdlens-findings');
      expect(pane.queries[0]!.query).toBe(`finding_type:"${String(text).replace(/["\\]/g, (char) => `\\${char}`)}"`);
    }
    const firstParts = await rows.first().locator('ul li').allTextContents();
    expect(firstParts[0]).toMatch(/^purpose/);
    await page.close();
  });

  it('sorts by findings, most first, then least first on a second click', async () => {
    const page = await openPanel('view=decoder&theme=light');
    const findingsColumn = () => page.locator('[data-testid="gdlens-decoder-row"] td:nth-child(4)').allTextContents();
    const sortedDown = shown.map((entry) => String(entry.findings));
    expect(await findingsColumn()).toEqual(sortedDown);
    await page.getByRole('button', { name: /^Findings/ }).click();
    expect(await findingsColumn()).toEqual([...sortedDown].reverse());
    expect(await page.getByRole('columnheader', { name: /^Findings/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });
});

describe('severity strip', () => {
  const totals = new Map<string, number>();
  for (const frame of frames('strip')) {
    const value = frame.fields.find((field) => field.type === 'number')!;
    const band = value.labels?.['severity_label.raw'] ?? '';
    totals.set(band, (totals.get(band) ?? 0) + value.values.reduce<number>((sum, point) => sum + (typeof point === 'number' ? point : 0), 0));
  }

  it('draws a segment per band with its count, and a trend line for each band with a series', async () => {
    const page = await openPanel('view=strip&theme=dark');
    const segments = await page.locator('[data-testid="gdlens-strip-segment"]').evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-band'), node.textContent]));
    expect(segments).toEqual(BANDS.filter((band) => (totals.get(band) ?? 0) > 0).map((band) => [band, String(totals.get(band))]));
    const sparklines = page.locator('[data-testid="gdlens-sparkline"]');
    expect(await sparklines.count()).toBe(BANDS.filter((band) => totals.has(band)).length);
    const box = await sparklines.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    const points = await sparklines.first().locator('polyline').getAttribute('points');
    expect(points?.split(' ').length).toBeGreaterThan(2);
    await page.close();
  });
});

describe('the severity strip with lifecycle tags', () => {
  it('marks each tag on every trend line: a rule for a deploy, a shaded band for a pentest window', async () => {
    const page = await openPanel('view=strip&theme=dark&tags=1');
    const sparklines = await page.locator('[data-testid="gdlens-sparkline"]').count();
    expect(sparklines).toBeGreaterThan(0);
    const markers = await page.locator('[data-testid="gdlens-tag-marker"]').evaluateAll((nodes) => nodes.map((node) => [node.tagName, node.textContent]));
    const perLine = [
      ['line', 'deploy v1.4.2: api in prod'],
      ['rect', 'pentest Q4 external: edge in prod'],
    ];
    expect(markers).toEqual(Array.from({ length: sparklines }, () => perLine).flat());
    const band = await page.locator('[data-testid="gdlens-tag-marker"]').nth(1).boundingBox();
    expect(band?.width).toBeGreaterThan(10);
    writeFileSync(path.join(ARTIFACTS, 'strip-tags-dark.png'), await page.screenshot());
    await page.close();
  });
});

describe('frames without the fields a view needs', () => {
  it('show the data error view naming the missing field', async () => {
    const page = await openPanel('view=decoder&frames=strip&theme=dark');
    expect(await page.locator('[data-testid="harness-data-error"]').textContent()).toBe(
      'The finding decoder needs the field finding_type, which the query results lack'
    );
    writeFileSync(path.join(ARTIFACTS, 'decoder-missing-fields-dark.png'), await page.screenshot());
    await page.close();
  });
});
