import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fieldDisplayName, type DatasourceSettings, type Frame } from '@gdlens/grafana-model';
import { checkDashboard, exitStatus, readDashboard, type PanelResult } from '../../src/check';
import { Accounting } from '../../src/sink/accounting';
import { writeHeartbeat } from '../../src/sink/heartbeat';
import { runCli } from '../../src/cli/run';
import { createTestStore, provisionedDataSources, type TestStore } from './helpers';
import { PassThrough } from 'node:stream';
import { cloudTrailRecords, FINDINGS_BUCKET, findingRecords, WINDOW } from './check-dashboards-data';

const PROVISIONING = path.resolve(__dirname, '../../../provisioning');
const ARRIVAL_MS = Date.parse('2026-01-10T12:00:00Z');
const DAY_MS = 86_400_000;

let store: TestStore;
let datasources: Map<string, DatasourceSettings>;

beforeAll(async () => {
  store = await createTestStore();
  datasources = provisionedDataSources(store);
  const writer = store.writer({ now: () => ARRIVAL_MS });
  // Updates one at a time, in order, so each finding's occurrences are computed from its own history.
  for (const record of findingRecords()) {
    await writer.write(record);
    await writer.flush();
  }
  for (const record of cloudTrailRecords()) await writer.write(record);
  await writer.write({ kind: 'rejected', reason: 'not JSON', raw: '{oops', origin: { file: 'broken.jsonl', line: 7 } });
  await writer.flush();
  // The worker last stored a finding 9 minutes and a CloudTrail record 1 minute before its heartbeat.
  const workerAccounting = new Accounting();
  workerAccounting.noteWritten('aws.guardduty', Date.parse('2026-01-10T11:50:00Z'));
  workerAccounting.noteWritten('aws.cloudtrail', Date.parse('2026-01-10T11:58:00Z'));
  await writeHeartbeat(store.client, store.names, {
    workerId: 'worker-a',
    command: 'ingest',
    startedAt: '2026-01-10T00:00:00Z',
    status: 'running',
    nowMs: Date.parse('2026-01-10T11:59:00Z'),
    input: 'files',
    accounting: workerAccounting,
  });
  await store.refresh();
});

afterAll(async () => {
  await store.cleanup();
});

async function run(uid: string, vars: Record<string, string | string[]> = {}, range = WINDOW): Promise<Map<string, PanelResult>> {
  const file = path.join(PROVISIONING, `dashboards/gdlens/${uid}.json`);
  const overrides = new Map(Object.entries(vars).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const dashboard = readDashboard(JSON.parse(readFileSync(file, 'utf8')), file, overrides);
  const results = await checkDashboard(dashboard, { datasources, range });
  for (const result of results) expect({ title: result.title, status: result.status }).toEqual({ title: result.title, status: 'ok' });
  expect(exitStatus(results)).toBe(0);
  return new Map(results.map((r) => [r.title, r]));
}

function panel(results: Map<string, PanelResult>, title: string): PanelResult {
  const result = results.get(title);
  if (!result) throw new Error(`no panel titled ${title}; have ${[...results.keys()].join(', ')}`);
  return result;
}

function valuesOf(frame: Frame): number[] {
  return (frame.fields.find((f) => f.type === 'number')?.values ?? []).map((v) => (typeof v === 'number' ? v : 0));
}

/** Σ over every time series of a panel. */
function total(result: PanelResult): number {
  return result.frames.reduce((sum, frame) => sum + valuesOf(frame).reduce((a, b) => a + b, 0), 0);
}

/** Σ per series, keyed by the alias (display name) or the labels joined with '|'. */
function seriesTotals(result: PanelResult): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const frame of result.frames) {
    const value = frame.fields.find((f) => f.type === 'number');
    const key = value?.config?.displayNameFromDS ?? Object.values(value?.labels ?? {}).join('|');
    totals[key] = (totals[key] ?? 0) + valuesOf(frame).reduce((a, b) => a + b, 0);
  }
  return totals;
}

/** A single-term table frame as key → count. */
function termCounts(result: PanelResult): Record<string, number> {
  const frame = result.frames[0];
  const [keys, counts] = [frame?.fields[0]?.values ?? [], frame?.fields[1]?.values ?? []];
  return Object.fromEntries(keys.map((k, i) => [String(k), Number(counts[i])]));
}

