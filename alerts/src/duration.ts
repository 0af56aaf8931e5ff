import { RuleParameterError } from './errors';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a Grafana-style duration (`90s`, `5m`, `1h30m`, `7d`) into whole seconds. Grafana's
 * rule durations are Prometheus durations; milliseconds are not accepted because rule windows
 * and intervals are whole seconds in the provisioning API.
 */
export function parseDurationSec(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const pattern = /(\d+)([smhdw])/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    const amount = Number(match[1]);
    const unit = UNIT_SECONDS[match[2] ?? ''];
    if (unit === undefined) break;
    total += amount * unit;
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== trimmed.length) {
    throw new RuleParameterError(`'${text}' is not a duration such as 30s, 5m, 1h or 7d`);
  }
  return total;
}

/** Writes seconds in the largest unit that divides them (`600` → `10m`), the way Grafana shows them. */
export function formatDurationSec(seconds: number): string {
  if (seconds === 0) return '0s';
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit] ?? 1;
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
