import { BucketBudgetError, GrafanaModelError } from '../errors';
import type { TimeRange } from '../types';

const MS = 1;
const SECOND = 1000 * MS;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** Target number of points Grafana aims for when it picks an `auto` interval (pkg/tsdb/interval.go defaultRes). */
export const DEFAULT_RESOLUTION = 1500;
/** OpenSearch's default `search.max_buckets`, the budget the data source assumes without `maxBuckets`. */
export const DEFAULT_MAX_BUCKETS = 65535;
const BUCKET_HEADROOM_PERCENT = 90;
const MIN_TIME_BUCKETS = 20;

/**
 * Grafana's interval rounding table, as [upper bound of the raw interval, rounded interval] in ms.
 * Same brackets in the data source (pkg/tsdb/interval.go roundInterval) and the frontend
 * (@grafana/data rangeutil.roundInterval). Note 48h..1w still rounds to 24h.
 */
const ROUNDING: ReadonlyArray<readonly [number, number]> = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND],
  [3500, 2 * SECOND],
  [7500, 5 * SECOND],
  [12500, 10 * SECOND],
  [17500, 15 * SECOND],
  [25000, 20 * SECOND],
  [45000, 30 * SECOND],
  [90000, MINUTE],
  [210000, 2 * MINUTE],
  [450000, 5 * MINUTE],
  [750000, 10 * MINUTE],
  [1050000, 15 * MINUTE],
  [1500000, 20 * MINUTE],
  [2700000, 30 * MINUTE],
  [5400000, HOUR],
  [9000000, 2 * HOUR],
  [16200000, 3 * HOUR],
  [32400000, 6 * HOUR],
  [86400000, 12 * HOUR],
  [172800000, DAY],
  [604800000, DAY],
  [1814400000, 7 * DAY],
];

/** Rounds a raw interval to Grafana's brackets (10ms … 1y). */
export function roundIntervalMs(intervalMs: number): number {
  for (const [bound, rounded] of ROUNDING) {
    if (intervalMs <= bound) return rounded;
  }
  // The last two brackets are "< 6w → 30d" and "otherwise 1y".
  return intervalMs < 3628800000 ? 30 * DAY : YEAR;
}

/** Brackets the bucket budget rounds *up* to (pkg/tsdb/interval.go roundIntervalUp). */
const UP_BRACKETS: readonly number[] = [
  10, 20, 50, 100, 200, 500, SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 20 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 20 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR,
  6 * HOUR, 12 * HOUR, 24 * HOUR, 7 * DAY, 30 * DAY, YEAR,
];

/** Smallest bracket at or above the interval; 1y when above every bracket. */
export function roundIntervalUpMs(intervalMs: number): number {
  for (const bracket of UP_BRACKETS) {
    if (intervalMs <= bracket) return bracket;
  }
  return YEAR;
}

/**
 * Writes an interval the way the data source's backend does (tsdb.FormatDuration): the largest
 * unit that fits, truncated — `1y`, `30d`, `12h`, `5m`, `10s`, `100ms`.
 */
export function formatIntervalMs(intervalMs: number): string {
  if (intervalMs >= YEAR) return `${Math.trunc(intervalMs / YEAR)}y`;
  if (intervalMs >= DAY) return `${Math.trunc(intervalMs / DAY)}d`;
  if (intervalMs >= HOUR) return `${Math.trunc(intervalMs / HOUR)}h`;
  if (intervalMs >= MINUTE) return `${Math.trunc(intervalMs / MINUTE)}m`;
  if (intervalMs >= SECOND) return `${Math.trunc(intervalMs / SECOND)}s`;
  if (intervalMs >= MS) return `${Math.trunc(intervalMs)}ms`;
  return '1ms';
}

/**
 * Writes an interval the way Grafana's frontend does for `$__interval` (rangeutil.secondsToHms):
 * the largest non-zero unit, truncated.
 */
export function secondsToHms(seconds: number): string {
  const years = Math.floor(seconds / 31536000);
  if (years) return `${years}y`;
  const days = Math.floor((seconds % 31536000) / 86400);
  if (days) return `${days}d`;
  const hours = Math.floor(((seconds % 31536000) % 86400) / 3600);
  if (hours) return `${hours}h`;
  const minutes = Math.floor((((seconds % 31536000) % 86400) % 3600) / 60);
  if (minutes) return `${minutes}m`;
  const secs = Math.floor((((seconds % 31536000) % 86400) % 3600) % 60);
  if (secs) return `${secs}s`;
  const ms = Math.floor(seconds * 1000);
  if (ms) return `${ms}ms`;
  return 'less than a millisecond';
}

