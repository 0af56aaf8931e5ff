import {
  annotationRequest,
  applyTransformations,
  calculatePanelInterval,
  executeMsearch,
  fetchShardCount,
  interpolateTarget,
  intervalBuiltins,
  toAnnotations,
  toFrames,
  toMsearch,
  type OpenSearchAnnotation,
  type DatasourceSettings,
  type FetchLike,
  type Frame,
  type OpenSearchTarget,
  type TimeRange,
} from '@gdlens/grafana-model';
import type { DashboardPanel, DashboardUnderCheck } from './dashboard';
import { DashboardCheckError } from './errors';

/**
 * Width in pixels of a full-width (24-column) panel: Grafana's default `maxDataPoints` is the
 * panel's pixel width, so this decides `$__interval` the way a 1920-pixel screen would.
 */
export const FULL_WIDTH_PIXELS = 1800;

export type PanelStatus = 'ok' | 'empty' | 'error' | 'skipped';

/** The outcome of running one panel's targets. */
export interface PanelResult {
  readonly dashboard_uid: string;
  readonly panel_id: number;
  readonly title: string;
  readonly status: PanelStatus;
  readonly latency_ms: number;
  /** Time series frames, or table rows summed over table frames. */
  readonly series: number;
  readonly rows: number;
  /** Why it failed, or what `_count` found for an empty panel. */
  readonly message?: string;
  /** What the panel shows: the data source's frames after the panel's `transformations`. */
  readonly frames: Frame[];
  /** Panels only: the data source's frames before the transformations (the same as `frames` when there are none). */
  readonly raw_frames?: Frame[];
}

export interface CheckOptions {
  /** Provisioned data sources by uid (url included). */
  readonly datasources: ReadonlyMap<string, DatasourceSettings>;
  readonly range: TimeRange;
  readonly fetchImpl?: FetchLike;
  /** Monotonic milliseconds, injected so latency is testable. */
  readonly nowMs?: () => number;
}

function isTimeSeries(frame: Frame): boolean {
  return frame.fields.some((f) => f.type === 'time') && frame.meta?.type !== undefined && frame.meta.type.startsWith('timeseries');
}

function frameRows(frame: Frame): number {
  return frame.fields[0]?.values.length ?? 0;
}

/** True when a frame holds any document: a non-zero number, or any row of a raw-data or table frame. */
function hasData(frame: Frame): boolean {
  if (isTimeSeries(frame)) return frame.fields.some((f) => f.type === 'number' && f.values.some((v) => typeof v === 'number' && v !== 0));
  return frameRows(frame) > 0;
}

const defaultFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, init);
  return { status: response.status, text: () => response.text() };
};

