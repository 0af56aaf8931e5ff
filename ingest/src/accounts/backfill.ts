/**
 * Brings documents stored before the accounts file was configured (or before an account was
 * renamed) in line with the file, so every document of a listed account carries the file's
 * `account_name` and `account_env`, whenever it was written.
 *
 * Why this is safe beside the findings upsert (`store/scripts.ts`): the upsert decides between
 * updates by `version_key` (updated_at, count, hash of `detail`) and its `ledger`; neither depends
 * on `account_name`/`account_env`, and this script touches nothing else. A later real update still
 * has the greater key and replaces the whole document; a re-delivery still finds its key in the
 * ledger and is a no-op. Occurrences keep `count_delta`, `delta_seq` and `complete` as they were,
 * so the sum of deltas is unchanged. The only thing an update by query bumps is `_version`/
 * `_seq_no`, which gdlens never compares (the writer's updates retry on conflict).
 *
 * Accounts removed from the file are left as they are: their documents keep the last name they
 * were given, and only their new records are stored without one. Two reasons: workers may run with
 * different files (one per organisational unit, say), and a worker erasing every name its own file
 * does not list would undo the others' at each start; and a line dropped by mistake would wipe the
 * history's names until it is restored. The cost: for such an account, alert windows that span the
 * removal see named and unnamed documents (see `alerts/src/rules/findings.ts`).
 */