const UNIT_MS: Record<string, number> = {
  ms: MS,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: 7 * DAY,
  M: 30 * DAY,
  y: YEAR,
};

/**
 * Parses an interval such as `10s`, `1m30s`, `>5m` (the `<`/`>` markers of `timeInterval` are
 * dropped, as the data source does) or a bare number of seconds.
 */
export function parseIntervalMs(text: string): number {
  const cleaned = text.trim().replace('<', '').replace('>', '');
  if (/^\d+(\.\d+)?$/.test(cleaned)) return Number(cleaned) * SECOND;
  const parts = cleaned.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|M|y)/g);
  if (!parts || parts.join('') !== cleaned) {
    throw new GrafanaModelError(`invalid interval "${text}"`);
  }
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|M|y)$/.exec(part);
    if (!match) throw new GrafanaModelError(`invalid interval "${text}"`);
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  }
  return total;
}

/** An `auto` interval as the data source resolved it. */
export interface ResolvedInterval {
  text: string;
  ms: number;
  /** True when the bucket budget raised it above the natural value. */
  raisedForBuckets: boolean;
}

function resolveInterval(spanMs: number, minMs: number): number {
  // Go divides nanoseconds as integers; at ms precision the truncation only matters below 1ms.
  const raw = Math.trunc((spanMs * 1e6) / DEFAULT_RESOLUTION) / 1e6;
  if (raw < minMs) return minMs;
  const rounded = roundIntervalMs(raw);
  return rounded >= minMs ? rounded : minMs;
}

/**
 * The date histogram interval `auto` becomes in the data source's backend
 * (tsdb.CalculateInterval, v2.34.x): span/1500 rounded to Grafana's brackets, never below
 * `minIntervalMs` (the request's interval), and raised so that `termsProduct` × time buckets
 * stays within 90% of `maxBuckets`.
 *
 * @throws BucketBudgetError when fewer than 20 time buckets would fit.
 */
export function calculateInterval(
  range: TimeRange,
  minIntervalMs: number,
  termsProduct = 1,
  maxBuckets = DEFAULT_MAX_BUCKETS,
): ResolvedInterval {
  const spanMs = range.toMs - range.fromMs;
  let floorMs = 0;
  if (termsProduct > 1) {
    const budget = Math.trunc((maxBuckets * BUCKET_HEADROOM_PERCENT) / 100);
    const timeTarget = Math.trunc(budget / termsProduct);
    if (timeTarget < MIN_TIME_BUCKETS) throw new BucketBudgetError(termsProduct, maxBuckets);
    // Integer ceiling division in nanoseconds, as the Go code does.
    const spanNs = spanMs * 1e6;
    const requiredNs = Math.floor((spanNs + timeTarget - 1) / timeTarget);
    floorMs = roundIntervalUpMs(requiredNs / 1e6);
  }
  const effectiveMin = Math.max(minIntervalMs, floorMs);
  const natural = resolveInterval(spanMs, minIntervalMs);
  const budgeted = resolveInterval(spanMs, effectiveMin);
  return { text: formatIntervalMs(budgeted), ms: budgeted, raisedForBuckets: budgeted > natural };
}

/** `$__interval` and `$__interval_ms` as a dashboard computes them for a panel. */
export interface PanelInterval {
  interval: string;
  intervalMs: number;
}

/**
 * The interval Grafana's frontend gives a panel query (rangeutil.calculateInterval): span divided
 * by `maxDataPoints`, rounded to the brackets, and never below the panel's "Min interval" (or,
 * without one, the data source's `timeInterval`).
 */
export function calculatePanelInterval(range: TimeRange, maxDataPoints: number, minInterval?: string): PanelInterval {
  const lowLimitMs = minInterval ? parseIntervalMs(minInterval) : 1;
  let intervalMs = roundIntervalMs((range.toMs - range.fromMs) / maxDataPoints);
  if (lowLimitMs > intervalMs) intervalMs = lowLimitMs;
  return { intervalMs, interval: secondsToHms(intervalMs / 1000) };
}