/** Σ per term combination (the series' labels joined with '|', outermost first), non-zero only, from the data source's frames. */
function labelledTotals(result: PanelResult): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const frame of result.raw_frames ?? []) {
    const labels = { ...frame.fields.find((f) => f.type === 'number')?.labels };
    delete labels.metricId;
    const key = Object.values(labels).join('|');
    totals[key] = (totals[key] ?? 0) + valuesOf(frame).reduce((a, b) => a + b, 0);
  }
  return Object.fromEntries(Object.entries(totals).filter(([, v]) => v !== 0));
}

/** The one table a transformed panel shows, as rows keyed by column header (the display name). */
function shownTable(result: PanelResult): { headers: string[]; rows: Array<Record<string, unknown>> } {
  expect(result.frames).toHaveLength(1);
  const frame = result.frames[0] as Frame;
  const headers = frame.fields.map((f) => fieldDisplayName(f, frame, result.frames));
  const length = frame.fields[0]?.values.length ?? 0;
  const rows = Array.from({ length }, (_, i) => Object.fromEntries(frame.fields.map((f, c) => [headers[c] as string, f.values[i]])));
  return { headers, rows };
}

/** A grouping-to-matrix table as row key → column → cell. */
function matrix(result: PanelResult): Record<string, Record<string, unknown>> {
  const { headers, rows } = shownTable(result);
  const [corner, ...columns] = headers;
  return Object.fromEntries(rows.map((row) => [String(row[corner as string]), Object.fromEntries(columns.map((c) => [c, row[c]]))]));
}

