import { createHash } from 'node:crypto';
import type { OpenSearchClient } from '../../opensearch/client';
import type { StoreNames } from '../../store/names';

/** One listed object, as far as the state index cares. */
export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  /** The ETag without its quotes; a rewritten object gets a new one, so it is read again. */
  readonly etag: string;
  readonly sizeBytes: number;
}

/** What the state index says about one object version. */
export interface ObjectState {
  readonly status: 'claimed' | 'done';
  readonly workerId: string;
  /** Epoch ms after which a claim no longer holds (its worker is presumed dead). */
  readonly leaseUntilMs: number;
}

/** A claim this worker holds; `seqNo`/`primaryTerm` make a take-over conditional on it. */
export interface Claim {
  readonly id: string;
  readonly object: ObjectVersion;
  readonly seqNo: number;
  readonly primaryTerm: number;
  /** True when an expired claim of another worker was taken over. */
  readonly tookOver: boolean;
}

export type ClaimResult = { readonly kind: 'claimed'; readonly claim: Claim } | { readonly kind: 'done' } | { readonly kind: 'busy'; readonly workerId: string };

/** The state document id of one object version: bucket, key and ETag, hashed to a fixed length. */
export function objectStateId(object: Pick<ObjectVersion, 'bucket' | 'key' | 'etag'>): string {
  return `s3-${createHash('sha256').update(`${object.bucket}\n${object.key}\n${object.etag}`).digest('hex').slice(0, 40)}`;
}

/** What to do about an object whose state document exists: pure, so the lease rule is unit tested. */
export function existingStateDecision(state: ObjectState, nowMs: number): 'done' | 'busy' | 'take-over' {
  if (state.status === 'done') return 'done';
  return state.leaseUntilMs > nowMs ? 'busy' : 'take-over';
}

export interface ObjectStateStoreOptions {
  readonly client: OpenSearchClient;
  readonly names: StoreNames;
  readonly workerId: string;
  /** How long a claim holds without being completed; must exceed the time to read the largest object. */
  readonly leaseMs: number;
  readonly now: () => number;
}

interface StoredSource {
  value?: { status?: string; worker_id?: string; lease_until_ms?: number };
}

interface GetReply {
  _id?: string;
  found?: boolean;
  _seq_no?: number;
  _primary_term?: number;
  _source?: StoredSource;
}

interface WriteReply {
  _seq_no?: number;
  _primary_term?: number;
}

const STATE_KIND = 's3-object';

/**
 * The set of processed S3 objects, kept in the `state` index that every worker shares.
 *
 * An object version is claimed by creating its document (`op_type=create`): of two workers
 * racing, exactly one gets 201 and reads the object, the other sees 409. The claim carries a
 * lease; when its worker dies before marking the object done, the lease runs out and the next
 * poll of any worker takes the claim over, conditionally on the claim's sequence number so that
 * only one of several workers can. The object is marked done only after its records are flushed.
 */
export class ObjectStateStore {
  private readonly alias: string;
  /** Ids known done: a poll asks the cluster only about objects not seen done before. */
  private readonly knownDone = new Set<string>();

  constructor(private readonly options: ObjectStateStoreOptions) {
    this.alias = options.names.alias('state');
  }

  /** The ids among `ids` that the state index (or this worker's memory) records as done; one `_mget`. */
  async doneAmong(ids: readonly string[]): Promise<Set<string>> {
    const done = new Set(ids.filter((id) => this.knownDone.has(id)));
    const unknown = ids.filter((id) => !done.has(id));
    if (unknown.length === 0) return done;
    const reply = await this.options.client.request<{ docs?: GetReply[] }>('POST', `/${this.alias}/_mget`, {
      body: { ids: unknown },
    });
    for (const doc of reply.body.docs ?? []) {
      const id = doc._id;
      if (id !== undefined && doc.found === true && doc._source?.value?.status === 'done') {
        done.add(id);
        this.knownDone.add(id);
      }
    }
    return done;
  }

