import { GetObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { IngestError } from '../../errors';
import type { ParsedRecord } from '../../records';
import { readStream } from '../files';
import { listObjectPages } from './list';
import { objectUri, skipReason, type S3Location } from './location';
import { objectStateId, type Claim, type ObjectStateStore, type ObjectVersion } from './state';

/** An object could not be listed or read from S3 (as opposed to a failure to write its records). */
export class S3ReadError extends IngestError {
  override readonly name = 'S3ReadError';
}

/** Where the poller hands records, and how it waits for them to be stored: a `BulkWriter` in the CLI. */
export interface RecordSink {
  write(record: ParsedRecord): Promise<void>;
  /** Resolves once every record written so far is stored (or dead-lettered). */
  flush(): Promise<void>;
}

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
    let records = 0;
    const lease = this.keepLease(claim, uri);
    try {
      for await (const record of readStream(await this.openObject(object, uri), uri)) {
        await sink.write(record);
        records += 1;
      }
      await sink.flush();
    } catch (error) {
      const held = await lease.stop();
      if (isGone(error)) {
        // Deleted or rewritten since the listing: the new version (new ETag) is listed next poll.
        await sink.flush();
        await state.complete(held, { records, outcome: 'gone', reason: messageOf(error) });
        this.log(`${uri}: gone since it was listed (${messageOf(error)})`);
        return records;
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
      return records;
    }
    await state.complete(held, { records, outcome: 'read' });
    this.log(`${uri}: ${records} records${claim.tookOver ? ' (claim taken over from a worker whose lease ran out)' : ''}`);
    return records;
  }

  /**
   * Renews the claim every third of the lease while the object is read, so a slow read (a large
   * object, a backlogged cluster) is not taken over by another worker; `stop` resolves to the claim
   * as last renewed.
   */
  private keepLease(claim: Claim, uri: string): { stop(): Promise<Claim> } {
    const { state } = this.options;
    let held = claim;
    let lost = false;
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing.then(async () => {
          if (lost) return;
          // A failed renewal request keeps the old claim: the next tick tries again.
          const renewed = await state.renew(held).catch(() => held);
          if (renewed !== undefined) held = renewed;
          else {
            lost = true;
            this.log(`${uri}: lease lost to another worker while reading; both reads store the same records`);
          }
        });
      },
      Math.max(1, Math.floor(state.leaseMs / 3)),
    );
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await renewing;
        return held;
      },
    };
  }

  private async openObject(object: ObjectVersion, uri: string): Promise<AsyncIterable<Buffer>> {
    const { s3, signal } = this.options;
    let body: unknown;
    try {
      // IfMatch: read exactly the version that was claimed, never a rewrite under the same key.
      const reply = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key, IfMatch: `"${object.etag}"` }), signal ? { abortSignal: signal } : {});
      body = reply.Body;
    } catch (error) {
      throw new S3ReadError(`cannot get ${uri}: ${messageOf(error)}`, { file: uri }, { cause: error });
    }
    if (!isAsyncIterable(body)) throw new S3ReadError(`cannot get ${uri}: the reply has no body stream`, { file: uri });
    return readErrorsTyped(body, uri);
  }
}

/** Re-throws a body stream's failures as `S3ReadError`, so they are told apart from the sink's. */
async function* readErrorsTyped(body: AsyncIterable<unknown>, uri: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
  } catch (error) {
    throw new S3ReadError(`reading ${uri} failed: ${messageOf(error)}`, { file: uri }, { cause: error });
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** The reader wraps a source's failure in its own I/O error; look one level down. */
function isReadFailure(error: unknown): boolean {
  return error instanceof S3ReadError || (error instanceof IngestError && error.cause instanceof S3ReadError);
}

function isGone(error: unknown): boolean {
  const cause = error instanceof S3ReadError ? error.cause : undefined;
  if (!(cause instanceof S3ServiceException)) return false;
  return cause.name === 'NoSuchKey' || cause.name === 'PreconditionFailed' || cause.$metadata.httpStatusCode === 412 || cause.$metadata.httpStatusCode === 404;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
