import { UsageError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { IndexKind, StoreNames } from './names';
import { SCHEMAS, type IndexSchema } from './schema';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses `90d`, `12h`, `2w`, `30m` into milliseconds; `flag` names the setting in the error. */
export function parseAge(text: string, flag = '--older-than'): number {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  const unit = match?.[2] === undefined ? undefined : UNIT_MS[match[2]];
  if (!match || unit === undefined || Number(match[1]) <= 0) {
    throw new UsageError(`${flag} must be a positive number with a unit m, h, d or w (e.g. 90d), got '${text}'`);
  }
  return Number(match[1]) * unit;
}

export interface PruneOptions {
  readonly names: StoreNames;
  readonly olderThanMs: number;
  /** Count what would go, delete nothing. */
  readonly dryRun: boolean;
  readonly now: () => number;
  /** @defaultValue every kind except `state` (state is small and not time based) */
  readonly kinds?: readonly IndexKind[];
  readonly schemas?: readonly IndexSchema[];
}

export interface PruneResult {
  readonly cutoff: string;
  readonly perKind: ReadonlyArray<{ readonly kind: IndexKind; readonly alias: string; readonly field: string; readonly matched: number; readonly deleted: number }>;
}

/**
 * Deletes documents whose event time is older than the cutoff, kind by kind, with
 * `_delete_by_query` (works on every OpenSearch 2.x, with or without ISM). A finding goes once its
 * latest update is older than the cutoff; its occurrences go by their own update time.
 */
export async function prune(client: OpenSearchClient, options: PruneOptions): Promise<PruneResult> {
  const cutoff = new Date(options.now() - options.olderThanMs).toISOString();
  const kinds = options.kinds ?? (['findings', 'occurrences', 'cloudtrail', 'dead-letters', 'heartbeats'] as const);
  const perKind: Array<PruneResult['perKind'][number]> = [];
  for (const kind of kinds) {
    const schema = (options.schemas ?? SCHEMAS).find((s) => s.kind === kind);
    if (!schema) continue;
    const alias = options.names.alias(kind);
    const query = { range: { [schema.timeField]: { lt: cutoff } } };
    const counted = await client.request<{ count: number }>('POST', `/${alias}/_count`, { body: { query }, accept: [404] });
    if (counted.status === 404) continue;
    let deleted = 0;
    if (!options.dryRun && counted.body.count > 0) {
      const reply = await client.request<{ deleted?: number }>('POST', `/${alias}/_delete_by_query?conflicts=proceed&refresh=true&wait_for_completion=true`, {
        body: { query },
      });
      deleted = reply.body.deleted ?? 0;
    }
    perKind.push({ kind, alias, field: schema.timeField, matched: counted.body.count, deleted });
  }
  return { cutoff, perKind };
}
