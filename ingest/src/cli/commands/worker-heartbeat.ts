import type { OpenSearchClient } from '../../opensearch/client';
import { writeHeartbeat, type Heartbeat } from '../../sink/heartbeat';
import type { StoreNames } from '../../store/names';

export type WorkerStatus = Heartbeat['status'];

/** What stays the same across the heartbeats of one worker run. */
export type WorkerRun = Omit<Heartbeat, 'status' | 'nowMs'>;

/**
 * The heartbeat writer of one worker run. A beat that cannot be written is logged and the run goes on:
 * the findings matter more than the beat, and the next one may get through.
 */
export function workerHeartbeat(
  client: OpenSearchClient,
  names: StoreNames,
  run: WorkerRun,
  now: () => number,
  log: (line: string) => void,
): (status: WorkerStatus) => Promise<void> {
  return (status) =>
    writeHeartbeat(client, names, { ...run, status, nowMs: now() }).catch((error: unknown) => log(`heartbeat not written: ${error instanceof Error ? error.message : String(error)}`));
}
