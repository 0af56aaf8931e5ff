import { ConfigError } from '../errors';

/**
 * Per-client token buckets. Each client starts with `burst` tokens and earns `refillPerSecond`;
 * a request spends one. The clock is injected so tests step time instead of sleeping.
 */
export interface RateLimitOptions {
  /** Requests a client may send at once. */
  readonly burst: number;
  /** Tokens earned back per second. */
  readonly refillPerSecond: number;
  readonly now: () => number;
  /** Buckets kept before full ones are forgotten; bounds memory under many addresses. @defaultValue 10000 */
  readonly maxClients?: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.burst >= 1) || !(options.refillPerSecond > 0)) {
      throw new ConfigError(`rate limit: burst must be ≥ 1 and refillPerSecond > 0, got ${options.burst} and ${options.refillPerSecond}`);
    }
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Spends one token of `client`'s bucket, or says how many seconds until one is available. */
  take(client: string): RateDecision {
    const nowMs = this.options.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, updatedMs: nowMs };
    const elapsedMs = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (elapsedMs / 1000) * this.options.refillPerSecond);
    bucket.updatedMs = nowMs;
    if (!this.buckets.has(client)) {
      if (this.buckets.size >= this.maxClients) this.forgetFull(nowMs);
      this.buckets.set(client, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.refillPerSecond)) };
  }

  /** Clients currently tracked. */
  get size(): number {
    return this.buckets.size;
  }

  /** A bucket that has refilled is indistinguishable from a new one, so dropping it loses nothing. */
  private forgetFull(nowMs: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * this.options.refillPerSecond >= this.options.burst) this.buckets.delete(client);
    }
    // Still full of busy clients: drop the oldest rather than grow without bound.
    for (const client of this.buckets.keys()) {
      if (this.buckets.size < this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}
