import type { S3Client } from '@aws-sdk/client-s3';
import { listObjectPages } from './list';
import { objectUri, skipReason, type S3Location } from './location';
import { CountingSink, isGone, isReadFailure, keepLease, messageOf, S3ReadError, writeObjectRecords, type RecordSink } from './read';
import { objectStateId, type Claim, type ObjectStateStore, type ObjectVersion } from './state';

export interface S3PollerOptions {
  readonly s3: S3Client;
  readonly location: S3Location;
  readonly state: ObjectStateStore;
  readonly sink: RecordSink;
  /** Keys per ListObjectsV2 page (S3 caps it at 1000). @defaultValue 1000 */
  readonly pageSizeKeys?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/** What one poll did, object by object. */
export interface PollSummary {
  /** Objects under the prefix. */
  listed: number;
  /** Objects read (or skipped by rule) and marked done by this worker in this poll. */
  processed: number;
  /** Records those objects gave. */
  records: number;
  /** Objects another worker holds a live claim on. */
  busy: number;
  /** Objects whose read failed; their claim was released, so the next poll tries again. */
  failed: number;
}

const MAX_PAGE_KEYS = 1000;

/**
 * One worker's view of a bucket and prefix: every poll lists all keys, asks the shared state
 * index which are done (one `_mget` per page), claims the others one at a time, reads each
 * through the same reader as files (`origin.file` = `s3://bucket/key`), flushes its records and
 * only then marks it done. Listing order is key order, which for both AWS layouts is date order.
 */
export class S3Poller {
  private readonly pageSizeKeys: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: S3PollerOptions) {
    this.pageSizeKeys = options.pageSizeKeys ?? MAX_PAGE_KEYS;
    if (!Number.isInteger(this.pageSizeKeys) || this.pageSizeKeys < 1 || this.pageSizeKeys > MAX_PAGE_KEYS) {
      throw new RangeError(`s3 poller: pageSizeKeys must be a whole number from 1 to ${MAX_PAGE_KEYS}`);
    }
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Reads every object not done yet. Throws `S3ReadError` when the listing fails, and the sink's
   * error when records cannot be stored; a single object's read failure is logged and retried by
   * the next poll, a corrupt object ends as a dead letter.
   */
  async pollOnce(): Promise<PollSummary> {
    const { s3, location, state, signal } = this.options;
    const summary: PollSummary = { listed: 0, processed: 0, records: 0, busy: 0, failed: 0 };
    const pages = listObjectPages(s3, location, this.pageSizeKeys, signal);
    for (;;) {
      let next: IteratorResult<readonly ObjectVersion[]>;
      try {
        next = await pages.next();
      } catch (error) {
        if (signal?.aborted) return summary;
        throw new S3ReadError(`cannot list ${objectUri(location.bucket, location.prefix)}: ${messageOf(error)}`, { bucket: location.bucket, prefix: location.prefix }, { cause: error });
      }
      if (next.done === true) return summary;
      const page = next.value;
      summary.listed += page.length;
      const done = await state.doneAmong(page.map(objectStateId));
      for (const object of page) {
        if (signal?.aborted) return summary;
        if (done.has(objectStateId(object))) continue;
        const claimed = await state.claim(object);
        if (claimed.kind === 'done') continue;
        if (claimed.kind === 'busy') {
          summary.busy += 1;
          continue;
        }
        const records = await this.processClaimed(claimed.claim);
        if (records === undefined) summary.failed += 1;
        else {
          summary.processed += 1;
          summary.records += records;
        }
      }
    }
  }

  /** Reads one claimed object into the sink; resolves to its record count, or undefined when the read failed and the claim was released. */
  private async processClaimed(claim: Claim): Promise<number | undefined> {
    const { state, sink } = this.options;
    const { object } = claim;
    const uri = objectUri(object.bucket, object.key);
    const reason = skipReason(object.key, object.sizeBytes);
    if (reason !== undefined) {
      await sink.write({ kind: 'skipped', reason, origin: { file: uri, line: 1 } });
      await sink.flush();
      await state.complete(claim, { records: 1, outcome: 'skipped', reason });
      return 1;
    }
    const lease = keepLease(state, claim, this.log);
    const counting = new CountingSink(sink);
    try {
      await writeObjectRecords(this.options.s3, object, counting, this.options.signal);
      await sink.flush();
    } catch (error) {
      const held = await lease.stop();
      if (isGone(error)) {
        // Deleted or rewritten since the listing: the new version (new ETag) is listed next poll.
        await sink.flush();
        await state.complete(held, { records: counting.records, outcome: 'gone', reason: messageOf(error) });
        this.log(`${uri}: gone since it was listed (${messageOf(error)})`);
        return counting.records;
      }
      await state.release(held).catch(() => undefined);
      if (!isReadFailure(error)) throw error;
      this.log(`${uri}: not read (${messageOf(error)}); the next poll tries again`);
      return undefined;
    }
    const held = await lease.stop();
    if (this.options.signal?.aborted) {
      // Stopped part way: the records read are stored, the rest are read again by whoever claims it next.
      await state.release(held);
      return counting.records;
    }
    await state.complete(held, { records: counting.records, outcome: 'read' });
    this.log(`${uri}: ${counting.records} records${claim.tookOver ? ' (claim taken over from a worker whose lease ran out)' : ''}`);
    return counting.records;
  }
}
