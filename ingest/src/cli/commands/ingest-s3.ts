/**
 * `gdlens ingest --s3`: its own module, loaded only when asked for, so that the other commands do
 * not pay for loading the AWS SDK at start-up.
 */
import { UsageError } from '../../errors';
import type { OpenSearchClient } from '../../opensearch/client';
import { defaultWorkerId, type PollState } from '../../sink/heartbeat';
import { realSleep } from '../../sink/retry';
import type { BulkWriter } from '../../sink/writer';
import { ObjectStateStore, S3Poller, S3ReadError, s3ClientFromSettings, type S3Location } from '../../sources/s3';
import type { StoreNames } from '../../store/names';
import type { CommandContext } from '../command';
import { readOrWait } from './source-retry';
import { workerHeartbeat } from './worker-heartbeat';

export interface S3WatchSettings {
  readonly location: S3Location;
  readonly url: string;
  readonly pollMs: number;
  readonly once: boolean;
  readonly pageSizeKeys: number;
  readonly leaseMs: number;
  readonly endpoint?: string;
}

/**
 * Polls a bucket prefix until the signal (or once, with --once). Which objects are done lives in
 * the state index shared by every worker, so several workers may poll the same prefix.
 */
export async function watchS3(
  context: CommandContext,
  client: OpenSearchClient,
  names: StoreNames,
  writer: BulkWriter,
  log: (line: string) => void,
  settings: S3WatchSettings,
  poll: PollState,
): Promise<number> {
  if (settings.pageSizeKeys > 1000) throw new UsageError(`--s3-page-size is at most 1000 (S3's own limit), got ${settings.pageSizeKeys}`);
  const workerId = defaultWorkerId();
  const startedAt = new Date(context.now()).toISOString();
  const s3 = s3ClientFromSettings({ env: context.env, ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }) });
  const state = new ObjectStateStore({ client, names, workerId, leaseMs: settings.leaseMs, now: context.now });
  const poller = new S3Poller({ s3, location: settings.location, state, sink: writer, pageSizeKeys: settings.pageSizeKeys, signal: context.signal, log });
  // A heartbeat on every poll, so alerts can tell a quiet GuardDuty from a stopped worker.
  const beat = workerHeartbeat(client, names, { workerId, command: 'ingest --s3', input: 's3', location: settings.url, startedAt, accounting: writer.accounting, poll }, context.now, log);
  log(settings.once ? `reading ${settings.url} once` : `polling ${settings.url} every ${settings.pollMs} ms`);
  let failed = 0;
  try {
    while (!context.signal.aborted) {
      await beat('running');
      const summary = await readOrWait(() => poller.pollOnce(), {
        once: settings.once,
        isSourceError: (error): error is S3ReadError => error instanceof S3ReadError,
        what: 'poll',
        waitMs: settings.pollMs,
        poll,
        log,
        now: context.now,
        signal: context.signal,
      });
      if (summary === undefined) continue;
      failed = summary.failed;
      poll.objectsSeen = summary.listed;
      poll.polls += 1;
      log(
        `poll: ${summary.listed} objects listed, ${summary.processed} read (${summary.records} records), ${summary.busy} held by other workers, ${summary.failed} failed; totals ${writer.accounting.summary()}`,
      );
      if (settings.once) break;
      await realSleep(settings.pollMs, context.signal).catch(() => undefined);
    }
    await writer.flush();
  } catch (error) {
    await writer.flush().catch(() => undefined);
    await beat('failed');
    throw error;
  } finally {
    s3.destroy();
  }
  await beat('stopped');
  context.stdout.write(`gdlens ingest: ${writer.accounting.summary()}${context.signal.aborted ? ', stopped by signal' : ''}\n`);
  return writer.accounting.pending === 0 && failed === 0 ? 0 : 1;
}
