#!/usr/bin/env node
// Dashboard latency benchmark on the real local OpenSearch node: generated findings (and
// CloudTrail records) over 30 days are ingested with `gdlens ingest`, then every panel of every
// provisioned dashboard is run through `gdlens check-dashboards`' runner (grafana-model's request
// building, exactly what Grafana's OpenSearch data source sends) over the 30-day range, `--runs`
// times. Reports each panel's p50/p95 and each dashboard's total (panels run one after another,
// so the total is an upper bound for a browser that loads panels in parallel). Baseline, measured
// in the same run: a `size:0` match_all `_search` on the findings alias, the cheapest round trip a
// panel can make; ratios are panel p95 / baseline p95.
//
//   flock /tmp/gdlens-os.lock node bench/dashboards/index.mjs [--size 100000] [--runs 20] [--smoke] [--url URL] [--keep]
//       [--prefix NAME [--reuse]] [--only uid#panel,...]
//
// Long runs (1M) take the bench lock instead: flock /tmp/gdlens-bench.lock node bench/dashboards/index.mjs --size 1000000 --prefix gdlbench-dash-1m --keep
// Loading dominates at 1M findings (tens of minutes on two cores) while the bench measures
// queries, so `--prefix NAME --keep` leaves the indices behind and a later `--prefix NAME --reuse`
// measures against them without loading again (it refuses a store whose finding count is zero).
// `--only` times just the listed panels (e.g. after changing one query).
//
// Without --url or OPENSEARCH_URL it uses the node on 127.0.0.1:9200, or starts one (as in CI).
// Needs a built tree (`npx tsc -b tsconfig.build.json`). Prints one JSON line per panel, then one
// per dashboard and a summary line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../support/args.mjs';
import { benchOpenSearch } from '../support/opensearch.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'ingest/dist/cli/main.js');
const { OpenSearchClient } = require(path.join(repo, 'ingest/dist/opensearch/client.js'));
const { storeNames } = require(path.join(repo, 'ingest/dist/store/names.js'));
const { removeStore, setupStore } = require(path.join(repo, 'ingest/dist/store/setup.js'));
const { checkDashboard, dataSourcesFromProvisioning, readDashboard } = require(path.join(repo, 'ingest/dist/check/index.js'));

