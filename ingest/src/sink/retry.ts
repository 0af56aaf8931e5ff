import { OpenSearchConnectionError, OpenSearchHttpError } from '../opensearch/client';

/**
 * What to do with a failed request or bulk item. 429 (queue full) and 5xx are the cluster being
 * busy or restarting; a connection error is the cluster being away. Everything else is about the
 * document or the request and will fail the same way again.
 */
export type FailureClass = 'retry' | 'permanent';

export function classifyStatus(status: number): FailureClass {
  return status === 429 || status >= 500 ? 'retry' : 'permanent';
}

export function classifyError(error: unknown): FailureClass {
  if (error instanceof OpenSearchConnectionError) return 'retry';
  if (error instanceof OpenSearchHttpError) return classifyStatus(error.status);
  return 'permanent';
}

export interface BackoffOptions {
  /** First delay. @defaultValue 200 */
  readonly initialDelayMs: number;
  /** Longest delay: while OpenSearch is down the worker keeps trying at this pace. @defaultValue 30000 */
  readonly maxDelayMs: number;
  /** Random number in [0, 1), injected for tests. */
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 200, maxDelayMs: 30_000, random: Math.random };

/**
 * Delay before retry number `attempt` (1-based): exponential, capped, with "full jitter" (uniform
 * between half and all of the exponential value) so many workers do not retry in step.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponential = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * options.random());
}

/** Resolves after `ms`, or rejects when `signal` aborts; injected so tests need no real timers. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
