/**
 * Before and after a tag: the new-occurrence rate (Σ count_delta per hour, by event time) in the
 * window before the tag's start and in the window of the same length from it, overall, per band
 * and per threat purpose. The figures are computed by OpenSearch aggregations on the occurrences
 * index and stored as `tag-impact` documents, so a stock table panel can show them.
 */
import { createHash } from 'node:crypto';
import { IngestError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import type { TagDocument } from './tag';

/** The bands every impact has a row for, even at zero, so "nothing before, 12 after" shows. */
export const IMPACT_BANDS = ['Critical', 'High', 'Medium', 'Low'] as const;

/** More threat purposes than GuardDuty defines (about fifteen), so none is cut. */
const PURPOSE_BUCKETS = 100;
/** Tags read per run; tags are a few a day, so this covers years. */
const MAX_TAGS = 10_000;

const HOUR_MS = 3_600_000;

/** `gdlens tag impact`'s window when none is given: long enough to see a deploy's first hours. */
export const DEFAULT_IMPACT_WINDOW_MS = 3 * HOUR_MS;

/** The two windows around a tag start. Times are epoch ms, each window `[from, to)`. */
export interface ImpactWindows {
  readonly beforeFromMs: number;
  readonly startMs: number;
  /** The after-window's end, or now when it has not ended yet. */
  readonly afterToMs: number;
  readonly beforeHours: number;
  readonly afterHours: number;
  /** The after-window had not ended at `nowMs`: its rate is over the hours elapsed. */
  readonly partial: boolean;
}

/** The windows for a tag starting at `startMs`, or undefined when it has not started by `nowMs`. */
export function impactWindows(startMs: number, windowMs: number, nowMs: number): ImpactWindows | undefined {
  if (nowMs <= startMs) return undefined;
  const afterToMs = Math.min(startMs + windowMs, nowMs);
  return {
    beforeFromMs: startMs - windowMs,
    startMs,
    afterToMs,
    beforeHours: windowMs / HOUR_MS,
    afterHours: (afterToMs - startMs) / HOUR_MS,
    partial: afterToMs < startMs + windowMs,
  };
}

function range(fromMs: number, toMs: number): Record<string, unknown> {
  return { range: { '@timestamp': { gte: fromMs, lt: toMs, format: 'epoch_millis' } } };
}

function occurrenceSums(): Record<string, unknown> {
  const sum = { occurrences: { sum: { field: 'count_delta' } } };
  return {
    ...sum,
    bands: { terms: { field: 'severity_label.raw', size: 10 }, aggs: sum },
    purposes: { terms: { field: 'threat_purpose.raw', size: PURPOSE_BUCKETS }, aggs: sum },
  };
}

/**
 * The search on the occurrences alias: both windows as a `filters` aggregation, each summing
 * count_delta overall, per band and per purpose. Sample and archived findings are left out, as on
 * the dashboards by default; a tag naming an account counts only that account's findings.
 */
export function impactSearch(windows: ImpactWindows, accountId: string | undefined): Record<string, unknown> {
  const filter: unknown[] = [range(windows.beforeFromMs, windows.afterToMs)];
  if (accountId !== undefined) filter.push({ term: { account_id: accountId } });
  return {
    size: 0,
    track_total_hits: false,
    query: { bool: { filter, must_not: [{ term: { sample: true } }, { term: { archived: true } }] } },
    aggs: {
      windows: {
        filters: { filters: { before: range(windows.beforeFromMs, windows.startMs), after: range(windows.startMs, windows.afterToMs) } },
        aggs: occurrenceSums(),
      },
    },
  };
}

export type ImpactDimension = 'all' | 'band' | 'purpose';

/** Σ count_delta in each window for one row. */
export interface ImpactCounts {
  readonly dimension: ImpactDimension;
  readonly value: string;
  readonly before: number;
  readonly after: number;
}

interface SumBucket {
  readonly key?: unknown;
  readonly occurrences?: { readonly value?: number | null };
}

interface WindowBucket extends SumBucket {
  readonly bands?: { readonly buckets?: readonly SumBucket[] };
  readonly purposes?: { readonly buckets?: readonly SumBucket[] };
}

export interface ImpactSearchResponse {
  readonly aggregations?: { readonly windows?: { readonly buckets?: { readonly before?: WindowBucket; readonly after?: WindowBucket } } };
}

function sumOf(bucket: SumBucket | undefined): number {
  return bucket?.occurrences?.value ?? 0;
}

function byKey(buckets: readonly SumBucket[] | undefined): Map<string, number> {
  return new Map((buckets ?? []).map((b) => [String(b.key), sumOf(b)]));
}

/** The rows of one impact, from the search response: all, each band (always the four), each purpose seen in either window. */
export function impactCounts(response: ImpactSearchResponse): ImpactCounts[] {
  const windows = response.aggregations?.windows?.buckets;
  if (windows?.before === undefined || windows.after === undefined) {
    throw new IngestError('tag impact: the occurrences search answered without its windows aggregation', {});
  }
  const { before, after } = windows;
  const rows: ImpactCounts[] = [{ dimension: 'all', value: 'All', before: sumOf(before), after: sumOf(after) }];
  const [bandsBefore, bandsAfter] = [byKey(before.bands?.buckets), byKey(after.bands?.buckets)];
  const bands = [...IMPACT_BANDS, ...[...new Set([...bandsBefore.keys(), ...bandsAfter.keys()])].filter((b) => !(IMPACT_BANDS as readonly string[]).includes(b)).sort()];
  for (const band of bands) rows.push({ dimension: 'band', value: band, before: bandsBefore.get(band) ?? 0, after: bandsAfter.get(band) ?? 0 });
  const [purposesBefore, purposesAfter] = [byKey(before.purposes?.buckets), byKey(after.purposes?.buckets)];
  for (const purpose of [...new Set([...purposesBefore.keys(), ...purposesAfter.keys()])].sort()) {
    rows.push({ dimension: 'purpose', value: purpose, before: purposesBefore.get(purpose) ?? 0, after: purposesAfter.get(purpose) ?? 0 });
  }
  return rows;
}

/** A rate rounded to 3 decimals: enough for a table, and stable to compare. */
function perHour(occurrences: number, hours: number): number {
  return Math.round((occurrences / hours) * 1000) / 1000;
}

/** A window length as people write it: `3h`, `90m`, `2d`. */
export function windowLabel(windowMs: number): string {
  if (windowMs % 86_400_000 === 0) return `${windowMs / 86_400_000}d`;
  if (windowMs % HOUR_MS === 0) return `${windowMs / HOUR_MS}h`;
  return `${Math.round(windowMs / 60_000)}m`;
}

/** A stored tag as the impact reads it: its document and id. */
export interface StoredTag {
  readonly id: string;
  readonly document: TagDocument;
}

/** One stored impact row (field names as in `store/mappings.ts` `TAG_IMPACT_MAPPINGS`). */
export interface TagImpactDocument {
  readonly '@timestamp': string;
  readonly tag_id: string;
  readonly tag_name: string;
  readonly tag_kind: string;
  readonly tag_end?: string;
  readonly service: string;
  readonly env: string;
  readonly account_id?: string;
  readonly window: string;
  readonly window_ms: number;
  readonly dimension: ImpactDimension;
  readonly value: string;
  readonly before_from: string;
  readonly after_to: string;
  readonly before_hours: number;
  readonly after_hours: number;
  readonly before_occurrences: number;
  readonly after_occurrences: number;
  readonly before_per_hour: number;
  readonly after_per_hour: number;
  readonly change_per_hour: number;
  readonly partial: boolean;
  readonly computed_at: string;
}

/** The documents for one tag, keyed by a hash of tag, window and row so a recomputation overwrites them. */
export function impactDocuments(
  tag: StoredTag,
  windowMs: number,
  windows: ImpactWindows,
  counts: readonly ImpactCounts[],
  nowMs: number,
): Array<{ readonly id: string; readonly document: TagImpactDocument }> {
  const { document } = tag;
  return counts.map((row) => {
    const before = perHour(row.before, windows.beforeHours);
    const after = perHour(row.after, windows.afterHours);
    return {
      id: createHash('sha256').update(JSON.stringify([tag.id, windowMs, row.dimension, row.value])).digest('hex').slice(0, 32),
      document: {
        '@timestamp': document['@timestamp'],
        tag_id: tag.id,
        tag_name: document.name,
        tag_kind: document.kind,
        ...(document.end !== undefined ? { tag_end: document.end } : {}),
        service: document.service,
        env: document.env,
        ...(document.account_id !== undefined ? { account_id: document.account_id } : {}),
        window: windowLabel(windowMs),
        window_ms: windowMs,
        dimension: row.dimension,
        value: row.value,
        before_from: new Date(windows.beforeFromMs).toISOString(),
        after_to: new Date(windows.afterToMs).toISOString(),
        before_hours: windows.beforeHours,
        after_hours: Math.round(windows.afterHours * 1000) / 1000,
        before_occurrences: row.before,
        after_occurrences: row.after,
        before_per_hour: before,
        after_per_hour: after,
        change_per_hour: Math.round((after - before) * 1000) / 1000,
        partial: windows.partial,
        computed_at: new Date(nowMs).toISOString(),
      },
    };
  });
}

export interface TagImpactOptions {
  readonly names: StoreNames;
  readonly windowMs: number;
  readonly nowMs: number;
  /** Recompute tags whose impact is already complete (late findings, or after an archive). */
  readonly recompute?: boolean;
  /** Only this tag id. */
  readonly tagId?: string;
}

export interface TagImpactReport {
  readonly tags: number;
  /** Tags computed this run, and how many of them are still partial. */
  readonly computed: number;
  readonly partial: number;
  /** Already complete for this window, left alone. */
  readonly complete: number;
  /** Starting after now: nothing to compare yet. */
  readonly notStarted: number;
  readonly rows: number;
}

async function storedTags(client: OpenSearchClient, names: StoreNames, tagId: string | undefined): Promise<StoredTag[]> {
  const alias = names.alias('tags');
  const query = tagId === undefined ? { match_all: {} } : { ids: { values: [tagId] } };
  const reply = await client.request<{ hits?: { hits?: Array<{ _id: string; _source: TagDocument }> } }>('POST', `/${alias}/_search`, {
    body: { size: MAX_TAGS, query, sort: [{ '@timestamp': 'desc' }] },
    accept: [404],
  });
  if (reply.status === 404) throw new IngestError(`${alias} does not exist on ${client.displayUrl}: run gdlens setup first`, { alias });
  return (reply.body.hits?.hits ?? []).map((hit) => ({ id: hit._id, document: hit._source }));
}

/** Tag ids whose impact for this window is stored and complete. */
async function completeTagIds(client: OpenSearchClient, names: StoreNames, windowMs: number): Promise<Set<string>> {
  const reply = await client.request<{ aggregations?: { tags?: { buckets?: Array<{ key: string }> } } }>('POST', `/${names.alias('tag-impact')}/_search`, {
    body: {
      size: 0,
      query: { bool: { filter: [{ term: { window_ms: windowMs } }, { term: { partial: false } }] } },
      aggs: { tags: { terms: { field: 'tag_id', size: MAX_TAGS } } },
    },
  });
  return new Set((reply.body.aggregations?.tags?.buckets ?? []).map((b) => b.key));
}

async function writeImpact(client: OpenSearchClient, names: StoreNames, tag: StoredTag, windowMs: number, rows: ReturnType<typeof impactDocuments>, computedAt: string): Promise<void> {
  const alias = names.alias('tag-impact');
  const ndjson = rows.map((row) => `${JSON.stringify({ index: { _index: alias, _id: row.id } })}\n${JSON.stringify(row.document)}\n`).join('');
  const reply = await client.request<{ errors?: boolean; items?: Array<{ index?: { error?: { reason?: string } } }> }>('POST', '/_bulk?refresh=wait_for&require_alias=true', {
    body: ndjson,
    contentType: 'application/x-ndjson',
  });
  if (reply.body.errors === true) {
    const reason = reply.body.items?.find((item) => item.index?.error !== undefined)?.index?.error?.reason ?? 'unknown';
    throw new IngestError(`tag impact: writing the rows of tag ${tag.id} to ${alias} failed: ${reason}`, { tagId: tag.id, alias });
  }
  // Rows of an earlier computation that this one no longer has (a purpose whose findings were archived).
  await client.request('POST', `/${alias}/_delete_by_query?refresh=true&conflicts=proceed`, {
    body: { query: { bool: { filter: [{ term: { tag_id: tag.id } }, { term: { window_ms: windowMs } }], must_not: [{ term: { computed_at: computedAt } }] } } },
  });
}

/**
 * Computes and stores the impact of every tag (or one) for one window length. A tag whose impact
 * is already stored as complete is skipped unless `recompute`; a partial one is recomputed, so
 * running this every hour completes each tag once its after-window has passed.
 */
export async function computeTagImpact(client: OpenSearchClient, options: TagImpactOptions): Promise<TagImpactReport> {
  const { names, windowMs, nowMs } = options;
  const tags = await storedTags(client, names, options.tagId);
  const complete = options.recompute === true ? new Set<string>() : await completeTagIds(client, names, windowMs);
  const computedAt = new Date(nowMs).toISOString();
  let [computed, partial, skipped, notStarted, rows] = [0, 0, 0, 0, 0];
  for (const tag of tags) {
    if (complete.has(tag.id)) {
      skipped += 1;
      continue;
    }
    const windows = impactWindows(Date.parse(tag.document['@timestamp']), windowMs, nowMs);
    if (windows === undefined) {
      notStarted += 1;
      continue;
    }
    const reply = await client.request<ImpactSearchResponse>('POST', `/${names.alias('occurrences')}/_search`, { body: impactSearch(windows, tag.document.account_id) });
    const documents = impactDocuments(tag, windowMs, windows, impactCounts(reply.body), nowMs);
    await writeImpact(client, names, tag, windowMs, documents, computedAt);
    computed += 1;
    if (windows.partial) partial += 1;
    rows += documents.length;
  }
  return { tags: tags.length, computed, partial, complete: skipped, notStarted, rows };
}