const { smoke, option, number, has } = benchArgs();
const size = number('--size', smoke ? 2000 : 100000);
const runs = number('--runs', smoke ? 3 : 20);
const node = await benchOpenSearch(option('--url', process.env.OPENSEARCH_URL));
const url = node.url;
const reuse = has('--reuse');
const keep = has('--keep') || reuse;
const only = option('--only', undefined)?.split(',');
const start = '2026-01-01T00:00:00Z';
const end = '2026-01-31T00:00:00Z';
const range = { fromMs: Date.parse(start), toMs: Date.parse(end) };
const work = mkdtempSync(path.join(tmpdir(), 'gdlens-bench-dashboards-'));

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ingest(file, names) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'ingest', '--opensearch', url, '--prefix', names.prefix, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`gdlens ingest exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

async function baselineMs(client, names) {
  const started = performance.now();
  await client.request('POST', `/${names.alias('findings')}/_search`, { body: { size: 0, query: { match_all: {} } } });
  return performance.now() - started;
}

const client = new OpenSearchClient({ url });
const names = storeNames(option('--prefix', `gdlbench-dash-${process.pid}`));
try {
  let ingestMs;
  if (!reuse) {
    await removeStore(client, names);
    await setupStore(client, { names });
    const input = path.join(work, 'input.jsonl');
    const generated = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" generate --seed 11 --findings ${size} --cloudtrail ${Math.ceil(size / 10)} --start ${start} --end ${end} > "${input}"`]);
    if (generated.status !== 0) throw new Error(`generate failed: ${generated.stderr}`);
    ingestMs = await ingest(input, names);
    rmSync(input, { force: true });
    await client.request('POST', `/${names.prefix}-*/_refresh`);
  }
  const findings = (await client.request('POST', `/${names.alias('findings')}/_count`, { body: {} })).body.count;
  if (reuse && !(findings > 0)) throw new Error(`--reuse: no findings under prefix ${names.prefix} at ${url}`);
  const occurrences = (await client.request('POST', `/${names.alias('occurrences')}/_count`, { body: {} })).body.count;

  const provisioning = path.join(repo, 'provisioning');
  const yamlFile = path.join(provisioning, 'datasources/gdlens.yaml');
  const datasources = dataSourcesFromProvisioning(readFileSync(yamlFile, 'utf8'), yamlFile, url, names.prefix);
  const dashboardsDir = path.join(provisioning, 'dashboards/gdlens');
  const dashboards = readdirSync(dashboardsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readDashboard(JSON.parse(readFileSync(path.join(dashboardsDir, f), 'utf8')), f))
    // Annotations are reported as panel 0 of their dashboard.
    .map((d) => (only === undefined ? d : { ...d, panels: d.panels.filter((p) => only.includes(`${d.uid}#${p.id}`)), annotations: only.includes(`${d.uid}#0`) ? d.annotations : [] }))
    .filter((d) => d.panels.length > 0 || d.annotations.length > 0);

  // One warm-up pass (caches, JIT), untimed.
  for (const dashboard of dashboards) await checkDashboard(dashboard, { datasources, range });

  const panelLatencies = new Map();
  const dashboardTotals = new Map();
  const baseline = [];
  const failures = new Set();
  for (let run = 0; run < runs; run += 1) {
    baseline.push(await baselineMs(client, names));
    for (const dashboard of dashboards) {
      const results = await checkDashboard(dashboard, { datasources, range });
      let totalMs = 0;
      for (const result of results) {
        // Annotations all report panel id 0: their name tells them apart.
        const key = result.panel_id === 0 ? `${result.dashboard_uid}#0 ${result.title}` : `${result.dashboard_uid}#${result.panel_id}`;
        if (!panelLatencies.has(key)) panelLatencies.set(key, { title: result.title, dashboard: result.dashboard_uid, ms: [] });
        panelLatencies.get(key).ms.push(result.latency_ms);
        if (result.status === 'error' || result.status === 'empty') failures.add(`${key} ${result.status}: ${result.message}`);
        totalMs += result.latency_ms;
      }
      dashboardTotals.set(dashboard.uid, [...(dashboardTotals.get(dashboard.uid) ?? []), totalMs]);
    }
  }
  const baseP95 = percentile(baseline, 95);
  let worstPanelP95 = 0;
  for (const [key, entry] of panelLatencies) {
    const p95 = percentile(entry.ms, 95);
    worstPanelP95 = Math.max(worstPanelP95, p95);
    process.stdout.write(
      `${JSON.stringify({ bench: 'dashboards', panel: key, title: entry.title, p50_ms: percentile(entry.ms, 50), p95_ms: p95, ratio_p95_to_baseline: Number((p95 / baseP95).toFixed(1)), within_300ms: p95 <= 300 })}\n`,
    );
  }
  let worstDashboardP95 = 0;
  for (const [uid, totals] of dashboardTotals) {
    const p95 = percentile(totals, 95);
    worstDashboardP95 = Math.max(worstDashboardP95, p95);
    process.stdout.write(`${JSON.stringify({ bench: 'dashboards', dashboard: uid, total_p50_ms: percentile(totals, 50), total_p95_ms: p95, within_1500ms: p95 <= 1500 })}\n`);
  }
  process.stdout.write(
    `${JSON.stringify({
      bench: 'dashboards',
      summary: true,
      store: names.prefix,
      // A reused store says what it holds through the document counts below.
      generated_findings: reuse ? 'reused' : size,
      finding_documents: findings,
      occurrence_documents: occurrences,
      range: `${start}..${end}`,
      runs,
      ingest_s: ingestMs === undefined ? 'reused' : Number((ingestMs / 1000).toFixed(1)),
      baseline_p50_ms: Number(percentile(baseline, 50).toFixed(1)),
      baseline_p95_ms: Number(baseP95.toFixed(1)),
      worst_panel_p95_ms: worstPanelP95,
      worst_dashboard_total_p95_ms: worstDashboardP95,
      failures: [...failures],
    })}\n`,
  );
  if (failures.size > 0) process.exitCode = 1;
} finally {
  // Stop the node even when cleanup fails, or a started node outlives the benchmark.
  try {
    if (!keep) await removeStore(client, names);
  } finally {
    client.close();
    rmSync(work, { recursive: true, force: true });
    await node.stop();
  }
}
