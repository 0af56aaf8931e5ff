import { readOrWait, type SourceRetryOptions } from '../../../src/cli/commands/source-retry';
import type { PollState } from '../../../src/sink/heartbeat';

class SourceDown extends Error {}

function options(overrides: Partial<SourceRetryOptions> = {}): { options: SourceRetryOptions; poll: PollState; lines: string[] } {
  const poll: PollState = { objectsSeen: 0, polls: 0 };
  const lines: string[] = [];
  return {
    poll,
    lines,
    options: {
      once: false,
      isSourceError: (error): error is SourceDown => error instanceof SourceDown,
      what: 'receive',
      waitMs: 20,
      poll,
      log: (line) => lines.push(line),
      now: () => 1_700_000_000_000,
      signal: new AbortController().signal,
      ...overrides,
    },
  };
}

describe('readOrWait', () => {
  test('passes a successful read through', async () => {
    const { options: opts, lines } = options();
    expect(await readOrWait(async () => 42, opts)).toBe(42);
    expect(lines).toEqual([]);
  });

  test('a source failure in a long-running worker is logged, shown on the heartbeat and waited out', async () => {
    const { options: opts, poll, lines } = options();
    const started = Date.now();
    expect(await readOrWait(() => Promise.reject(new SourceDown('queue unreachable')), opts)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(lines).toEqual(['receive failed: queue unreachable; trying again in 20 ms']);
    expect(poll.lastError).toEqual({ message: 'queue unreachable', atMs: 1_700_000_000_000 });
  });

  test('a one-shot run and any other error throw', async () => {
    await expect(readOrWait(() => Promise.reject(new SourceDown('down')), options({ once: true }).options)).rejects.toThrow('down');
    await expect(readOrWait(() => Promise.reject(new TypeError('bug')), options().options)).rejects.toThrow(TypeError);
  });
});
