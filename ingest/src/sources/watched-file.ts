/**
 * What `gdlens ingest --watch` reads of a file it has seen before: only the part appended since,
 * when the file is line-oriented (JSON Lines, Firehose-style concatenated values); the whole file
 * again when it was replaced (another inode), truncated, or is not line-oriented (gzip, one
 * `Records`/`Findings` document or a top-level array, whose appended bytes are no records alone).
 * Re-reading is idempotent (same ids, same keys); reading only the appended part keeps a growing
 * file's cost proportional to what was added.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { JsonRecordSplitter, type SplitUnit } from '../formats/json-splitter';
import type { OpenSearchClient } from '../opensearch/client';
import type { ParsedRecord } from '../records';
import type { StoreNames } from '../store/names';
import { decodedChunks, isZlibError } from './decode';
import { digestRecord, unitRecords } from './files';
import { ioError } from './walk';

/** What the watch remembers of one file (kept in the state index, keyed by path). */
export interface WatchedFileState {
  /** The inode read: another one at the same path is another file. */
  readonly ino: number;
  /** Size and modification time at the last poll that looked at the file. */
  readonly size: number;
  readonly mtimeMs: number;
  /** Bytes consumed: records up to here are stored. */
  readonly offset: number;
  /** Line number of the byte at `offset` (1-based), so records read later name their real line. */
  readonly line: number;
  /** False for gzip and for one document holding an array: only a whole re-read is valid. */
  readonly appendable: boolean;
}

export interface FileStat {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export type ReadPlan =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'whole' }
  /** Read from `fromByte`; up to the last newline, or to the end when `settled` (nothing changed for a whole poll). */
  | { readonly kind: 'appended'; readonly fromByte: number; readonly fromLine: number; readonly settled: boolean };

/** Decides what to read of a file, given what the last poll left (pure). */
export function planRead(previous: WatchedFileState | undefined, current: FileStat): ReadPlan {
  if (previous === undefined || current.ino !== previous.ino || current.size < previous.offset) return { kind: 'whole' };
  const untouched = current.size === previous.size && current.mtimeMs === previous.mtimeMs;
  if (!previous.appendable) return untouched ? { kind: 'unchanged' } : { kind: 'whole' };
  if (untouched) {
    // A last line without its newline that stayed so for a whole poll is complete: read it now.
    return previous.offset < current.size ? { kind: 'appended', fromByte: previous.offset, fromLine: previous.line, settled: true } : { kind: 'unchanged' };
  }
  // Same size, new time: rewritten in place, not appended to.
  if (current.size === previous.size) return { kind: 'whole' };
  return { kind: 'appended', fromByte: previous.offset, fromLine: previous.line, settled: false };
}

const NEWLINE = 0x0a;
const BACKWARD_BLOCK_BYTES = 64 * 1024;

/** Offset just past the last newline in [fromByte, size), or `fromByte` when there is none. */
export async function endOfLastLine(file: string, fromByte: number, size: number): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const block = Buffer.allocUnsafe(BACKWARD_BLOCK_BYTES);
    let end = size;
    while (end > fromByte) {
      const start = Math.max(fromByte, end - BACKWARD_BLOCK_BYTES);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const at = block.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (at >= 0) return start + at + 1;
      end = start;
    }
    return fromByte;
  } finally {
    await handle.close();
  }
}

/** What a read found out about the bytes it read, complete once its records have all been taken. */
export interface RegionSummary {
  /** Newlines in the bytes read: the next region starts this many lines further. */
  lines: number;
  gzip: boolean;
  /** An element was streamed out of a container spanning lines (a large `Records` document). */
  streamedElements: boolean;
  /** The bytes held exactly one value, and it holds a record array (`Records`, `Findings`, a top-level array). */
  singleArrayDocument: boolean;
}

function holdsRecordArray(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const object = value as Record<string, unknown>;
  return Array.isArray(object['Records']) || Array.isArray(object['Findings']);
}

function emptySummary(): RegionSummary {
  return { lines: 0, gzip: false, streamedElements: false, singleArrayDocument: false };
}

/**
 * Streams the records of bytes [fromByte, toByte) of `file`, with origins numbered from
 * `fromLine`. `summary` is filled in as the bytes pass and complete when the generator ends.
 */
