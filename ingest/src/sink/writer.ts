import { createHash } from 'node:crypto';
import { IngestError } from '../errors';
import { NdjsonChunks, OpenSearchHttpError, type OpenSearchClient } from '../opensearch/client';
import type { CloudTrailDocument, FindingDocument, ParsedRecord, RecordOrigin } from '../records';
import type { StoreNames } from '../store/names';
import { Accounting, type Outcome } from './accounting';
import { Batcher, DEFAULT_BATCH_LIMITS, type BatchLimits } from './batcher';
import { appendDeadLetters, deadLetterId, makeDeadLetter, type DeadLetter } from './dead-letter';
import { contentHash, DEFAULT_LEDGER_MAX_KEYS, deltaWrites, keyTime, occurrenceId, updateCount, versionKey, type DeltaWrite } from './order';
import { UNMAPPED_FIELD } from '../store/mappings';
import { CLOUDTRAIL_RULES, FINDING_RULES, FLAT_LEAF_MAX_BYTES, fitDocument } from './prepare';
import { backoffDelayMs, classifyError, classifyStatus, DEFAULT_BACKOFF, realSleep, type BackoffOptions, type Sleep } from './retry';

export interface WriterOptions {
  readonly client: OpenSearchClient;
  readonly names: StoreNames;
  /** Clock for `ingested_at` and dead letters. */
  readonly now: () => number;
  readonly limits?: BatchLimits;
  /** Bulk requests in flight at once. @defaultValue 2 */
  readonly concurrency?: number;
  /** A partly filled batch goes out after this long, so a trickle (stdin, --watch) is not held back. @defaultValue 1000 */
  readonly flushIntervalMs?: number;
  readonly backoff?: BackoffOptions;
  readonly sleep?: Sleep;
  /** Aborting stops retrying; records not yet written stay `pending` in the accounting. */
  readonly signal?: AbortSignal;
  /** Also append dead letters to this NDJSON file. */
  readonly deadLetterFile?: string;
  /** Most update keys a finding's ledger keeps (see `FINDING_UPSERT_SCRIPT`). @defaultValue 64 */
  readonly ledgerMaxKeys?: number;
  readonly log?: (line: string) => void;
  /** A pure step applied to every record before it is batched (the accounts file's names). */
  readonly enrich?: (record: ParsedRecord) => ParsedRecord;
}

/** How much of a record refused as too large (413) its dead letter keeps. */
export const TOO_LARGE_RAW_KEPT_CHARS = 16_384;

/** The writer was stopped (signal) while records were still unwritten. */
export class WriterStoppedError extends IngestError {
  override readonly name = 'WriterStoppedError';
}

interface BulkOp {
  /**
   * The two NDJSON lines (action and source), newline-terminated, as bytes: converted once when
   * the record is batched (spread over reading), so sending a bulk only concatenates.
   */
  readonly lines: Buffer;
  /** A 409 on this op means "already there" (create) rather than contention to retry (update). */
  readonly conflictMeansExists: boolean;
}

/**
 * What a batched finding keeps besides its bytes: the few fields its occurrence, its dead letter
 * and the accounting read. The parsed finding and its typed fields are garbage as soon as they
 * are serialised, instead of living (and being copied by the collector) as long as the batch.
 */
interface FindingRef {
  readonly finding_id: string;
  readonly source: FindingDocument['source'];
  readonly '@timestamp': string;
  readonly updated_at: string | undefined;
  readonly ingested_at: string;
}

interface FindingItem {
  readonly kind: 'finding';
  readonly origin: RecordOrigin;
  readonly document: FindingRef;
  readonly key: string;
  readonly count: number;
  readonly op: BulkOp;
  /** Where in `op.lines` the stored document is (a dead letter's raw record). */
  readonly documentBytes: ByteRange;
  /** Where in `op.lines` the typed fields other than `@timestamp` and `count` are, without braces (shared by the occurrence). */
  readonly coreBytes: ByteRange;
}

interface ByteRange {
  readonly start: number;
  readonly end: number;
}

interface CloudTrailItem {
  readonly kind: 'cloudtrail';
  readonly origin: RecordOrigin;
  readonly document: CloudTrailDocument;
  readonly op: BulkOp;
}