  /** Claims one object version for this worker, or says why not (done already, or another worker's live claim). */
  async claim(object: ObjectVersion): Promise<ClaimResult> {
    const id = objectStateId(object);
    const { client } = this.options;
    // A 404 after a 409 means the claim was released in between: try again, a few times at most.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const created = await client.request<WriteReply>('PUT', `/${this.alias}/_create/${id}`, { body: this.document(object, 'claimed'), accept: [409] });
      if (created.status !== 409) return { kind: 'claimed', claim: this.claimFrom(id, object, created.body, false) };
      const existing = await client.request<GetReply>('GET', `/${this.alias}/_doc/${id}`, { accept: [404] });
      if (existing.status === 404 || existing.body.found !== true) continue;
      const state = parseState(existing.body._source);
      const decision = existingStateDecision(state, this.options.now());
      if (decision === 'done') {
        this.knownDone.add(id);
        return { kind: 'done' };
      }
      if (decision === 'busy') return { kind: 'busy', workerId: state.workerId };
      const taken = await client.request<WriteReply>(
        'PUT',
        `/${this.alias}/_doc/${id}?if_seq_no=${existing.body._seq_no ?? -1}&if_primary_term=${existing.body._primary_term ?? -1}`,
        { body: this.document(object, 'claimed'), accept: [409] },
      );
      // Another worker took the expired claim over first: it is that worker's object now.
      if (taken.status === 409) return { kind: 'busy', workerId: 'another worker' };
      return { kind: 'claimed', claim: this.claimFrom(id, object, taken.body, true) };
    }
    return { kind: 'busy', workerId: 'another worker' };
  }

  /** How long a claim holds from its last renewal. */
  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * Extends a claim's lease, conditionally on the claim still being this worker's; resolves to the
   * renewed claim, or undefined when another worker took it over in the meantime.
   */
  async renew(claim: Claim): Promise<Claim | undefined> {
    const renewed = await this.options.client.request<WriteReply>(
      'PUT',
      `/${this.alias}/_doc/${claim.id}?if_seq_no=${claim.seqNo}&if_primary_term=${claim.primaryTerm}`,
      { body: this.document(claim.object, 'claimed'), accept: [409] },
    );
    return renewed.status === 409 ? undefined : this.claimFrom(claim.id, claim.object, renewed.body, claim.tookOver);
  }

  /**
   * Marks a claimed object done, with what reading it gave. Unconditional on purpose: if the lease
   * ran out and another worker took over, both read the same bytes and every record write is
   * idempotent, so whichever "done" lands last is as true as the other.
   */
  async complete(claim: Claim, result: { readonly records: number; readonly outcome: 'read' | 'skipped' | 'gone'; readonly reason?: string }): Promise<void> {
    await this.options.client.request('PUT', `/${this.alias}/_doc/${claim.id}`, {
      body: this.document(claim.object, 'done', { records: result.records, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) }),
    });
    this.knownDone.add(claim.id);
  }

  /** Gives a claim up (the read failed and should be retried by the next poll); a claim taken over since is left alone. */
  async release(claim: Claim): Promise<void> {
    await this.options.client.request('DELETE', `/${this.alias}/_doc/${claim.id}?if_seq_no=${claim.seqNo}&if_primary_term=${claim.primaryTerm}`, {
      accept: [404, 409],
    });
  }

  private claimFrom(id: string, object: ObjectVersion, reply: WriteReply, tookOver: boolean): Claim {
    return { id, object, seqNo: reply._seq_no ?? -1, primaryTerm: reply._primary_term ?? -1, tookOver };
  }

  private document(object: ObjectVersion, status: 'claimed' | 'done', extra: Record<string, unknown> = {}): Record<string, unknown> {
    const nowMs = this.options.now();
    return {
      '@timestamp': new Date(nowMs).toISOString(),
      key: `s3://${object.bucket}/${object.key}`,
      kind: STATE_KIND,
      value: {
        status,
        etag: object.etag,
        size_bytes: object.sizeBytes,
        worker_id: this.options.workerId,
        ...(status === 'claimed' ? { lease_until_ms: nowMs + this.options.leaseMs } : { done_at: new Date(nowMs).toISOString() }),
        ...extra,
      },
    };
  }
}

/** Reads a stored state document; anything unreadable counts as an expired claim, so it is retried rather than lost. */
export function parseState(source: StoredSource | undefined): ObjectState {
  const value = source?.value;
  return {
    status: value?.status === 'done' ? 'done' : 'claimed',
    workerId: typeof value?.worker_id === 'string' ? value.worker_id : 'unknown',
    leaseUntilMs: typeof value?.lease_until_ms === 'number' ? value.lease_until_ms : 0,
  };
}
