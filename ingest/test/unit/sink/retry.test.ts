import { OpenSearchConnectionError, OpenSearchHttpError } from '../../../src/opensearch/client';
import { backoffDelayMs, classifyError, classifyStatus, realSleep } from '../../../src/sink/retry';

describe('retry classification', () => {
  it.each([
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [400, 'permanent'],
    [404, 'permanent'],
    [413, 'permanent'],
  ] as const)('HTTP %i is %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
    expect(classifyError(new OpenSearchHttpError(status, 'POST', '/_bulk', {}))).toBe(expected);
  });

  it('retries a connection error and gives up on anything unknown', () => {
    expect(classifyError(new OpenSearchConnectionError('ECONNREFUSED'))).toBe('retry');
    expect(classifyError(new TypeError('bug'))).toBe('permanent');
  });
});

describe('backoffDelayMs', () => {
  const options = (random: number) => ({ initialDelayMs: 100, maxDelayMs: 5000, random: () => random });

  it('doubles per attempt, jittered between half and all of the step', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, options(0)))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, options(0.999999)))).toEqual([100, 200, 400, 800]);
  });

  it('is capped so an outage is polled at a steady pace', () => {
    expect(backoffDelayMs(30, options(0.999999))).toBe(5000);
    expect(backoffDelayMs(1000, options(0))).toBe(2500);
  });
});

describe('realSleep', () => {
  it('rejects at once when the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    controller.abort(new Error('SIGTERM'));
    await expect(sleeping).rejects.toThrow('SIGTERM');
  });
});