interface RejectedItem {
  readonly kind: 'rejected';
  readonly letter: DeadLetter;
}

type Item = FindingItem | CloudTrailItem | RejectedItem;

interface BulkItemReply {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string };
  get?: { _source?: { version_key?: string; ledger?: Record<string, number>; ledger_seq?: number; ledger_floor?: string } };
}

interface BulkReply {
  errors?: boolean;
  items?: Array<Record<string, BulkItemReply>>;
}

/** `"name":value` for a JSON member, or nothing when the value is absent (as JSON.stringify drops it). */
function member(name: string, value: unknown): string[] {
  return value === undefined ? [] : [`${JSON.stringify(name)}:${JSON.stringify(value)}`];
}


/**
 * UTF-8 bytes of `pieces` joined, written straight into one buffer (no joined string, no second
 * copy), and the byte offset where each piece ends.
 */
function utf8Pieces(pieces: readonly string[]): { bytes: Buffer; offsets: number[] } {
  const offsets: number[] = [];
  let total = 0;
  for (const piece of pieces) {
    total += Buffer.byteLength(piece);
    offsets.push(total);
  }
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  pieces.forEach((piece, index) => {
    bytes.write(piece, at);
    at = offsets[index] ?? at;
  });
  return { bytes, offsets };
}

/**
 * Writes parsed records to OpenSearch with update-aware semantics and full accounting.
 *
 * Per batch, in order: (1) one bulk with a scripted upsert per finding (latest state, ordered by
 * version key) and a `create` per CloudTrail event (id = eventID, so re-delivery is a no-op);
 * (2) one bulk of occurrence writes computed from the ledgers the upserts returned; (3) dead
 * letters. Each bulk retries 429/5xx/connection failures (whole request or per item) with capped
 * exponential backoff and jitter for as long as it takes, so an OpenSearch outage delays the run
 * but loses and duplicates nothing. Batches go out one at a time from `write`, at most
 * `concurrency` in flight.
 */
export class BulkWriter {
  readonly accounting = new Accounting();
  private readonly batcher: Batcher<Item>;
  private readonly inFlight = new Set<Promise<void>>();
  private handOff: Promise<void> = Promise.resolve();
  private fatal: unknown;
  private timer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly sleep: Sleep;
  private readonly backoff: BackoffOptions;
  private readonly log: (line: string) => void;
  private readonly flushIntervalMs: number;
  private readonly ledgerMaxKeys: number;

  constructor(private readonly options: WriterOptions) {
    this.batcher = new Batcher(options.limits ?? DEFAULT_BATCH_LIMITS, { rampUp: true });
    this.concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError('bulk writer: concurrency must be a positive integer');
    this.ledgerMaxKeys = options.ledgerMaxKeys ?? DEFAULT_LEDGER_MAX_KEYS;
    if (!Number.isInteger(this.ledgerMaxKeys) || this.ledgerMaxKeys < 2) throw new RangeError('bulk writer: ledgerMaxKeys must be an integer of at least 2');
    this.sleep = options.sleep ?? realSleep;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.log ?? (() => undefined);
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
  }

  /** Accepts one record; resolves once it is batched (and, when a batch filled, handed to a bulk slot). */
  async write(read: ParsedRecord): Promise<void> {
    this.throwIfFailed();
    this.accounting.recordRead();
    const record = this.options.enrich === undefined ? read : this.options.enrich(read);
    if (record.kind === 'skipped') {
      this.accounting.settle('skipped');
      return;
    }
    const item = this.toItem(record);
    const bytes = item.kind === 'rejected' ? item.letter.raw.length : item.op.lines.length;
    const ready = this.batcher.add(item, bytes);
    if (ready) {
      this.clearTimer();
      await this.dispatch(ready);
    } else if (this.timer === undefined && this.flushIntervalMs > 0) {
      this.armTimer();
    }
  }