import { IngestError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import type { AccountDirectory, AccountInfo } from './directory';

/** The indices whose documents carry `account_name`/`account_env`. */
export const BACKFILL_KINDS = ['findings', 'occurrences', 'cloudtrail'] as const;
export type BackfillKind = (typeof BACKFILL_KINDS)[number];

/**
 * Sets both fields from `params.accounts` (id → {name, env}); an account without env loses the
 * field. The query already selected only documents that differ, the noop guards a document whose
 * account_id changed between the search and the update (never in practice).
 */
export const ACCOUNT_BACKFILL_SCRIPT = `
def info = params.accounts.get(ctx._source.account_id);
if (info == null) { ctx.op = 'noop'; return; }
ctx._source.account_name = info.name;
if (info.env == null) { ctx._source.remove('account_env'); } else { ctx._source.account_env = info.env; }
`.trim();

/**
 * Accounts per query. Lucene counts every leaf clause against `indices.query.bool.max_clause_count`
 * (1024 by default); each account costs at most 4 here, so 200 stay well below with room to spare.
 */
export const ACCOUNTS_PER_QUERY = 200;

/** Passes over an index when documents were skipped because a writer changed them meanwhile. */
const MAX_PASSES = 3;

/** How long one `_tasks` request waits before asking again (under the client's request timeout). */
const TASK_WAIT_S = 20;

type Query = Record<string, unknown>;

/**
 * Documents of the given accounts whose name or environment differs from the file: missing,
 * renamed, a different case (`.raw` is compared, not the lowercased keyword), or an `account_env`
 * the file no longer gives. Matches nothing once the store agrees with the file.
 */
export function inconsistentAccountsQuery(accounts: ReadonlyArray<readonly [string, AccountInfo]>): Query {
  return {
    bool: {
      minimum_should_match: 1,
      should: accounts.map(([id, info]) => ({
        bool: {
          filter: [{ term: { 'account_id.raw': id } }],
          must_not: [
            {
              bool: {
                filter: [
                  { term: { 'account_name.raw': info.name } },
                  info.env === undefined ? { bool: { must_not: [{ exists: { field: 'account_env' } }] } } : { term: { 'account_env.raw': info.env } },
                ],
              },
            },
          ],
        },
      })),
    },
  };
}

/** Splits the directory into groups small enough for one query. */
export function accountChunks(directory: AccountDirectory, size: number = ACCOUNTS_PER_QUERY): Array<Array<[string, AccountInfo]>> {
  const entries = [...directory];
  const chunks: Array<Array<[string, AccountInfo]>> = [];
  for (let start = 0; start < entries.length; start += size) chunks.push(entries.slice(start, start + size));
  return chunks;
}

/** The script params: id → {name, env}, env left out when the file gives none. */
export function scriptParams(accounts: ReadonlyArray<readonly [string, AccountInfo]>): Record<string, { name: string; env?: string }> {
  return Object.fromEntries(accounts.map(([id, info]) => [id, info.env === undefined ? { name: info.name } : { name: info.name, env: info.env }]));
}

export interface BackfillCount {
  readonly kind: BackfillKind;
  readonly alias: string;
  /** Documents found differing from the file (first pass). */
  readonly matched: number;
  readonly updated: number;
  /** Documents still skipped after the last pass because writers kept changing them. */
  readonly conflicts: number;
}

interface ByQueryResponse {
  readonly updated?: number;
  readonly noops?: number;
  readonly version_conflicts?: number;
  readonly failures?: readonly unknown[];
}

interface TaskReply {
  readonly completed?: boolean;
  readonly response?: ByQueryResponse;
  readonly error?: { readonly type?: string; readonly reason?: string };
}

/** Runs one update by query as a task and waits for it, so a large backfill outlives no HTTP timeout. */
async function runUpdateByQuery(client: OpenSearchClient, alias: string, body: unknown, signal?: AbortSignal): Promise<ByQueryResponse> {
  const started = await client.request<{ task?: string }>(
    'POST',
    `/${alias}/_update_by_query?conflicts=proceed&refresh=true&slices=auto&wait_for_completion=false`,
    { body, ...(signal === undefined ? {} : { signal }) },
  );
  const task = started.body.task;
  if (task === undefined) throw new IngestError(`account backfill: ${alias}: _update_by_query returned no task`, { alias, reply: started.body });
  try {
    return await awaitTask(client, alias, task, signal);
  } finally {
    await forgetTask(client, task);
  }
}

/**
 * A task run with `wait_for_completion=false` leaves its result in the `.tasks` index for good; one
 * per backfill query at every start-up would pile up. Removing it is housekeeping: a cluster that
 * refuses access to system indices (Amazon OpenSearch Service may) keeps it, and the backfill
 * still counts as done. A task still running when the wait was abandoned has no result yet and
 * answers 404.
 */
async function forgetTask(client: OpenSearchClient, task: string): Promise<void> {
  await client.request('DELETE', `/.tasks/_doc/${encodeURIComponent(task)}`, { accept: [401, 403, 404] }).catch(() => undefined);
}

async function awaitTask(client: OpenSearchClient, alias: string, task: string, signal: AbortSignal | undefined): Promise<ByQueryResponse> {
  for (;;) {
    // A wait that times out answers 500 timeout_exception: the task is still running, ask again.
    const reply = await client.request<TaskReply & { error?: { type?: string } }>('GET', `/_tasks/${encodeURIComponent(task)}?wait_for_completion=true&timeout=${TASK_WAIT_S}s`, {
      accept: [500],
      ...(signal === undefined ? {} : { signal }),
    });
    if (reply.status === 500) {
      if (reply.body.error?.type === 'timeout_exception') continue;
      throw new IngestError(`account backfill: ${alias}: task ${task} failed: ${JSON.stringify(reply.body.error ?? reply.body)}`, { alias, task });
    }
    if (reply.body.completed !== true) continue;
    if (reply.body.error !== undefined) {
      throw new IngestError(`account backfill: ${alias}: ${reply.body.error.type ?? 'error'}: ${reply.body.error.reason ?? ''}`, { alias, task });
    }
    const response = reply.body.response ?? {};
    const [failure] = response.failures ?? [];
    if (failure !== undefined) {
      throw new IngestError(`account backfill: ${alias}: ${response.failures?.length ?? 0} document(s) failed, first: ${JSON.stringify(failure)}`, { alias, task });
    }
    return response;
  }
}

/**
 * Updates every stored document of a listed account whose `account_name`/`account_env` differs from
 * the directory, on the findings, occurrences and CloudTrail aliases. When everything already
 * agrees it costs one `_count` per index and group of accounts, so running it at every start is
 * cheap. Documents a writer changes during the run are skipped by OpenSearch (`conflicts=proceed`)
 * and tried again, up to three passes.
 */
export async function backfillAccounts(
  client: OpenSearchClient,
  names: StoreNames,
  directory: AccountDirectory,
  options: { readonly accountsPerQuery?: number; readonly signal?: AbortSignal } = {},
): Promise<BackfillCount[]> {
  const chunks = accountChunks(directory, options.accountsPerQuery);
  const counts: BackfillCount[] = [];
  for (const kind of BACKFILL_KINDS) {
    const alias = names.alias(kind);
    let matched = 0;
    let updated = 0;
    let conflicts = 0;
    for (const chunk of chunks) {
      const query = inconsistentAccountsQuery(chunk);
      const script = { lang: 'painless', source: ACCOUNT_BACKFILL_SCRIPT, params: { accounts: scriptParams(chunk) } };
      let skipped = 0;
      for (let pass = 0; pass < MAX_PASSES; pass += 1) {
        const counted = await client.request<{ count: number }>('POST', `/${alias}/_count`, { body: { query } });
        if (pass === 0) matched += counted.body.count;
        if (counted.body.count === 0) {
          skipped = 0;
          break;
        }
        const response = await runUpdateByQuery(client, alias, { query, script }, options.signal);
        updated += response.updated ?? 0;
        skipped = response.version_conflicts ?? 0;
        if (skipped === 0) break;
      }
      conflicts += skipped;
    }
    counts.push({ kind, alias, matched, updated, conflicts });
  }
  return counts;
}

/** One log line: `account names: findings 12, occurrences 30, cloudtrail 0 documents updated`. */
export function backfillSummary(counts: readonly BackfillCount[]): string {
  const parts = counts.map((c) => `${c.kind} ${c.updated}${c.conflicts > 0 ? ` (${c.conflicts} skipped: changed meanwhile, next start retries)` : ''}`);
  return `account names: ${parts.join(', ')} documents updated to match the accounts file`;
}
