/**
 * Ordering of finding updates and the occurrence arithmetic, as pure functions.
 *
 * GuardDuty updates a finding in place (same id; `service.count`, `updatedAt` and details move).
 * Each distinct update gets a key: (updated_at, count, content hash) written as one fixed-width
 * string, so string order is update order and ties between different contents are broken the same
 * way by every worker. The latest-state document keeps the greatest key; the occurrence index keeps
 * one document per key.
 *
 * Occurrence deltas: sort a finding's keys; each occurrence's `count_delta` is its count minus
 * its predecessor's count (the first one: its count). The sum telescopes to the count of the greatest
 * key, which is the latest state's count, whatever the arrival order. Inserting a key in the middle
 * changes two deltas: its own and its successor's. The finding's update script records each key in
 * a ledger atomically and hands the ledger back; its counter (`seq`) only grows, so a delta computed
 * from a later ledger supersedes one computed from an earlier (see `OCCURRENCE_UPSERT_SCRIPT`). The
 * ledger keeps only the newest keys (bounded document size); see `deltaWrites` for a key older
 * than all of them.
 */
import { hash } from 'node:crypto';
import type { FindingDocument } from '../records';

const TIME_WIDTH = 15;
const COUNT_WIDTH = 12;

/**
 * Content hash of one update: the finding exactly as AWS sent it (`detail`), not the derived
 * fields, so a later gdlens whose mapping derives more fields still gives re-delivered updates
 * the same key (and the same tie-break).
 */
export function contentHash(document: FindingDocument, detailJson: string = JSON.stringify(document.detail)): string {
  // The one-shot form: half the cost of createHash().update().digest() on a 3 KB finding.
  return hash('sha256', detailJson, 'hex').slice(0, 20);
}

/** `service.count` as the ordering and the deltas use it: a whole number, 0 when absent. */
export function updateCount(document: FindingDocument): number {
  return typeof document.count === 'number' && Number.isFinite(document.count) && document.count > 0 ? Math.floor(document.count) : 0;
}

/** The sortable key of one update. */
export function versionKey(document: FindingDocument, hash: string = contentHash(document)): string {
  const parsed = document.updated_at === undefined ? NaN : Date.parse(document.updated_at);
  const ms = Number.isFinite(parsed) && parsed > 0 ? Math.floor(parsed) : 0;
  const count = updateCount(document);
  return `${String(ms).padStart(TIME_WIDTH, '0')}.${String(count).padStart(COUNT_WIDTH, '0')}.${hash}`;
}

/** The event time a key encodes, as ISO 8601 (for occurrence stubs written before their update). */
export function keyTime(key: string): string {
  return new Date(Number(key.slice(0, TIME_WIDTH))).toISOString();
}

/** The occurrence document id: unique per (finding, update), so re-delivery rewrites the same one. */
export function occurrenceId(findingId: string, key: string): string {
  return `${findingId}:${key}`;
}

export interface DeltaWrite {
  readonly key: string;
  readonly count: number;
  readonly prevCount: number;
  readonly countDelta: number;
  readonly seq: number;
}

/** What the finding's update script hands back besides the ledger (see `FINDING_UPSERT_SCRIPT`). */
export interface LedgerInfo {
  /** Keys ever placed; absent on documents written before the ledger was bounded (then: its size). */
  readonly seq?: number;
  /** Smallest key kept once older ones were dropped; a key at or below it was not placed. */
  readonly floor?: string;
  /** The count of `key` itself, for a key the ledger does not hold. */
  readonly keyCount?: number;
}

/** Most keys a finding's ledger keeps: far more than updates arrive out of order in practice. */
export const DEFAULT_LEDGER_MAX_KEYS = 64;

/**
 * Given the ledger right after `key` was recorded, the delta writes that key implies: its own,
 * and its successor's when one exists. A key that arrived below the ledger floor cannot be
 * placed: its own write carries delta 0 at seq 0, which only fills a delta nobody computed, so
 * the sum still telescopes over the placed keys to the latest count.
 */
export function deltaWrites(
  ledger: Readonly<Record<string, number>>,
  key: string,
  { seq: storedSeq, floor, keyCount = 0 }: LedgerInfo = {},
): { own: DeltaWrite; successor?: DeltaWrite } {
  const keys = Object.keys(ledger).sort();
  const seq = storedSeq ?? keys.length;
  const position = keys.indexOf(key);
  if (position < 0 || (floor !== undefined && key <= floor)) {
    return { own: { key, count: keyCount, prevCount: keyCount, countDelta: 0, seq: 0 } };
  }
  const count = ledger[key] ?? 0;
  const predecessor = position > 0 ? keys[position - 1] : undefined;
  const prevCount = predecessor === undefined ? 0 : (ledger[predecessor] ?? 0);
  const own: DeltaWrite = { key, count, prevCount, countDelta: count - prevCount, seq };
  const next = keys[position + 1];
  if (next === undefined) return { own };
  const nextCount = ledger[next] ?? 0;
  return { own, successor: { key: next, count: nextCount, prevCount: count, countDelta: nextCount - count, seq } };
}
