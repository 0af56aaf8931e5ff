/**
 * Moves real records to "now" for the demo, keeping each record's own timeline intact.
 *
 * The real fixtures come from 2019–2025; a dashboard opened today shows the last days. Each file's
 * records keep their original order (and records that shared a time still share one), spread
 * evenly over a recent window; every date inside a record moves by that record's offset, so
 * `createdAt ≤ eventFirstSeen ≤ updatedAt` still holds.
 */
import { normalizeTimestamp } from '../time/normalize';

/** Date fields inside a finding (camelCase, as exported) and the EventBridge envelope. */
const FINDING_DATE_PATHS: readonly (readonly string[])[] = [
  ['updatedAt'],
  ['createdAt'],
  ['service', 'eventFirstSeen'],
  ['service', 'eventLastSeen'],
];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The finding inside an EventBridge envelope, or the value itself when it is a bare finding. */
function findingOf(value: Json): Json | undefined {
  if (isObject(value['detail']) && value['detail-type'] === 'GuardDuty Finding') return value['detail'];
  if (typeof value['type'] === 'string' && typeof value['id'] === 'string') return value;
  return undefined;
}

/** The CloudTrail record itself, or the one inside an EventBridge "AWS API Call via CloudTrail" event. */
function trailRecordOf(value: Json): Json | undefined {
  if (isObject(value['detail']) && typeof value['detail']['eventTime'] === 'string') return value['detail'];
  if (typeof value['eventTime'] === 'string' && typeof value['eventName'] === 'string') return value;
  return undefined;
}

/** The instant that orders a record: a finding's `updatedAt`, a CloudTrail record's `eventTime`. */
export function primaryTimeMs(value: unknown): number | undefined {
  if (!isObject(value)) return undefined;
  const finding = findingOf(value);
  const raw = finding !== undefined ? finding['updatedAt'] : trailRecordOf(value)?.['eventTime'];
  const iso = normalizeTimestamp(raw);
  return iso === undefined ? undefined : Date.parse(iso);
}

function shiftAt(target: Json, path: readonly string[], offsetMs: number): void {
  let node: Json = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isObject(next)) return;
    node = next;
  }
  const last = path[path.length - 1] as string;
  const iso = normalizeTimestamp(node[last]);
  if (iso !== undefined) node[last] = new Date(Date.parse(iso) + offsetMs).toISOString();
}

/** A deep copy of `value` with every known date field moved by `offsetMs` (written as ISO 8601 UTC). */
export function shiftRecord(value: unknown, offsetMs: number): unknown {
  if (!isObject(value)) return value;
  const copy = structuredClone(value);
  if (typeof copy['time'] === 'string') shiftAt(copy, ['time'], offsetMs);
  const finding = findingOf(copy);
  if (finding !== undefined) {
    for (const path of FINDING_DATE_PATHS) shiftAt(finding, path, offsetMs);
    return copy;
  }
  const trail = trailRecordOf(copy);
  if (trail !== undefined) shiftAt(trail, ['eventTime'], offsetMs);
  return copy;
}

/**
 * Offsets that place `times` (one per record, in file order) evenly inside
 * `[windowEndMs - windowMs, windowEndMs]`, by rank of their original instant. Records without a
 * time get offset 0 (they are passed through unchanged and the parser decides about them).
 */
export function rankOffsets(times: readonly (number | undefined)[], windowEndMs: number, windowMs: number): number[] {
  const distinct = [...new Set(times.filter((t): t is number => t !== undefined))].sort((a, b) => a - b);
  const slotMs = distinct.length > 1 ? windowMs / (distinct.length - 1) : 0;
  const target = new Map(distinct.map((t, rank) => [t, windowEndMs - windowMs + rank * slotMs] as const));
  return times.map((t) => (t === undefined ? 0 : Math.round((target.get(t) as number) - t)));
}
