import { hostname } from 'node:os';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import { WRITTEN_SOURCES, type Accounting, type WrittenSource } from './accounting';

/** What a worker reads from: files given once, a watched directory, an S3 prefix, an SQS queue. */
export type InputKind = 'files' | 'watch' | 's3' | 'sqs';

/** SQS's approximate counts (GetQueueAttributes) for the queue a worker consumes. */
export interface QueueDepth {
  readonly queue: string;
  /** ApproximateNumberOfMessages: waiting to be received. */
  readonly visible: number;
  /** ApproximateNumberOfMessagesNotVisible: received, not deleted yet. */
  readonly inFlight: number;
  /** ApproximateNumberOfMessagesDelayed. */
  readonly delayed: number;
}

/** How a poll went: what the next heartbeat reports beside the counts. */
export interface PollState {
  /** Objects (files, S3 objects, messages) the last poll saw, done or not. */
  objectsSeen: number;
  /** Polls finished since the worker started. */
  polls: number;
  /** The newest error a poll met (kept until the worker stops), so a stuck worker says why. */
  lastError?: { message: string; atMs: number };
  /** The SQS source's queue depth, as last read. */
  queueDepth?: QueueDepth;
}

export interface Heartbeat {
  readonly workerId: string;
  readonly command: string;
  readonly input: InputKind;
  /** Directory, S3 URL or queue URL the worker reads (absent for files and stdin). */
  readonly location?: string;
  readonly startedAt: string;
  readonly status: 'running' | 'stopped' | 'failed';
  readonly nowMs: number;
  readonly accounting: Accounting;
  readonly poll?: PollState;
}

const LAG_FIELDS: Record<WrittenSource, string> = { 'aws.guardduty': 'findings_lag_ms', 'aws.cloudtrail': 'cloudtrail_lag_ms' };

/**
 * The heartbeat document. Lag is "now minus the newest `ingested_at` this worker stored", per
 * document source and overall: a fresh heartbeat with a growing lag means AWS is quiet, a stale
 * heartbeat means the worker is broken. Absent lag: nothing stored since the worker started.
 */
export function heartbeatDocument(beat: Heartbeat): Record<string, unknown> {
  const lags: Record<string, number> = {};
  let newestMs: number | undefined;
  for (const source of WRITTEN_SOURCES) {
    const writtenMs = beat.accounting.newestWrittenMs[source];
    if (writtenMs === undefined) continue;
    lags[LAG_FIELDS[source]] = Math.max(0, beat.nowMs - writtenMs);
    newestMs = Math.max(newestMs ?? writtenMs, writtenMs);
  }
  const lastError = beat.poll?.lastError;
  const depth = beat.poll?.queueDepth;
  return {
    '@timestamp': new Date(beat.nowMs).toISOString(),
    worker_id: beat.workerId,
    host: hostname(),
    pid: process.pid,
    command: beat.command,
    input: beat.input,
    ...(beat.location === undefined ? {} : { location: beat.location }),
    started_at: beat.startedAt,
    status: beat.status,
    ...beat.accounting.counts,
    pending: beat.accounting.pending,
    batches: beat.accounting.batches,
    retries: beat.accounting.retries,
    ...(beat.poll === undefined ? {} : { objects_seen: beat.poll.objectsSeen, polls: beat.poll.polls }),
    ...(newestMs === undefined ? {} : { newest_ingested_at: new Date(newestMs).toISOString(), lag_ms: Math.max(0, beat.nowMs - newestMs) }),
    ...lags,
    ...(lastError === undefined ? {} : { last_error: lastError.message, last_error_at: new Date(lastError.atMs).toISOString() }),
    ...(depth === undefined ? {} : { queue_visible: depth.visible, queue_in_flight: depth.inFlight, queue_delayed: depth.delayed }),
  };
}

/** One worker's liveness document, overwritten in place (id = worker id) so it never grows. */
export async function writeHeartbeat(client: OpenSearchClient, names: StoreNames, beat: Heartbeat): Promise<void> {
  await client.request('PUT', `/${names.alias('heartbeats')}/_doc/${encodeURIComponent(beat.workerId)}`, { body: heartbeatDocument(beat) });
}

export function defaultWorkerId(): string {
  return `${hostname()}-${process.pid}`;
}
