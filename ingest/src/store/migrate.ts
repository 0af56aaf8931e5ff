import { IngestError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';

export interface MigrateOptions {
  /** The alias readers and writers use; it points at the old index (or indices) now. */
  readonly alias: string;
  /** The new index, already created with the new mapping and no alias. */
  readonly toIndex: string;
  /** Optional Painless source applied to each document while copying (a field rename, say). */
  readonly script?: string;
}

/** Thrown when the copy did not take every document: the alias is left where it was. */
export class MigrationError extends IngestError {
  override readonly name = 'MigrationError';
}

interface ReindexReply {
  total?: number;
  created?: number;
  updated?: number;
  failures?: unknown[];
}

/**
 * Moves an alias to a new index: copies every document with `_reindex` (which keeps `_id`, so
 * finding and occurrence ids survive), then swaps the alias in one atomic `_aliases` call so
 * readers never see an empty or half-filled index. Writers should be stopped during a migration:
 * writes that land on the old index between the copy and the swap are not carried over (rerunning
 * `gdlens ingest` over the same inputs restores them, since every write is idempotent).
 */
export async function migrateIndex(client: OpenSearchClient, options: MigrateOptions): Promise<{ copied: number; fromIndices: string[] }> {
  const current = await client.request<Record<string, unknown>>('GET', `/_alias/${options.alias}`);
  const fromIndices = Object.keys(current.body ?? {});
  if (fromIndices.length === 0) throw new MigrationError(`${options.alias} points at no index`, { alias: options.alias });
  await client.request('POST', `/${options.alias}/_refresh`);
  const reply = await client.request<ReindexReply>('POST', '/_reindex?wait_for_completion=true&refresh=true', {
    body: {
      source: { index: options.alias },
      dest: { index: options.toIndex, version_type: 'external_gte' },
      ...(options.script ? { script: { lang: 'painless', source: options.script } } : {}),
    },
  });
  const failures = reply.body.failures ?? [];
  if (failures.length > 0) {
    throw new MigrationError(`reindex ${options.alias} → ${options.toIndex} failed for ${failures.length} documents: ${JSON.stringify(failures.slice(0, 3))}`, {
      alias: options.alias,
    });
  }
  const copied = (reply.body.created ?? 0) + (reply.body.updated ?? 0);
  const counted = await client.request<{ count: number }>('GET', `/${options.alias}/_count`);
  if (counted.body.count !== copied) {
    throw new MigrationError(`reindex copied ${copied} of ${counted.body.count} documents from ${options.alias}; alias left in place`, { alias: options.alias });
  }
  await client.request('POST', '/_aliases', {
    body: {
      actions: [
        ...fromIndices.map((index) => ({ remove: { index, alias: options.alias } })),
        { add: { index: options.toIndex, alias: options.alias, is_write_index: true } },
      ],
    },
  });
  return { copied, fromIndices };
}
