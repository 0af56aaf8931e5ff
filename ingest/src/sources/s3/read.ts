import { GetObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { IngestError } from '../../errors';
import type { ParsedRecord } from '../../records';
import { readStream } from '../files';
import { objectUri } from './location';
import type { Claim, ObjectStateStore, ObjectVersion } from './state';

/** An object could not be listed or read from S3 (as opposed to a failure to write its records). */
export class S3ReadError extends IngestError {
  override readonly name = 'S3ReadError';
}

/** Where a source hands records, and how it waits for them to be stored: a `BulkWriter` in the CLI. */
export interface RecordSink {
  write(record: ParsedRecord): Promise<void>;
  /** Resolves once every record written so far is stored (or dead-lettered). */
  flush(): Promise<void>;
}

/** Passes records on and counts them, so a reader that fails part way still knows how many it stored. */
export class CountingSink implements RecordSink {
  private written = 0;

  constructor(private readonly sink: RecordSink) {}

  get records(): number {
    return this.written;
  }

  async write(record: ParsedRecord): Promise<void> {
    this.written += 1;
    await this.sink.write(record);
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }
}

/**
 * Writes one object version's records to the sink, through the same reader as files
 * (`origin.file` = `s3://bucket/key`); resolves to the record count. Does not flush. A read
 * failure throws `S3ReadError` (or the reader's error wrapping one: see {@link isReadFailure}).
 */
export async function writeObjectRecords(s3: S3Client, object: ObjectVersion, sink: RecordSink, signal?: AbortSignal): Promise<number> {
  const uri = objectUri(object.bucket, object.key);
  let records = 0;
  for await (const record of readStream(await openObject(s3, object, uri, signal), uri)) {
    await sink.write(record);
    records += 1;
  }
  return records;
}

async function openObject(s3: S3Client, object: ObjectVersion, uri: string, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
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

/**
 * Renews a claim every third of the lease while its object is read, so a slow read (a large
 * object, a backlogged cluster) is not taken over by another worker; `stop` resolves to the claim
 * as last renewed.
 */
export function keepLease(state: ObjectStateStore, claim: Claim, log: (line: string) => void): { stop(): Promise<Claim> } {
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
          log(`${objectUri(claim.object.bucket, claim.object.key)}: lease lost to another worker while reading; both reads store the same records`);
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

/** True for a failure to read from S3; the reader wraps a source's failure in its own I/O error, so look one level down. */
export function isReadFailure(error: unknown): boolean {
  return error instanceof S3ReadError || (error instanceof IngestError && error.cause instanceof S3ReadError);
}

/** True when the object version is no longer there: deleted, or rewritten (the `IfMatch` ETag fails). */
export function isGone(error: unknown): boolean {
  const cause = error instanceof S3ReadError ? error.cause : undefined;
  if (!(cause instanceof S3ServiceException)) return false;
  return cause.name === 'NoSuchKey' || cause.name === 'PreconditionFailed' || cause.$metadata.httpStatusCode === 412 || cause.$metadata.httpStatusCode === 404;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
