import { UsageError } from '../../errors';
import type { OpenSearchClient } from '../../opensearch/client';
import { defaultWorkerId, type PollState } from '../../sink/heartbeat';
import { readQueueDepth } from '../../metrics/sqs-depth';
import type { BulkWriter } from '../../sink/writer';
import { ObjectStateStore, s3ClientFromSettings } from '../../sources/s3';
import { MAX_VISIBILITY_S, queueMaxReceiveCount, SqsConsumer, SqsError, sqsClientFromSettings, type QueueAddress } from '../../sources/sqs';
import type { StoreNames } from '../../store/names';
import type { CommandContext } from '../command';
import { readOrWait } from './source-retry';
import { workerHeartbeat } from './worker-heartbeat';

export interface SqsWatchSettings {
  readonly queue: QueueAddress;
  /** `--sqs-endpoint`. */
  readonly endpoint?: string;
  /** `--s3-endpoint`, for the objects the notifications name. */
  readonly s3Endpoint?: string;
  /** `--max-receives`; the queue's redrive `maxReceiveCount` otherwise. */
  readonly maxReceives?: number;
  readonly visibilityTimeoutS: number;
  readonly leaseMs: number;
  readonly once: boolean;
}

/** Without a redrive policy and without --max-receives: a message that fails this often is given up. */
const DEFAULT_MAX_RECEIVES = 5;
const HEARTBEAT_INTERVAL_MS = 30_000;
// SQS's longest long poll: an idle worker makes three receives a minute.
const LONG_POLL_S = 20;
// With --once, a short wait that comes back empty means nothing is visible: the queue is drained.
const ONCE_WAIT_S = 1;
const RECEIVE_RETRY_MS = 5_000;

/**
 * Consumes a queue of S3 notifications until the signal (or, with --once, until a receive comes
 * back empty). Objects are claimed in the same state index as `--s3`, so any number of workers
 * (and an S3 poller) may share a queue and each object is read once.
 */
export async function watchSqs(
  context: CommandContext,
  client: OpenSearchClient,
  names: StoreNames,
  writer: BulkWriter,
  log: (line: string) => void,
  settings: SqsWatchSettings,
  poll: PollState,
): Promise<number> {
  if (settings.visibilityTimeoutS > MAX_VISIBILITY_S) throw new UsageError(`--visibility-timeout-s is at most ${MAX_VISIBILITY_S} (SQS's 12 hours), got ${settings.visibilityTimeoutS}`);
  const workerId = defaultWorkerId();
  const startedAt = new Date(context.now()).toISOString();
  const sqs = sqsClientFromSettings({ queue: settings.queue, env: context.env, ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }) });
  const s3 = s3ClientFromSettings({ env: context.env, ...(settings.s3Endpoint === undefined ? {} : { endpoint: settings.s3Endpoint }) });
  const beat = workerHeartbeat(client, names, { workerId, command: 'ingest --sqs', input: 'sqs', location: settings.queue.url, startedAt, accounting: writer.accounting, poll }, context.now, log);
  let lastBeatMs = -Infinity;
  try {
    let queueLimit: number | undefined;
    try {
      queueLimit = await queueMaxReceiveCount(sqs, settings.queue.url);
    } catch (error) {
      throw new SqsError(`cannot read the attributes of ${settings.queue.url}: ${error instanceof Error ? error.message : String(error)}`, { queue: settings.queue.url }, { cause: error });
    }
    // Past the queue's own limit the message is already in its dead-letter queue: gdlens must give up no later.
    const maxReceives = Math.min(settings.maxReceives ?? queueLimit ?? DEFAULT_MAX_RECEIVES, queueLimit ?? Number.MAX_SAFE_INTEGER);
    const consumer = new SqsConsumer({
      sqs,
      queueUrl: settings.queue.url,
      s3,
      state: new ObjectStateStore({ client, names, workerId, leaseMs: settings.leaseMs, now: context.now }),
      sink: writer,
      maxReceives,
      deleteDeadLettered: queueLimit === undefined,
      visibilityTimeoutS: settings.visibilityTimeoutS,
      waitTimeS: settings.once ? ONCE_WAIT_S : LONG_POLL_S,
      signal: context.signal,
      log,
    });
    log(
      `${settings.once ? 'draining' : 'consuming'} ${settings.queue.url}; a failing message is dead-lettered after ${maxReceives} receives` +
        (queueLimit === undefined ? ' and deleted (the queue has no redrive policy)' : ' and moved by the redrive policy'),
    );
    while (!context.signal.aborted) {
      if (context.now() - lastBeatMs >= HEARTBEAT_INTERVAL_MS) {
        lastBeatMs = context.now();
        // The queue depth goes with the heartbeat and /metrics: a backlog that grows is the pipeline falling behind.
        await readQueueDepth(sqs, settings.queue.url).then(
          (depth) => void (poll.queueDepth = depth),
          (error: unknown) => log(`queue depth not read: ${error instanceof Error ? error.message : String(error)}`),
        );
        await beat('running');
      }
      const summary = await readOrWait(() => consumer.receiveOnce(), {
        once: settings.once,
        isSourceError: (error): error is SqsError => error instanceof SqsError,
        what: 'receive',
        waitMs: RECEIVE_RETRY_MS,
        poll,
        log,
        now: context.now,
        signal: context.signal,
      });
      if (summary === undefined) continue;
      poll.objectsSeen = summary.received;
      poll.polls += 1;
      if (summary.received > 0) {
        log(
          `receive: ${summary.received} messages, ${summary.deleted} deleted, ${summary.retried} to retry, ${summary.deadLettered} dead-lettered, ${summary.skipped} skipped; ` +
            `${summary.objectsRead} objects read (${summary.records} records), ${summary.objectsAlreadyDone} already done; totals ${writer.accounting.summary()}`,
        );
      } else if (settings.once) break;
    }
    await writer.flush();
  } catch (error) {
    await writer.flush().catch(() => undefined);
    await beat('failed');
    throw error;
  } finally {
    sqs.destroy();
    s3.destroy();
  }
  await beat('stopped');
  context.stdout.write(`gdlens ingest: ${writer.accounting.summary()}${context.signal.aborted ? ', stopped by signal' : ''}\n`);
  return writer.accounting.pending === 0 ? 0 : 1;
}
