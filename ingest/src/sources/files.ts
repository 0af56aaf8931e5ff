import { createReadStream } from 'node:fs';
import { recordsFromElement, recordsFromValue } from '../formats/detect';
import { JsonRecordSplitter, type SplitUnit } from '../formats/json-splitter';
import type { ParsedRecord, RecordOrigin } from '../records';
import { decodedChunks, isZlibError } from './decode';
import { ioError, listFiles } from './walk';

export { recordsFromValue } from '../formats/detect';

/** How {@link readRecords} reads its inputs. */
export interface ReadOptions {
  /** Follow symbolic links met while walking directories. @defaultValue false */
  followSymlinks?: boolean;
  /** Largest single JSON value (a line, or one element of a `Records` array) kept in memory. @defaultValue 64 MiB */
  maxLineBytes?: number;
}

// CloudTrail writes integrity digests beside the logs; they hold hashes, not events.
const DIGEST_PATH = /(^|[\\/])CloudTrail-Digest([\\/]|$)/;

/** The record a CloudTrail digest file stands for: counted as skipped, never read. */
export function digestRecord(file: string): ParsedRecord | undefined {
  return DIGEST_PATH.test(file) ? { kind: 'skipped', reason: 'CloudTrail digest file (integrity hashes, not events)', origin: { file, line: 1 } } : undefined;
}

/**
 * Streams every record of every input, in input order; `'-'` is stdin, a directory is walked
 * recursively in sorted order, gzip is detected from the content. Never throws on bad records:
 * they come out as `rejected`/`skipped` ParsedRecords. Throws IngestError only on I/O errors
 * (an unreadable path).
 */
export async function* readRecords(
  inputs: readonly string[],
  options: ReadOptions & { stdin?: NodeJS.ReadableStream } = {},
): AsyncGenerator<ParsedRecord> {
  for (const input of inputs) {
    if (input === '-') {
      const stdin = options.stdin ?? process.stdin;
      yield* readStream(stdin as AsyncIterable<Buffer | string>, '-', options);
      continue;
    }
    for await (const file of listFiles(input, options)) {
      const digest = digestRecord(file);
      if (digest) {
        yield digest;
        continue;
      }
      yield* readStream(createReadStream(file), file, options);
    }
  }
}

/**
 * Reads one stream (a file or stdin) as records. A truncated or corrupt gzip keeps the records
 * decoded before the damage and ends with one rejected record naming the file and line reached.
 */
export async function* readStream(source: AsyncIterable<Buffer | string>, file: string, options: ReadOptions = {}): AsyncGenerator<ParsedRecord> {
  const splitter = new JsonRecordSplitter({ maxValueBytes: options.maxLineBytes });
  let truncatedReason: string | undefined;
  try {
    for await (const chunk of decodedChunks(source)) {
      for (const unit of splitter.push(chunk)) yield* unitRecords(unit, file);
    }
  } catch (error) {
    if (!isZlibError(error)) throw ioError(file, error);
    const damage = error.code === 'Z_BUF_ERROR' ? 'truncated gzip' : 'corrupt gzip';
    truncatedReason = `${damage}: ${file} ends at line ${splitter.currentLine} (${error.message}); records before it were kept`;
  }
  for (const unit of splitter.end(truncatedReason)) yield* unitRecords(unit, file);
}

/** The records of one split unit; `lineBase` shifts its line when the bytes did not start the file. */
export function unitRecords(unit: SplitUnit, file: string, lineBase = 0): ParsedRecord[] {
  const line = unit.line + lineBase;
  const origin: RecordOrigin = unit.index === undefined ? { file, line } : { file, line, index: unit.index };
  if (unit.kind === 'invalid') return [{ kind: 'rejected', reason: unit.reason, raw: unit.raw, origin }];
  return unit.element ? recordsFromElement(unit.value, origin, unit.hint) : recordsFromValue(unit.value, origin);
}