  /**
   * A partly filled batch goes out once it has waited `flushIntervalMs`, so a trickle is not held
   * back; but not while every bulk slot is busy (a backfill): there it would only add small bulks.
   */
  private armTimer(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.batcher.size === 0) return;
      if (this.inFlight.size >= this.concurrency) {
        this.armTimer();
        return;
      }
      this.dispatch(this.batcher.take()).catch((error: unknown) => (this.fatal ??= error));
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sends what is batched and waits for every bulk in flight. Throws if a batch could not be written. */
  async flush(): Promise<void> {
    this.clearTimer();
    const rest = this.batcher.take();
    if (rest.length > 0) await this.dispatch(rest);
    await this.handOff;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.fatal !== undefined) {
      const error = this.fatal;
      throw error instanceof IngestError ? error : new WriterStoppedError('bulk writer stopped', {}, { cause: error });
    }
  }

  /**
   * Hands batches to bulk slots one at a time, in order. Resolves when the batch *before* this one
   * has a slot: so one full batch always waits ready for the next free slot while the reader fills
   * the following one, and the cluster never waits for the reader.
   */
  private dispatch(batch: Item[]): Promise<void> {
    const previous = this.handOff;
    this.handOff = previous.then(async () => {
      while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
      const running: Promise<void> = this.sendBatch(batch)
        .catch((error: unknown) => {
          this.fatal ??= error;
        })
        .finally(() => this.inFlight.delete(running));
      this.inFlight.add(running);
    });
    return previous;
  }

  private nowIso(): string {
    return new Date(this.options.now()).toISOString();
  }

  private toItem(record: Exclude<ParsedRecord, { kind: 'skipped' }>): Item {
    const { names } = this.options;
    if (record.kind === 'rejected') {
      return { kind: 'rejected', letter: makeDeadLetter(record.origin, { reason: record.reason, kind: 'unparsed', raw: record.raw }, this.nowIso()) };
    }
    const ingestedAt = this.nowIso();
    if (record.kind === 'finding') {
      // `detail` is most of a finding: serialise it once, for the hash, the size check and the body.
      const detailJson = JSON.stringify(record.document.detail) ?? 'null';
      const key = versionKey(record.document, contentHash(record.document, detailJson));
      const count = updateCount(record.document);
      // A UTF-16 unit is at most 3 UTF-8 bytes: most details need no byte count at all.
      const detailFits = detailJson.length * 3 <= FLAT_LEAF_MAX_BYTES || Buffer.byteLength(detailJson) <= FLAT_LEAF_MAX_BYTES;
      // No leaf can be too long for flat_object when the whole detail is short: send it as read, without a copy.
      const stored = (detailFits ? record.document : fitDocument(record.document as unknown as Record<string, unknown>, FINDING_RULES)) as FindingDocument & { gdlens_unmapped?: unknown };
      // One copy of the typed fields (the rest of the destructuring); `ingested_at` is set on it.
      const { detail, gdlens_unmapped: unmapped, '@timestamp': timestamp, count: rawCount, ...core } = stored;
      core.ingested_at = ingestedAt;
      // The typed fields are serialised once, as bytes, and shared by the finding body and its occurrence.
      const coreJson = JSON.stringify(core).slice(1, -1);
      const document: FindingRef = { finding_id: core.finding_id, source: core.source, '@timestamp': timestamp, updated_at: core.updated_at, ingested_at: ingestedAt };
      const action = `{"update":{"_index":${JSON.stringify(names.alias('findings'))},"_id":${JSON.stringify(document.finding_id)},"retry_on_conflict":10}}`;
      const opHead = `${action}\n{"scripted_upsert":true,"upsert":{},"_source":["version_key","ledger","ledger_seq","ledger_floor"],"script":{"id":${JSON.stringify(names.findingScript)},"params":{"key":"${key}","count":${count},"ledger_max":${this.ledgerMaxKeys},"doc":`;
      const leading = [...member('@timestamp', timestamp), ...member('count', rawCount)].join(',');
      // `detail` is written as its own piece: joining it into a string first would copy it once more.
      const detailPieces = detailFits ? ['"detail":', detailJson] : member('detail', detail);
      const unmappedPieces = member(UNMAPPED_FIELD, unmapped);
      const trailing = [...detailPieces, ...(detailPieces.length > 0 && unmappedPieces.length > 0 ? [','] : []), ...unmappedPieces];
      const head = `${opHead}{${leading}${leading !== '' && coreJson !== '' ? ',' : ''}`;
      const beforeTrailing = (leading !== '' || coreJson !== '') && trailing.length > 0 ? ',' : '';
      const { bytes: lines, offsets } = utf8Pieces([head, coreJson, beforeTrailing, ...trailing, '}}}}\n']);
      const [headEnd = 0, coreEnd = 0] = offsets;
      const documentStart = Buffer.byteLength(opHead);
      return {
        kind: 'finding',
        origin: record.origin,
        document,
        key,
        count,
        op: { lines, conflictMeansExists: false },
        documentBytes: { start: documentStart, end: lines.length - '}}}\n'.length },
        coreBytes: { start: headEnd, end: coreEnd },
      };
    }
    const document = { ...fitDocument(record.document, CLOUDTRAIL_RULES), ingested_at: ingestedAt };
    const id = typeof document.eventID === 'string' && document.eventID.length > 0 && document.eventID.length <= 512 ? document.eventID : cloudTrailContentId(record.document);
    const action = { create: { _index: names.alias('cloudtrail'), _id: id } };
    return { kind: 'cloudtrail', origin: record.origin, document, op: { lines: Buffer.from(`${JSON.stringify(action)}\n${JSON.stringify(document)}\n`), conflictMeansExists: true } };
  }

  private async sendBatch(batch: Item[]): Promise<void> {
    const letters: DeadLetter[] = [];
    const writes = batch.filter((item): item is FindingItem | CloudTrailItem => item.kind !== 'rejected');
    const occurrenceOps: BulkOp[] = [];
    const occurrenceOwners: FindingItem[] = [];
    const outcomes = new Map<Item, Outcome>();

    await this.bulkWithRetry(
      writes.map((item) => item.op),
      (index, reply) => {
        const item = writes[index];
        if (item === undefined) return;
        if (reply.status === 409 && item.op.conflictMeansExists) {
          outcomes.set(item, 'unchanged');
        } else if (reply.status >= 300) {
          outcomes.set(item, 'rejected');
          letters.push(this.letterFor(item, reply));
        } else if (item.kind === 'cloudtrail') {
          outcomes.set(item, 'indexed');
        } else {
          const stored = reply.get?._source;
          const ledger = stored?.ledger ?? {};
          const ledgerInfo = { keyCount: item.count, ...(stored?.ledger_seq === undefined ? {} : { seq: stored.ledger_seq }), ...(stored?.ledger_floor === undefined ? {} : { floor: stored.ledger_floor }) };
          if (stored?.version_key !== item.key) outcomes.set(item, 'stale');
          else outcomes.set(item, reply.result === 'created' ? 'indexed' : reply.result === 'updated' ? 'updated' : 'unchanged');
          const { own, successor } = deltaWrites(ledger, item.key, ledgerInfo);
          occurrenceOps.push(this.occurrenceOp(item, own, true));
          occurrenceOwners.push(item);
          if (successor) {
            occurrenceOps.push(this.occurrenceOp(item, successor, false));
            occurrenceOwners.push(item);
          }
        }
      },
    );

    await this.bulkWithRetry(occurrenceOps, (index, reply) => {
      const owner = occurrenceOwners[index];
      if (owner === undefined || reply.status < 300) return;
      if (outcomes.get(owner) !== 'rejected') {
        outcomes.set(owner, 'rejected');
        letters.push(this.letterFor(owner, reply, 'occurrence: '));
      }
    });

    for (const item of batch) if (item.kind === 'rejected') letters.push(item.letter);
    await this.writeDeadLetters(letters);
    for (const item of batch) {
      const outcome = item.kind === 'rejected' ? 'rejected' : (outcomes.get(item) ?? 'rejected');
      this.accounting.settle(outcome);
      // An unchanged record stored nothing new, so it does not make the store fresher.
      if (item.kind !== 'rejected' && outcome !== 'rejected' && outcome !== 'unchanged' && item.document.ingested_at !== undefined) {
        this.accounting.noteWritten(item.document.source, Date.parse(item.document.ingested_at));
      }
    }
    this.accounting.batches += 1;
  }

  /**
   * The occurrence write for one delta. Its own update carries the occurrence's fields (the
   * finding's typed fields, never the raw `detail`); a successor's correction carries only the
   * stub (`partial`) the script needs when the successor's own write has not arrived yet.
   */
  private occurrenceOp(item: FindingItem, write: DeltaWrite, own: boolean): BulkOp {
    const { names } = this.options;
    const id = occurrenceId(item.document.finding_id, write.key);
    const action = `{"update":{"_index":${JSON.stringify(names.alias('occurrences'))},"_id":${JSON.stringify(id)},"retry_on_conflict":10}}`;
    const head = `${action}\n{"scripted_upsert":true,"upsert":{},"script":{"id":${JSON.stringify(names.occurrenceScript)},"params":{"seq":${write.seq},"prev_count":${write.prevCount},"count_delta":${write.countDelta},`;
    if (!own) {
      const partial = { finding_id: item.document.finding_id, '@timestamp': keyTime(write.key), version_key: write.key, count: write.count, ingested_at: item.document.ingested_at };
      return { lines: Buffer.from(`${head}"doc":null,"partial":${JSON.stringify(partial)}}}}\n`), conflictMeansExists: false };
    }
    // The occurrence's fields are the finding's typed ones, already serialised in its own bulk line.
    const core = item.op.lines.subarray(item.coreBytes.start, item.coreBytes.end);
    const timestamp = member('@timestamp', item.document.updated_at ?? item.document['@timestamp']).join('');
    const before = `${head}"doc":{${timestamp}${timestamp !== '' && core.length > 0 ? ',' : ''}`;
    const after = `${timestamp !== '' || core.length > 0 ? ',' : ''}"version_key":"${write.key}","count":${write.count}}}}}\n`;
    const beforeBytes = Buffer.byteLength(before);
    const lines = Buffer.allocUnsafe(beforeBytes + core.length + Buffer.byteLength(after));
    lines.write(before, 0);
    core.copy(lines, beforeBytes);
    lines.write(after, beforeBytes + core.length);
    return { lines, conflictMeansExists: false };
  }

  private letterFor(item: FindingItem | CloudTrailItem, reply: BulkItemReply, prefix = ''): DeadLetter {
    const recordId = item.kind === 'finding' ? item.document.finding_id : item.document.eventID;
    let raw = item.kind === 'finding' ? item.op.lines.toString('utf8', item.documentBytes.start, item.documentBytes.end) : JSON.stringify(item.document);
    let cut = '';
    // A record too large for any request would make its dead letter too large as well: keep its
    // start, and the reason says where the whole record is (file and line).
    if (reply.status === 413 && raw.length > TOO_LARGE_RAW_KEPT_CHARS) {
      cut = ` (raw cut to its first ${TOO_LARGE_RAW_KEPT_CHARS} of ${raw.length} characters; the whole record is in the source)`;
      raw = raw.slice(0, TOO_LARGE_RAW_KEPT_CHARS);
    }
    const reason = `${prefix}${reply.error?.type ?? `HTTP ${reply.status}`}: ${reply.error?.reason ?? 'no reason given'}${cut}`;
    return makeDeadLetter(
      item.origin,
      { reason, kind: item.kind, raw, status: reply.status, ...(recordId === undefined ? {} : { recordId }) },
      this.nowIso(),
    );
  }

  private async writeDeadLetters(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const alias = this.options.names.alias('dead-letters');
    const ops = letters.map((letter) => ({
      lines: Buffer.from(`${JSON.stringify({ index: { _index: alias, _id: deadLetterId(letter) } })}\n${JSON.stringify(letter)}\n`),
      conflictMeansExists: true,
    }));
    await this.bulkWithRetry(ops, (index, reply) => {
      if (reply.status >= 300) this.log(`dead letter ${index} not stored (HTTP ${reply.status}: ${reply.error?.reason ?? ''}); it is in the summary count`);
    });
    if (this.options.deadLetterFile) await appendDeadLetters(this.options.deadLetterFile, letters);
  }

  /**
   * Sends `ops` in one bulk and calls `onItem` for every item with a final answer; retries the
   * whole request on a transport error, 429 or 5xx, and single items on 429, 5xx, an update's
   * version conflict or a missing alias, until each has a final answer or the signal aborts. A request the cluster
   * (or a proxy in front of it) refuses as too large (413) is split in halves, down to single
   * operations; one that is still too large alone is answered 413 (the caller dead-letters it).
   */
  private async bulkWithRetry(ops: readonly BulkOp[], onItem: (index: number, reply: BulkItemReply) => void): Promise<void> {
    await this.sendOps(
      ops.map((op, index) => ({ op, index })),
      onItem,
    );
  }

  private async sendOps(ops: ReadonlyArray<{ op: BulkOp; index: number }>, onItem: (index: number, reply: BulkItemReply) => void): Promise<void> {
    let pending = ops;
    let attempt = 0;
    while (pending.length > 0) {
      if (attempt > 0) {
        this.accounting.retries += 1;
        await this.sleep(backoffDelayMs(attempt, this.backoff), this.options.signal);
      }
      attempt += 1;
      const body = new NdjsonChunks(pending.map((p) => p.op.lines));
      const bodyBytes = body.byteLength;
      this.accounting.bytesSent += bodyBytes;
      let reply: BulkReply;
      try {
        reply = (await this.options.client.request<BulkReply>('POST', '/_bulk?require_alias=true', { body })).body;
      } catch (error) {
        if (error instanceof OpenSearchHttpError && error.status === 413) {
          await this.splitTooLarge(pending, bodyBytes, onItem);
          return;
        }
        if (classifyError(error) === 'retry') {
          if (attempt === 1 || attempt % 10 === 0) this.log(`bulk of ${pending.length} failed (${error instanceof Error ? error.message : String(error)}); retrying`);
          continue;
        }
        const status = (error as { status?: number }).status ?? 0;
        for (const p of pending) onItem(p.index, { status, error: { type: 'request_failed', reason: error instanceof Error ? error.message : String(error) } });
        return;
      }
      const items = reply.items ?? [];
      const retry: Array<{ op: BulkOp; index: number }> = [];
      let missingAlias: string | undefined;
      pending.forEach((p, position) => {
        const entry = items[position];
        const item = entry === undefined ? undefined : Object.values(entry)[0];
        if (item === undefined) {
          retry.push(p);
          return;
        }
        const contention = item.status === 409 && !p.op.conflictMeansExists;
        // Writes name an alias (require_alias); a node that restarted answers "not an alias" until
        // it has recovered its cluster state. That is the store being away, not the record being bad.
        const aliasAway = item.status === 404 && item.error?.type === 'index_not_found_exception';
        if (aliasAway) missingAlias = item.error?.reason ?? 'alias not found';
        if (contention || aliasAway || (item.status >= 300 && classifyStatus(item.status) === 'retry')) retry.push(p);
        else onItem(p.index, item);
      });
      if (missingAlias !== undefined && (attempt === 1 || attempt % 10 === 0)) this.log(`${missingAlias}: waiting for it (is gdlens setup done, is the cluster recovering?); retrying`);
      pending = retry;
    }
  }

  private async splitTooLarge(
    pending: ReadonlyArray<{ op: BulkOp; index: number }>,
    requestBytes: number,
    onItem: (index: number, reply: BulkItemReply) => void,
  ): Promise<void> {
    const [only] = pending;
    if (pending.length === 1 && only !== undefined) {
      const reason = `the cluster refused a request holding only this operation (${requestBytes} bytes) as too large; raise its http.max_content_length (or the proxy's body limit), or shorten the record`;
      onItem(only.index, { status: 413, error: { type: 'request_too_large', reason } });
      return;
    }
    this.log(`bulk of ${pending.length} operations (${requestBytes} bytes) refused as too large (HTTP 413); sending it in halves`);
    const half = Math.ceil(pending.length / 2);
    await this.sendOps(pending.slice(0, half), onItem);
    await this.sendOps(pending.slice(half), onItem);
  }
}

function cloudTrailContentId(document: CloudTrailDocument): string {
  const { ingested_at: _ignored, ...content } = document;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}
