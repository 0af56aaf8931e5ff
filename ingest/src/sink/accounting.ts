/**
 * Where every record read ends up. One identity everywhere (code, summary line, logs, docs):
 *
 *   read = indexed + updated + unchanged + stale + skipped + rejected
 *
 * - indexed: a new document (a finding id or CloudTrail event not stored before);
 * - updated: the record replaced the latest state of its finding;
 * - unchanged: the exact record was already stored (re-delivery, rerun after a crash);
 * - stale: an older update of a finding whose newer state is stored (kept as an occurrence);
 * - skipped: not a finding nor a CloudTrail record (counted, never stored);
 * - rejected: could not be stored; it is in the dead-letter index (and file) with its reason.
 */
export type Outcome = 'indexed' | 'updated' | 'unchanged' | 'stale' | 'skipped' | 'rejected';

/** The `source` field of stored documents. */
export type WrittenSource = 'aws.guardduty' | 'aws.cloudtrail';

export const WRITTEN_SOURCES: readonly WrittenSource[] = ['aws.guardduty', 'aws.cloudtrail'];

export const OUTCOMES: readonly Outcome[] = ['indexed', 'updated', 'unchanged', 'stale', 'skipped', 'rejected'];

export interface Counts {
  read: number;
  indexed: number;
  updated: number;
  unchanged: number;
  stale: number;
  skipped: number;
  rejected: number;
}

export class Accounting {
  readonly counts: Counts = { read: 0, indexed: 0, updated: 0, unchanged: 0, stale: 0, skipped: 0, rejected: 0 };
  /** Bytes sent in bulk bodies, retried requests included. */
  bytesSent = 0;
  /** Bulk requests or items sent again after a retryable failure. */
  retries = 0;
  /** Batches handed to OpenSearch and settled (each is one or more bulk requests). */
  batches = 0;
  /**
   * Per document source (`aws.guardduty`, `aws.cloudtrail`), the newest `ingested_at` (epoch ms)
   * of a record this worker stored: "now minus this" is how long nothing new arrived.
   */
  readonly newestWrittenMs: Partial<Record<WrittenSource, number>> = {};

  recordRead(): void {
    this.counts.read += 1;
  }

  settle(outcome: Outcome): void {
    this.counts[outcome] += 1;
  }

  /** Notes a stored document's `ingested_at`, so lag can be reported per source. */
  noteWritten(source: WrittenSource, ingestedAtMs: number): void {
    const newest = this.newestWrittenMs[source];
    if (newest === undefined || ingestedAtMs > newest) this.newestWrittenMs[source] = ingestedAtMs;
  }

  /** Records read whose outcome is not known yet (in a batch, or unwritten when a run stops). */
  get pending(): number {
    return this.counts.read - OUTCOMES.reduce((sum, outcome) => sum + this.counts[outcome], 0);
  }

  /** The summary line, the same words as the identity. */
  summary(): string {
    const c = this.counts;
    const parts = [`read=${c.read}`, ...OUTCOMES.map((o) => `${o}=${c[o]}`)];
    const pending = this.pending;
    const identity = `read = indexed + updated + unchanged + stale + skipped + rejected${pending === 0 ? '' : ` + ${pending} not written`}`;
    return `${parts.join(' ')} (${identity})`;
  }
}
