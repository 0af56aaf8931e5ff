import { TokenBucketLimiter } from '../../../src/tags/rate-limit';

describe('TokenBucketLimiter', () => {
  it('allows the burst, then refuses with the seconds until the next token', () => {
    let nowMs = 0;
    const limiter = new TokenBucketLimiter({ burst: 3, refillPerSecond: 0.25, now: () => nowMs });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((d) => d.allowed)).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    nowMs = 3000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    nowMs = 4000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps one bucket per client', () => {
    const limiter = new TokenBucketLimiter({ burst: 1, refillPerSecond: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never holds more than the burst after a long idle time', () => {
    let nowMs = 0;
    const limiter = new TokenBucketLimiter({ burst: 2, refillPerSecond: 1, now: () => nowMs });
    limiter.take('a');
    nowMs = 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('a clock going backwards earns nothing', () => {
    let nowMs = 10_000;
    const limiter = new TokenBucketLimiter({ burst: 1, refillPerSecond: 1, now: () => nowMs });
    limiter.take('a');
    nowMs = 0;
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('bounds the clients it remembers, forgetting refilled buckets first', () => {
    let nowMs = 0;
    const limiter = new TokenBucketLimiter({ burst: 1, refillPerSecond: 1, now: () => nowMs, maxClients: 3 });
    for (const client of ['a', 'b', 'c']) limiter.take(client);
    nowMs = 5000;
    limiter.take('c');
    limiter.take('d');
    expect(limiter.size).toBeLessThanOrEqual(3);
    expect(limiter.take('c').allowed).toBe(false);
  });

  it('refuses a configuration that could never allow a request', () => {
    expect(() => new TokenBucketLimiter({ burst: 0, refillPerSecond: 1, now: () => 0 })).toThrow(/burst/);
    expect(() => new TokenBucketLimiter({ burst: 1, refillPerSecond: 0, now: () => 0 })).toThrow(/refillPerSecond/);
  });
});
