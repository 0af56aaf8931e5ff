import type { PollState } from '../../sink/heartbeat';
import { realSleep } from '../../sink/retry';

export interface SourceRetryOptions {
  /** A one-shot run (`--once`) reports the failure instead of waiting. */
  readonly once: boolean;
  /** Failures of the source itself; anything else (the store, a bug) is thrown. */
  readonly isSourceError: (error: unknown) => error is Error;
  /** What failed, for the log line: `poll`, `receive`. */
  readonly what: string;
  readonly waitMs: number;
  readonly poll: PollState;
  readonly log: (line: string) => void;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

/**
 * One read of a long-running source (an S3 listing, an SQS receive). When the source cannot be
 * reached (network, throttling, an expired role session), a worker that runs until stopped logs
 * it, shows it on its heartbeat (`last_error`) and waits before trying again: it resolves to
 * undefined. A one-shot run, or any other error, throws.
 */
export async function readOrWait<T>(read: () => Promise<T>, options: SourceRetryOptions): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (options.once || !options.isSourceError(error)) throw error;
    options.log(`${options.what} failed: ${error.message}; trying again in ${options.waitMs} ms`);
    options.poll.lastError = { message: error.message, atMs: options.now() };
    await realSleep(options.waitMs, options.signal).catch(() => undefined);
    return undefined;
  }
}
