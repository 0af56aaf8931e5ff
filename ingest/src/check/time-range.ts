import type { TimeRange } from '@gdlens/grafana-model';
import { UsageError } from '../errors';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time as Grafana's picker writes it: ISO 8601, epoch milliseconds, `now`, or `now-<n><unit>`
 * (units s m h d w). Rounding (`now/d`) is not supported.
 */
export function parseTime(text: string, nowMs: number): number {
  if (text === 'now') return nowMs;
  const relative = /^now-(\d+)([smhdw])$/.exec(text);
  if (relative) return nowMs - Number(relative[1]) * (UNIT_MS[relative[2] ?? 's'] ?? 0);
  if (/^\d+$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new UsageError(`not a time: '${text}' (use ISO 8601, epoch ms, now or now-7d)`);
  return parsed;
}

/** The range to check: the flags when given, else the dashboard's own default. */
export function resolveRange(flags: { from?: string; to?: string }, dashboardTime: { from?: unknown; to?: unknown } | undefined, nowMs: number): TimeRange {
  const from = flags.from ?? (typeof dashboardTime?.from === 'string' ? dashboardTime.from : 'now-24h');
  const to = flags.to ?? (typeof dashboardTime?.to === 'string' ? dashboardTime.to : 'now');
  const range = { fromMs: parseTime(from, nowMs), toMs: parseTime(to, nowMs) };
  if (range.fromMs >= range.toMs) throw new UsageError(`--from must be before --to (${from} .. ${to})`);
  return range;
}