export async function* readRegion(
  file: string,
  region: { readonly fromByte: number; readonly toByte: number; readonly fromLine: number },
  summary: RegionSummary,
): AsyncGenerator<ParsedRecord> {
  if (region.toByte <= region.fromByte) return;
  const lineBase = region.fromLine - 1;
  let units = 0;
  let firstHoldsArray = false;
  let first = true;
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(file, { start: region.fromByte, end: region.toByte - 1 })) {
      const bytes = chunk as Buffer;
      if (first) summary.gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
      first = false;
      for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) summary.lines += 1;
      yield bytes;
    }
  };
  const splitter = new JsonRecordSplitter();
  const take = (unit: SplitUnit): ParsedRecord[] => {
    units += 1;
    if (unit.kind === 'value' && unit.element) summary.streamedElements = true;
    if (units === 1) firstHoldsArray = unit.kind === 'value' && !unit.element && holdsRecordArray(unit.value);
    return unitRecords(unit, file, lineBase);
  };
  let truncatedReason: string | undefined;
  try {
    for await (const chunk of decodedChunks(counted())) {
      for (const unit of splitter.push(chunk)) yield* take(unit);
    }
  } catch (error) {
    if (!isZlibError(error)) throw ioError(file, error);
    truncatedReason = `${error.code === 'Z_BUF_ERROR' ? 'truncated gzip' : 'corrupt gzip'}: ${file} ends at line ${splitter.currentLine + lineBase} (${error.message}); records before it were kept`;
  }
  for (const unit of splitter.end(truncatedReason)) yield* take(unit);
  summary.singleArrayDocument = units === 1 && firstHoldsArray;
}

/** One poll's work on one file: the records to store, then the state to remember once they are stored. */
export interface FileRead {
  readonly plan: ReadPlan;
  readonly records: AsyncGenerator<ParsedRecord>;
  /** Call after `records` is exhausted (and stored): what the next poll starts from. */
  nextState(): WatchedFileState;
}

/** Plans and opens the read of `file` for this poll, given what the last poll left. */
export async function readChanged(file: string, previous: WatchedFileState | undefined): Promise<FileRead> {
  const stat = await fs.stat(file);
  const current: FileStat = { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
  const plan = planRead(previous, current);
  const summary = emptySummary();
  if (plan.kind === 'unchanged' && previous !== undefined) {
    return { plan, records: none(), nextState: () => ({ ...previous, ...current }) };
  }
  if (plan.kind === 'appended' && previous !== undefined) {
    const toByte = plan.settled ? current.size : await endOfLastLine(file, plan.fromByte, current.size);
    return {
      plan,
      records: readRegion(file, { fromByte: plan.fromByte, toByte, fromLine: plan.fromLine }, summary),
      nextState: () => ({ ...current, offset: toByte, line: plan.fromLine + summary.lines, appendable: !summary.gzip && !summary.streamedElements }),
    };
  }
  const digest = digestRecord(file);
  return {
    plan: { kind: 'whole' },
    records: digest ? one(digest) : readRegion(file, { fromByte: 0, toByte: current.size, fromLine: 1 }, summary),
    nextState: () => ({
      ...current,
      offset: current.size,
      line: 1 + summary.lines,
      appendable: digest === undefined && !summary.gzip && !summary.streamedElements && !summary.singleArrayDocument,
    }),
  };
}

async function* none(): AsyncGenerator<ParsedRecord> {
  // Nothing changed since the last poll.
}

async function* one(record: ParsedRecord): AsyncGenerator<ParsedRecord> {
  yield record;
}

/**
 * The watch's memory of each file, one document per path in the state index, so a restarted
 * worker goes on where it stopped instead of re-reading every file.
 */
export class WatchedFileStore {
  private readonly alias: string;

  constructor(
    private readonly client: OpenSearchClient,
    names: StoreNames,
    private readonly now: () => number,
  ) {
    this.alias = names.alias('state');
  }

  static documentId(file: string): string {
    return createHash('sha256').update(`watched-file\n${file}`).digest('hex').slice(0, 32);
  }

  /** The state of `file`, or `undefined` when never read (or remembered in an older form: then it is read whole once). */
  async load(file: string): Promise<WatchedFileState | undefined> {
    const found = await this.client.request<{ _source?: { value?: Partial<WatchedFileState> } }>('GET', `/${this.alias}/_doc/${WatchedFileStore.documentId(file)}`, { accept: [404] });
    const value = found.status === 200 ? found.body._source?.value : undefined;
    if (value === undefined) return undefined;
    const { ino, size, mtimeMs, offset, line, appendable } = value;
    if (typeof ino !== 'number' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof offset !== 'number' || typeof line !== 'number' || typeof appendable !== 'boolean') {
      return undefined;
    }
    return { ino, size, mtimeMs, offset, line, appendable };
  }

  async save(file: string, state: WatchedFileState): Promise<void> {
    await this.client.request('PUT', `/${this.alias}/_doc/${WatchedFileStore.documentId(file)}`, {
      body: { '@timestamp': new Date(this.now()).toISOString(), key: file, kind: 'watched-file', value: state },
    });
  }
}