describe('gdlens check-dashboards on a known set of findings (real OpenSearch)', () => {
  it('overview: counts per band exclude sample and archived findings and findings outside the range', async () => {
    const results = await run('gdlens-overview');
    expect(total(panel(results, 'Critical findings'))).toBe(1);
    expect(total(panel(results, 'High findings'))).toBe(2);
    expect(total(panel(results, 'Medium findings'))).toBe(1);
    expect(total(panel(results, 'Low findings'))).toBe(1);
  });

  it('overview: the sample and archived toggles add exactly their findings', async () => {
    const withSample = await run('gdlens-overview', { sample: '*' });
    expect(total(panel(withSample, 'High findings'))).toBe(3);
    expect(total(panel(withSample, 'Medium findings'))).toBe(1);
    const withArchived = await run('gdlens-overview', { archived: '*' });
    expect(total(panel(withArchived, 'High findings'))).toBe(2);
    expect(total(panel(withArchived, 'Medium findings'))).toBe(2);
  });

  it('overview: trends sum new occurrences (Σ count_delta) and findings updated, per band', async () => {
    const results = await run('gdlens-overview');
    expect(seriesTotals(panel(results, 'New occurrences'))).toEqual({ All: 7, Critical: 1, High: 4, Medium: 1 });
    expect(seriesTotals(panel(results, 'Findings updated'))).toEqual({ All: 5, Critical: 1, High: 2, Medium: 1 });
  });

  it('overview: the occurrence buckets hold each update where it happened', async () => {
    const results = await run('gdlens-overview');
    const high = panel(results, 'New occurrences').frames.find((f) => f.fields[1]?.config?.displayNameFromDS === 'High');
    const times = (high?.fields[0]?.values ?? []) as number[];
    const values = valuesOf(high ?? { fields: [] });
    const step = (times[1] ?? 0) - (times[0] ?? 0);
    expect(step).toBeGreaterThan(0);
    const at = (iso: string): number => values[times.findIndex((t) => t <= Date.parse(iso) && Date.parse(iso) < t + step)] ?? -1;
    expect(at('2026-01-10T02:10:00Z')).toBe(1);
    expect(at('2026-01-10T03:10:00Z')).toBe(2);
    expect(at('2026-01-10T07:00:00Z')).toBe(1);
    expect(values.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('overview: the integrity annotation marks each change to GuardDuty, not bucket policies (the integrity view has those)', async () => {
    const results = await run('gdlens-overview');
    const annotation = panel(results, 'annotation: GuardDuty integrity events');
    expect(annotation.rows).toBe(1);
    expect(annotation.frames[0]?.fields.find((f) => f.name === 'text')?.values).toEqual(['DeleteDetector']);
    expect(annotation.frames[0]?.fields.find((f) => f.name === 'time')?.values).toContain(Date.parse('2026-01-10T04:00:00Z'));
  });

  it('overview: purposes and regions for High and Medium', async () => {
    const results = await run('gdlens-overview');
    expect(termCounts(panel(results, 'Threat purposes: High'))).toEqual({ CryptoCurrency: 1, Trojan: 1 });
    expect(termCounts(panel(results, 'Threat purposes: Medium'))).toEqual({ UnauthorizedAccess: 1 });
    expect(termCounts(panel(results, 'Regions: High'))).toEqual({ 'us-east-1': 1, 'eu-west-1': 1 });
    expect(termCounts(panel(results, 'Regions: Medium'))).toEqual({ 'eu-west-1': 1 });
  });

  it('overview: variables filter every panel (region, multi-value severity)', async () => {
    const results = await run('gdlens-overview', { region: 'eu-west-1', severity_label: ['High', 'Medium'] });
    expect(total(panel(results, 'Critical findings'))).toBe(0);
    expect(total(panel(results, 'High findings'))).toBe(1);
    expect(total(panel(results, 'Medium findings'))).toBe(1);
    expect(total(panel(results, 'Low findings'))).toBe(0);
    expect(seriesTotals(panel(results, 'New occurrences'))).toEqual({ All: 2, Critical: 0, High: 1, Medium: 1 });
  });

  it('threats: per account with names, per security group, per resource type, types per purpose', async () => {
    const results = await run('gdlens-threats');
    expect(labelledTotals(panel(results, 'Threats by account: Critical, High, Medium'))).toEqual({
      '111111111111|prod|Critical': 1,
      '111111111111|prod|High': 1,
      '222222222222|-|High': 1,
      '222222222222|-|Medium': 1,
    });
    expect(labelledTotals(panel(results, 'Threats by security group'))).toEqual({
      'web|Critical': 1,
      'web|High': 2,
      'ssh|Critical': 1,
      'db|High': 1,
      'db|Low': 1,
    });
    expect(labelledTotals(panel(results, 'Affected resource types: Critical, High, Medium'))).toEqual({
      'EC2|Critical': 1,
      'EC2|High': 2,
      'IAMUser|Medium': 1,
    });
    expect(labelledTotals(panel(results, 'Finding types per threat purpose'))).toEqual({
      'Backdoor|Backdoor:EC2/C&CActivity.B!DNS': 1,
      'CryptoCurrency|CryptoCurrency:EC2/BitcoinTool.B!DNS': 1,
      'UnauthorizedAccess|UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B': 1,
      'Recon|Recon:EC2/PortProbeUnprotectedPort': 1,
      'Trojan|Trojan:EC2/DNSDataExfiltration': 1,
    });
  });

  it('threats: the tables as shown, after reduce, organize and grouping-to-matrix', async () => {
    const results = await run('gdlens-threats');
    // Every term combination's series reduced to one row (Σ over the range), the Field column
    // hidden, label columns renamed; zero cells where a combination has no findings.
    expect(matrix(panel(results, 'Threats by security group'))).toEqual({
      web: { Critical: 1, High: 2, Low: 0 },
      ssh: { Critical: 1, High: 0, Low: 0 },
      db: { Critical: 0, High: 1, Low: 1 },
    });
    expect(shownTable(panel(results, 'Threats by security group')).headers[0]).toBe('Security group\\Severity');
    expect(matrix(panel(results, 'Affected resource types: Critical, High, Medium'))).toEqual({
      EC2: { Critical: 1, High: 2, Medium: 0 },
      IAMUser: { Critical: 0, High: 0, Medium: 1 },
    });
    const byAccount = shownTable(panel(results, 'Threats by account: Critical, High, Medium'));
    expect(byAccount.headers).toEqual(expect.arrayContaining(['Account', 'Account name', 'Severity', 'Findings']));
    expect(byAccount.headers).not.toContain('Field');
    const accountRows = byAccount.rows.filter((r) => r.Findings !== 0).map((r) => `${String(r.Account)}|${String(r['Account name'])}|${String(r.Severity)}=${String(r.Findings)}`);
    expect(accountRows.sort()).toEqual(['111111111111|prod|Critical=1', '111111111111|prod|High=1', '222222222222|-|High=1', '222222222222|-|Medium=1']);
    const types = shownTable(panel(results, 'Finding types per threat purpose'));
    expect(types.rows.filter((r) => r.Findings !== 0).map((r) => [r['Threat purpose'], r['Finding type'], r.Findings])).toEqual(
      expect.arrayContaining([
        ['Backdoor', 'Backdoor:EC2/C&CActivity.B!DNS', 1],
        ['CryptoCurrency', 'CryptoCurrency:EC2/BitcoinTool.B!DNS', 1],
        ['UnauthorizedAccess', 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', 1],
        ['Recon', 'Recon:EC2/PortProbeUnprotectedPort', 1],
        ['Trojan', 'Trojan:EC2/DNSDataExfiltration', 1],
      ]),
    );
    expect(types.rows.reduce((sum, r) => sum + Number(r.Findings), 0)).toBe(5);
  });

  it('threats: purpose and account variables narrow the multi-term tables', async () => {
    const results = await run('gdlens-threats', { threat_purpose: 'Backdoor', account_id: '111111111111' });
    expect(labelledTotals(panel(results, 'Threats by security group'))).toEqual({ 'web|Critical': 1, 'ssh|Critical': 1 });
    expect(matrix(panel(results, 'Threats by security group'))).toEqual({ web: { Critical: 1 }, ssh: { Critical: 1 } });
  });

  it('findings detail: the newest findings first, with decoded type and band', async () => {
    const results = await run('gdlens-findings-detail');
    const table = panel(results, 'Latest findings');
    expect(table.rows).toBe(5);
    const frame = table.frames[0];
    const column = (name: string): unknown[] => frame?.fields.find((f) => f.name === name)?.values ?? [];
    expect(column('finding_id')).toEqual(['f5-high', 'f4-low', 'f3-medium', 'f2-high', 'f1-critical']);
    expect(column('severity_label')).toEqual(['High', 'Low', 'Medium', 'High', 'Critical']);
    expect(column('region')).toEqual(['eu-west-1', 'eu-west-1', 'eu-west-1', 'us-east-1', 'us-east-1']);
    expect(String(column('type_explanation')[4])).toMatch(/Backdoor/);
    // As shown: only the chosen columns, in the chosen order, under their headers.
    const shown = shownTable(table);
    expect(shown.headers.slice(0, 7)).toEqual(['Updated', 'Severity', 'Score', 'Type', 'What it means', 'Title', 'Account']);
    expect(shown.headers).not.toContain('detail');
    expect(shown.rows.map((r) => r.Severity)).toEqual(['High', 'Low', 'Medium', 'High', 'Critical']);
  });

  it('integrity: GuardDuty and findings-bucket events, narrowed by the bucket variable', async () => {
    const all = await run('gdlens-integrity');
    expect(total(panel(all, 'GuardDuty integrity events'))).toBe(3);
    expect(panel(all, 'Who changed GuardDuty').rows).toBe(3);
    const bucket = await run('gdlens-integrity', { findings_bucket: FINDINGS_BUCKET });
    expect(total(panel(bucket, 'GuardDuty integrity events'))).toBe(2);
    const rows = panel(bucket, 'Who changed GuardDuty').frames[0];
    expect(rows?.fields.find((f) => f.name === 'eventName')?.values).toEqual(['PutBucketPolicy', 'DeleteDetector']);
    expect(rows?.fields.find((f) => f.name === 'user_arn')?.values).toEqual(['arn:aws:iam::111111111111:user/mallory', 'arn:aws:iam::111111111111:user/mallory']);
  });

  it('pipeline health: heartbeat per worker, dead letters, freshness per source', async () => {
    const results = await run('gdlens-pipeline-health');
    expect(termCounts(panel(results, 'Last heartbeat per worker'))).toEqual({ 'worker-a': Date.parse('2026-01-10T11:59:00Z') });
    const lagRow = panel(results, 'Worker lag per source').frames[0];
    const lagColumn = (name: string): unknown[] | undefined => lagRow?.fields.find((f) => f.name === name)?.values;
    expect(lagColumn('worker_id.raw')).toEqual(['worker-a']);
    expect(lagColumn('Max findings_lag_ms')).toEqual([9 * 60_000]);
    expect(lagColumn('Max cloudtrail_lag_ms')).toEqual([60_000]);
    expect(total(panel(results, 'Dead letters'))).toBe(1);
    expect(panel(results, 'Dead letters by reason').rows).toBe(1);
    const freshness = panel(results, 'Ingest freshness per source');
    // One frame per data source from the data source, one table once merged.
    expect(freshness.raw_frames).toHaveLength(2);
    const merged = shownTable(freshness);
    expect(merged.rows.map((r) => r[merged.headers[0] as string]).sort()).toEqual(['aws.cloudtrail', 'aws.guardduty']);
    for (const row of merged.rows) expect(row['Max ingested_at']).toBe(ARRIVAL_MS);
    // Newest arrival minus newest event time (f7, updated 09:00, the newest of all written),
    // computed by the panel's calculateField, which replaces the two maxima.
    const lag = shownTable(panel(results, 'Ingest lag (newest finding)'));
    expect(lag.rows).toEqual([{ 'Ingest lag': 3 * 3_600_000 }]);
    // Every finding document (sample and archived ones too) was written at ARRIVAL_MS.
    expect(total(panel(results, 'Findings arriving'))).toBe(8);
  });

  it.each([
    ['1h', 3_600_000],
    ['24h', DAY_MS],
    ['7d', 7 * DAY_MS],
    ['30d', 30 * DAY_MS],
    ['90d', 90 * DAY_MS],
  ])('every panel of every dashboard runs at %s without a bucket-limit error', async (_label, spanMs) => {
    const range = { fromMs: WINDOW.toMs - spanMs, toMs: WINDOW.toMs };
    for (const uid of ['gdlens-overview', 'gdlens-threats', 'gdlens-findings-detail', 'gdlens-integrity', 'gdlens-pipeline-health']) {
      const results = await run(uid, {}, range);
      expect(results.size).toBeGreaterThan(0);
    }
  });

  it('fails a panel that shows nothing while _count with its filters finds documents, and a panel that errors', async () => {
    const target = (refId: string, query: string, field: string) => ({
      refId,
      datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' },
      queryType: 'lucene',
      query,
      metrics: [{ id: '1', type: 'count' }],
      bucketAggs: [{ id: '2', type: 'terms', field, settings: { size: '10', order: 'desc', orderBy: '_count', min_doc_count: '1' } }],
    });
    const broken = {
      uid: 'broken',
      title: 'broken',
      templating: { list: [] },
      panels: [
        { id: 1, type: 'table', title: 'terms on a missing field', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [target('A', '*', 'no_such_field.raw')] },
        { id: 2, type: 'table', title: 'bad Lucene', gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [target('A', 'severity_label:(', 'region.raw')] },
        { id: 3, type: 'table', title: 'fine', gridPos: { x: 0, y: 8, w: 12, h: 8 }, targets: [target('A', '*', 'region.raw')] },
      ],
    };
    const results = await checkDashboard(readDashboard(broken, 'broken.json'), { datasources, range: WINDOW });
    expect(results.map((r) => [r.title, r.status])).toEqual([
      ['terms on a missing field', 'empty'],
      ['bad Lucene', 'error'],
      ['fine', 'ok'],
    ]);
    expect(results[0]?.message).toMatch(/_count with the panel's filters finds 7 documents/);
    expect(exitStatus(results)).toBe(2);
  });

  it('the import form gives the same numbers once its data source inputs point at the provisioned data sources', async () => {
    const file = path.resolve(__dirname, '../../../dashboards/import/gdlens-overview.json');
    const inputs = new Map([
      ['ds_findings', ['gdlens-findings']],
      ['ds_occurrences', ['gdlens-occurrences']],
      ['ds_cloudtrail', ['gdlens-cloudtrail']],
    ]);
    const dashboard = readDashboard(JSON.parse(readFileSync(file, 'utf8')), file, inputs);
    const results = new Map((await checkDashboard(dashboard, { datasources, range: WINDOW })).map((r) => [r.title, r]));
    expect(total(panel(results, 'Critical findings'))).toBe(1);
    expect(total(panel(results, 'High findings'))).toBe(2);
    expect(seriesTotals(panel(results, 'New occurrences'))).toEqual({ All: 7, Critical: 1, High: 4, Medium: 1 });
  });

  it('the CLI prints one JSON object per panel and exits 0 on the provisioned dashboards', async () => {
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const status = await runCli({
      argv: ['check-dashboards', '--opensearch', store.url, '--prefix', store.names.prefix, '--from', new Date(WINDOW.fromMs).toISOString(), '--to', new Date(WINDOW.toMs).toISOString(), '--json'],
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      env: {},
      now: () => WINDOW.toMs,
      signal: new AbortController().signal,
    });
    expect(status).toBe(0);
    const lines = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // Every panel of the five dashboards (25 with the Tag impact table and Worker lag per source) and the overview's two annotations.
    expect(lines.length).toBe(27);
    for (const line of lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(['dashboard_uid', 'panel_id', 'title', 'status', 'latency_ms', 'frames']));
    const critical = lines.find((l) => l.dashboard_uid === 'gdlens-overview' && l.title === 'Critical findings');
    expect(critical?.status).toBe('ok');
  });
});
