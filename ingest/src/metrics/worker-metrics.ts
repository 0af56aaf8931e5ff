import { OUTCOMES, WRITTEN_SOURCES, type Accounting } from '../sink/accounting';
import type { PollState } from '../sink/heartbeat';
import type { MetricFamily } from './exposition';

export interface WorkerMetricsOptions {
  readonly accounting: Accounting;
  readonly now: () => number;
  readonly startedMs: number;
  /** The worker's poll state (polls, objects seen, last error, SQS depth), filled in by the sources. */
  readonly poll?: PollState;
}

/**
 * The worker's numbers as Prometheus metric families, read from the live accounting and poll
 * state at each scrape: no copy to keep in step.
 */
export class WorkerMetrics {
  constructor(private readonly options: WorkerMetricsOptions) {}

  families(): MetricFamily[] {
    const { accounting, poll } = this.options;
    const nowMs = this.options.now();
    const counts = accounting.counts;
    const families: MetricFamily[] = [
      { name: 'gdlens_records_read_total', help: 'Records read from every input.', type: 'counter', samples: [{ value: counts.read }] },
      {
        name: 'gdlens_records_total',
        help: 'Records by outcome; read = indexed + updated + unchanged + stale + skipped + rejected once nothing is pending.',
        type: 'counter',
        samples: OUTCOMES.map((outcome) => ({ labels: { outcome }, value: counts[outcome] })),
      },
      { name: 'gdlens_records_pending', help: 'Records read whose outcome is not known yet (batched or in flight).', type: 'gauge', samples: [{ value: accounting.pending }] },
      { name: 'gdlens_batches_total', help: 'Batches written to OpenSearch.', type: 'counter', samples: [{ value: accounting.batches }] },
      { name: 'gdlens_bulk_retries_total', help: 'Bulk requests or items sent again after a retryable failure (429, 5xx, connection).', type: 'counter', samples: [{ value: accounting.retries }] },
      { name: 'gdlens_bulk_bytes_total', help: 'Bytes sent in bulk bodies, retries included.', type: 'counter', samples: [{ value: accounting.bytesSent }] },
      {
        name: 'gdlens_ingest_lag_seconds',
        help: 'Seconds since this worker last stored a new record of the source (now minus the newest ingested_at); absent until one is stored.',
        type: 'gauge',
        samples: WRITTEN_SOURCES.flatMap((source) => {
          const writtenMs = accounting.newestWrittenMs[source];
          return writtenMs === undefined ? [] : [{ labels: { source }, value: Math.max(0, nowMs - writtenMs) / 1000 }];
        }),
      },
      { name: 'gdlens_worker_start_time_seconds', help: 'When the worker started, seconds since the epoch.', type: 'gauge', samples: [{ value: this.options.startedMs / 1000 }] },
    ];
    if (poll !== undefined) {
      families.push(
        { name: 'gdlens_polls_total', help: 'Polls of the input finished.', type: 'counter', samples: [{ value: poll.polls }] },
        { name: 'gdlens_objects_seen', help: 'Objects (files, S3 objects, messages) the last poll saw.', type: 'gauge', samples: [{ value: poll.objectsSeen }] },
        {
          name: 'gdlens_last_error_time_seconds',
          help: 'When a poll last failed, seconds since the epoch (0: never).',
          type: 'gauge',
          samples: [{ value: (poll.lastError?.atMs ?? 0) / 1000 }],
        },
      );
    }
    const depth = poll?.queueDepth;
    if (depth !== undefined) {
      families.push({
        name: 'gdlens_sqs_messages',
        help: 'SQS approximate message counts of the queue consumed, per state (visible, in_flight, delayed), as last read.',
        type: 'gauge',
        samples: [
          { labels: { queue: depth.queue, state: 'visible' }, value: depth.visible },
          { labels: { queue: depth.queue, state: 'in_flight' }, value: depth.inFlight },
          { labels: { queue: depth.queue, state: 'delayed' }, value: depth.delayed },
        ],
      });
    }
    return families;
  }
}
