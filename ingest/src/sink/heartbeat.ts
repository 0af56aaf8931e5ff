import { hostname } from 'node:os';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import type { Accounting } from './accounting';

/** One worker's liveness document, overwritten in place (id = worker id) so it never grows. */
export async function writeHeartbeat(
  client: OpenSearchClient,
  names: StoreNames,
  beat: { workerId: string; command: string; startedAt: string; status: 'running' | 'stopped' | 'failed'; nowIso: string; accounting: Accounting },
): Promise<void> {
  await client.request('PUT', `/${names.alias('heartbeats')}/_doc/${encodeURIComponent(beat.workerId)}`, {
    body: {
      '@timestamp': beat.nowIso,
      worker_id: beat.workerId,
      host: hostname(),
      pid: process.pid,
      command: beat.command,
      started_at: beat.startedAt,
      status: beat.status,
      ...beat.accounting.counts,
    },
  });
}

export function defaultWorkerId(): string {
  return `${hostname()}-${process.pid}`;
}
