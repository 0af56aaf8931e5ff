/**
 * Groups items into batches bounded by count and by bytes. Pure bookkeeping: the writer decides
 * when a batch goes out; `add` says when one is full.
 */
export interface BatchLimits {
  /** Most items in one batch. @defaultValue 1000 */
  readonly flushCount: number;
  /** Most bytes in one batch; a single larger item still goes alone. @defaultValue 5 MB */
  readonly flushBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { flushCount: 1000, flushBytes: 5_000_000 };

/** The most bytes any bulk request may carry (Amazon OpenSearch Service caps some instance types at 10 MiB). */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface BatcherOptions {
  /**
   * Start with batches of an eighth of `flushCount` and double the count bound with each batch
   * until it reaches `flushCount`: at the start of a backfill the cluster then gets its first
   * bulks after a few records are read instead of waiting for a whole batch, and every bulk slot
   * is busy sooner. @defaultValue false
   */
  readonly rampUp?: boolean;
}

export class Batcher<T> {
  private items: T[] = [];
  private bytes = 0;
  private countBound: number;

  constructor(
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
    options: BatcherOptions = {},
  ) {
    if (limits.flushCount < 1) throw new RangeError('batcher: flushCount must be at least 1');
    if (limits.flushBytes < 1 || limits.flushBytes > MAX_REQUEST_BYTES) {
      throw new RangeError(`batcher: flushBytes must be 1..${MAX_REQUEST_BYTES}`);
    }
    this.countBound = options.rampUp === true ? Math.ceil(limits.flushCount / 8) : limits.flushCount;
  }

  get size(): number {
    return this.items.length;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /**
   * Adds an item of `itemBytes`. Returns the batch to send when adding it would cross a bound:
   * the batch before this item when the bytes would overflow (so a batch never exceeds
   * `flushBytes` unless one item alone does), or the batch including it when the count is reached.
   */
  add(item: T, itemBytes: number): T[] | undefined {
    let ready: T[] | undefined;
    if (this.items.length > 0 && this.bytes + itemBytes > this.limits.flushBytes) ready = this.take();
    this.items.push(item);
    this.bytes += itemBytes;
    if (ready) return ready;
    if (this.items.length < this.countBound) return undefined;
    this.countBound = Math.min(this.limits.flushCount, this.countBound * 2);
    return this.take();
  }

  /** Empties the batcher and returns what it held (possibly nothing). */
  take(): T[] {
    const out = this.items;
    this.items = [];
    this.bytes = 0;
    return out;
  }
}
