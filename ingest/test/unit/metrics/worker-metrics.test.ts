import { formatExposition } from '../../../src/metrics/exposition';
import { queueDepthOf } from '../../../src/metrics/sqs-depth';
import { WorkerMetrics } from '../../../src/metrics/worker-metrics';
import { Accounting, OUTCOMES } from '../../../src/sink/accounting';
import type { PollState } from '../../../src/sink/heartbeat';

const START_MS = Date.parse('2026-01-10T12:00:00Z');

function sampleLines(text: string): Map<string, number> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))];
      }),
  );
}

describe('WorkerMetrics', () => {
  it('reads the live accounting: read equals the sum over outcomes once nothing is pending', () => {
    const accounting = new Accounting();
    OUTCOMES.forEach((outcome, i) => {
      for (let n = 0; n < i + 1; n += 1) {
        accounting.recordRead();
        accounting.settle(outcome);
      }
    });
    accounting.recordRead();
    accounting.batches = 4;
    accounting.retries = 2;
    accounting.noteWritten('aws.guardduty', START_MS + 1000);
    accounting.noteWritten('aws.guardduty', START_MS + 500);
    const poll: PollState = { objectsSeen: 7, polls: 3, lastError: { message: 'x', atMs: START_MS + 2000 } };
    const metrics = new WorkerMetrics({ accounting, now: () => START_MS + 61_000, startedMs: START_MS, poll });
    const samples = sampleLines(formatExposition(metrics.families()));
    expect(samples.get('gdlens_records_read_total')).toBe(22);
    const byOutcome = OUTCOMES.map((o) => samples.get(`gdlens_records_total{outcome="${o}"}`));
    expect(byOutcome).toEqual([1, 2, 3, 4, 5, 6]);
    expect(samples.get('gdlens_records_pending')).toBe(1);
    expect(samples.get('gdlens_batches_total')).toBe(4);
    expect(samples.get('gdlens_bulk_retries_total')).toBe(2);
    // Lag from the newest write (START + 1 s), not the last one noted.
    expect(samples.get('gdlens_ingest_lag_seconds{source="aws.guardduty"}')).toBe(60);
    expect(samples.has('gdlens_ingest_lag_seconds{source="aws.cloudtrail"}')).toBe(false);
    expect(samples.get('gdlens_polls_total')).toBe(3);
    expect(samples.get('gdlens_objects_seen')).toBe(7);
    expect(samples.get('gdlens_last_error_time_seconds')).toBe((START_MS + 2000) / 1000);
    expect(samples.get('gdlens_worker_start_time_seconds')).toBe(START_MS / 1000);
  });

  it('exposes the SQS depth the source last read, per state, only once read', () => {
    const poll: PollState = { objectsSeen: 0, polls: 0 };
    const metrics = new WorkerMetrics({ accounting: new Accounting(), now: () => START_MS, startedMs: START_MS, poll });
    expect(formatExposition(metrics.families())).not.toMatch(/gdlens_sqs_messages/);
    poll.queueDepth = queueDepthOf('https://sqs.eu-west-1.amazonaws.com/111122223333/q', {
      ApproximateNumberOfMessages: '4',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: 'oops',
    });
    const samples = sampleLines(formatExposition(metrics.families()));
    expect([...samples].filter(([key]) => key.startsWith('gdlens_sqs_messages'))).toEqual([
      ['gdlens_sqs_messages{queue="https://sqs.eu-west-1.amazonaws.com/111122223333/q",state="visible"}', 4],
      ['gdlens_sqs_messages{queue="https://sqs.eu-west-1.amazonaws.com/111122223333/q",state="in_flight"}', 1],
      ['gdlens_sqs_messages{queue="https://sqs.eu-west-1.amazonaws.com/111122223333/q",state="delayed"}', 0],
    ]);
  });
});
