import { createGunzip } from 'node:zlib';
import { Readable, pipeline } from 'node:stream';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The bytes of a stream, gunzipped when they start with the gzip magic number: CloudTrail and
 * GuardDuty name their files `.gz`, Firehose and stdin pipes do not, so the content decides.
 * Concatenated gzip members (Firehose appends one per batch) are all decoded.
 */
export async function* decodedChunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  let first = await iterator.next();
  let head = first.done === true ? Buffer.alloc(0) : toBuffer(first.value);
  // The magic number is two bytes; a one-byte first chunk (a slow pipe) must not hide it.
  while (head.length < 2 && first.done !== true) {
    first = await iterator.next();
    if (first.done !== true) head = Buffer.concat([head, toBuffer(first.value)]);
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (first.done === true) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield toBuffer(next.value);
  };
  if (head[0] !== GZIP_MAGIC_0 || head[1] !== GZIP_MAGIC_1) {
    yield* rest();
    return;
  }
  // pipeline, not pipe: a read error of the source must reach the consumer, not crash the process.
  const gunzip = pipeline(Readable.from(rest(), { objectMode: false }), createGunzip(), () => undefined);
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/** True for zlib's own errors (a truncated or corrupt gzip), as opposed to the source's I/O errors. */
export function isZlibError(error: unknown): error is Error & { code: string } {
  // Not `instanceof Error`: zlib's errors may come from another realm (a test sandbox, a worker).
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
