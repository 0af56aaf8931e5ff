import { Accounting } from '../../../src/sink/accounting';
import { heartbeatDocument } from '../../../src/sink/heartbeat';

const NOW_MS = Date.parse('2026-01-10T12:00:00Z');

describe('heartbeatDocument', () => {
  it('reports counts, objects seen, lag per source and overall, and the last error', () => {
    const accounting = new Accounting();
    accounting.recordRead();
    accounting.settle('indexed');
    accounting.recordRead();
    accounting.noteWritten('aws.guardduty', NOW_MS - 90_000);
    accounting.noteWritten('aws.cloudtrail', NOW_MS - 30_000);
    const doc = heartbeatDocument({
      workerId: 'w1',
      command: 'ingest --s3',
      input: 's3',
      location: 's3://b/p/',
      startedAt: '2026-01-10T11:00:00.000Z',
      status: 'running',
      nowMs: NOW_MS,
      accounting,
      poll: { objectsSeen: 12, polls: 4, lastError: { message: 'AccessDenied', atMs: NOW_MS - 5000 }, queueDepth: { queue: 'q', visible: 7, inFlight: 2, delayed: 0 } },
    });
    expect(doc).toMatchObject({
      '@timestamp': '2026-01-10T12:00:00.000Z',
      worker_id: 'w1',
      input: 's3',
      location: 's3://b/p/',
      read: 2,
      indexed: 1,
      pending: 1,
      objects_seen: 12,
      polls: 4,
      newest_ingested_at: '2026-01-10T11:59:30.000Z',
      lag_ms: 30_000,
      findings_lag_ms: 90_000,
      cloudtrail_lag_ms: 30_000,
      last_error: 'AccessDenied',
      last_error_at: '2026-01-10T11:59:55.000Z',
      queue_visible: 7,
      queue_in_flight: 2,
      queue_delayed: 0,
    });
  });

  it('leaves lag out until something is stored, and the error out when there was none', () => {
    const doc = heartbeatDocument({ workerId: 'w', command: 'ingest', input: 'files', startedAt: 'x', status: 'stopped', nowMs: NOW_MS, accounting: new Accounting() });
    for (const field of ['lag_ms', 'findings_lag_ms', 'cloudtrail_lag_ms', 'newest_ingested_at', 'last_error', 'objects_seen', 'location', 'queue_visible']) expect(doc).not.toHaveProperty(field);
  });
});