/** Documents a request's own filters match (range + query_string), via `_count`. */
async function countMatching(url: string, index: string, query: unknown, fetchImpl: FetchLike): Promise<number> {
  const response = await fetchImpl(`${url.replace(/\/+$/, '')}/${encodeURIComponent(index).replace(/%2C/gi, ',').replace(/%2A/gi, '*')}/_count?ignore_unavailable=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  if (response.status !== 200) return 0;
  const parsed = JSON.parse(text) as { count?: number };
  return parsed.count ?? 0;
}

function needsShards(target: OpenSearchTarget): boolean {
  const aggs = target.bucketAggs ?? [];
  return aggs.some((a) => a.type === 'terms') && aggs.some((a) => a.type === 'date_histogram' && (a.settings?.interval ?? 'auto') === 'auto');
}

interface TargetGroup {
  readonly datasource: DatasourceSettings;
  readonly targets: OpenSearchTarget[];
}

function groupByDataSource(panel: DashboardPanel, datasources: ReadonlyMap<string, DatasourceSettings>): TargetGroup[] | string {
  const groups = new Map<string, TargetGroup>();
  for (const target of panel.targets) {
    const uid = target.datasource?.uid ?? panel.datasourceUid;
    if (uid === undefined) return `target ${target.refId} has no data source`;
    const datasource = datasources.get(uid);
    if (datasource === undefined) return `data source uid "${uid}" is not in the provisioning file`;
    const group = groups.get(uid) ?? { datasource, targets: [] };
    group.targets.push(target);
    groups.set(uid, group);
  }
  return [...groups.values()];
}

/**
 * Runs one panel as Grafana would: the frontend's interval and interpolation, one `_msearch` per
 * data source with the backend's request building, then the backend's frames. An empty panel is
 * checked with `_count` on its own filters: documents there mean the panel hides them.
 */
export async function checkPanel(dashboard: DashboardUnderCheck, panel: DashboardPanel, options: CheckOptions): Promise<PanelResult> {
  const now = options.nowMs ?? (() => performance.now());
  const fetchImpl = options.fetchImpl ?? defaultFetch;
  const base = { dashboard_uid: dashboard.uid, panel_id: panel.id, title: panel.title };
  const started = now();
  const done = (status: PanelStatus, frames: Frame[], message?: string, rawFrames: Frame[] = frames): PanelResult => {
    const series = frames.filter(isTimeSeries).length;
    const rows = frames.filter((f) => !isTimeSeries(f)).reduce((sum, f) => sum + frameRows(f), 0);
    return { ...base, status, latency_ms: Math.round(now() - started), series, rows, ...(message === undefined ? {} : { message }), frames, raw_frames: rawFrames };
  };
  if (panel.targets.length === 0) return done('skipped', [], 'no queries');
  const groups = groupByDataSource(panel, options.datasources);
  if (typeof groups === 'string') return done('error', [], groups);

  const frames: Frame[] = [];
  const requests: Array<{ datasource: DatasourceSettings; index: string; query: unknown }> = [];
  try {
    for (const group of groups) {
      const maxDataPoints = panel.maxDataPoints ?? Math.round((FULL_WIDTH_PIXELS * panel.width) / 24);
      const interval = calculatePanelInterval(options.range, maxDataPoints, panel.interval ?? group.datasource.timeInterval);
      const builtins = intervalBuiltins(interval.intervalMs, options.range);
      const targets = group.targets.map((t) => {
        const interpolated = interpolateTarget(t, dashboard.variables, builtins);
        return { ...interpolated, query: interpolated.query === '' || interpolated.query === undefined ? '*' : interpolated.query, intervalMs: interval.intervalMs };
      });
      const index = group.datasource.database ?? '';
      const shards = targets.some(needsShards) ? await fetchShardCount(group.datasource.url ?? '', index, fetchImpl) : 1;
      const msearch = toMsearch(targets, group.datasource, options.range, { intervalMs: interval.intervalMs, shards });
      const reply = await executeMsearch(group.datasource.url ?? '', msearch, fetchImpl);
      targets.forEach((target, position) => {
        const response = reply.responses[position];
        const request = msearch.requests[position];
        if (response === undefined) throw new DashboardCheckError(`_msearch returned no response for ${target.refId}`, { refId: target.refId });
        frames.push(...toFrames(response, target, group.datasource).map((f) => ({ ...f, refId: target.refId })));
        if (request !== undefined) requests.push({ datasource: group.datasource, index: request.header.index, query: (request.body as { query?: unknown }).query });
      });
    }
  } catch (error) {
    return done('error', frames, error instanceof Error ? error.message : String(error));
  }
  let shown = frames;
  try {
    shown = applyTransformations(frames, panel.transformations);
  } catch (error) {
    return done('error', [], `panel "${panel.title}" (id ${panel.id}): ${error instanceof Error ? error.message : String(error)}`, frames);
  }
  if (frames.some(hasData)) {
    // Documents came back but the transformations leave no row to show: the panel hides them.
    return shown.some((f) => frameRows(f) > 0) ? done('ok', shown, undefined, frames) : done('empty', shown, "the query returns data but the panel's transformations leave no rows", frames);
  }
  let matching = 0;
  for (const request of requests) matching += await countMatching(request.datasource.url ?? '', request.index, request.query, fetchImpl);
  return matching > 0
    ? done('empty', shown, `no data shown, but _count with the panel's filters finds ${matching} documents`, frames)
    : done('ok', shown, 'no matching documents', frames);
}

/**
 * Whether a search matched more hits than it returned: `hits.total` is exact up to OpenSearch's
 * default tracking limit (10,000) and `gte` beyond it.
 */
function matchedMoreThan(total: unknown, returned: number): boolean {
  if (typeof total === 'number') return total > returned;
  if (typeof total !== 'object' || total === null) return false;
  const { value, relation } = total as { value?: unknown; relation?: unknown };
  return typeof value === 'number' && (value > returned || (relation === 'gte' && value >= returned));
}

/**
 * Runs one annotation query as the data source's frontend does (it bypasses the backend). Reported
 * like a panel, with id 0 and one row per event; an empty result is checked with `_count` too. The
 * frontend asks for at most 10,000 hits and draws what comes back, so an annotation matching more
 * silently drops events: that is reported as an error.
 */
export async function checkAnnotation(dashboard: DashboardUnderCheck, annotation: OpenSearchAnnotation, options: CheckOptions): Promise<PanelResult> {
  const now = options.nowMs ?? (() => performance.now());
  const fetchImpl = options.fetchImpl ?? defaultFetch;
  const started = now();
  const base = { dashboard_uid: dashboard.uid, panel_id: 0, title: `annotation: ${annotation.name ?? ''}`, series: 0 };
  const uid = annotation.datasource?.uid ?? '';
  const datasource = options.datasources.get(uid);
  if (datasource === undefined) return { ...base, status: 'error', latency_ms: 0, rows: 0, message: `data source uid "${uid}" is not in the provisioning file`, frames: [] };
  try {
    const request = annotationRequest(annotation, datasource, options.range, dashboard.variables);
    const reply = await executeMsearch(datasource.url ?? '', request.ndjson, fetchImpl);
    const response = reply.responses[0];
    const events = response === undefined ? [] : toAnnotations(response, annotation);
    const frame: Frame = {
      fields: [
        { name: 'time', type: 'time', values: events.map((e) => e.time) },
        { name: 'text', type: 'other', values: events.map((e) => e.text) },
        { name: 'tags', type: 'other', values: events.map((e) => e.tags) },
        // A region's end (`timeEndField`); null for a point event.
        { name: 'timeEnd', type: 'time', values: events.map((e) => e.timeEnd ?? null) },
      ],
    };
    const latency = Math.round(now() - started);
    if (matchedMoreThan(response?.hits?.total, events.length)) {
      const total = response?.hits?.total as { value?: number; relation?: string } | number;
      const matched = typeof total === 'number' ? `${total}` : `${total.relation === 'gte' ? 'at least ' : ''}${String(total.value)}`;
      const message = `shows ${events.length} events of ${matched} matching: the data source fetches at most ${request.body.size} annotation hits, so the rest are not drawn; narrow the annotation query`;
      return { ...base, status: 'error', latency_ms: latency, rows: events.length, message, frames: [frame] };
    }
    if (events.length > 0) return { ...base, status: 'ok', latency_ms: latency, rows: events.length, frames: [frame] };
    const matching = await countMatching(datasource.url ?? '', request.header.index, request.body.query, fetchImpl);
    return matching > 0
      ? { ...base, status: 'empty', latency_ms: latency, rows: 0, message: `no events, but _count with the annotation's filters finds ${matching} documents`, frames: [frame] }
      : { ...base, status: 'ok', latency_ms: latency, rows: 0, message: 'no matching documents', frames: [frame] };
  } catch (error) {
    return { ...base, status: 'error', latency_ms: Math.round(now() - started), rows: 0, message: error instanceof Error ? error.message : String(error), frames: [] };
  }
}

/** Every panel of a dashboard, one after the other (as a browser would, give or take concurrency), then its annotations. */
export async function checkDashboard(dashboard: DashboardUnderCheck, options: CheckOptions): Promise<PanelResult[]> {
  const results: PanelResult[] = [];
  for (const panel of dashboard.panels) results.push(await checkPanel(dashboard, panel, options));
  for (const annotation of dashboard.annotations) results.push(await checkAnnotation(dashboard, annotation, options));
  return results;
}
