import { ConfigError, IngestError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import { hasIsm, ismPolicy, ROLLING_KINDS } from './ism';
import { SHARED_SETTINGS } from './mappings';
import { migrateIndex } from './migrate';
import { INDEX_KINDS, type IndexKind, type StoreNames } from './names';
import { SCHEMAS, type IndexSchema } from './schema';
import { FINDING_UPSERT_SCRIPT, OCCURRENCE_UPSERT_SCRIPT } from './scripts';

export interface SetupOptions {
  readonly names: StoreNames;
  /** Override the schemas (tests install a v2 to exercise a migration). @defaultValue `SCHEMAS` */
  readonly schemas?: readonly IndexSchema[];
  /** Retention the ISM policy applies where ISM exists. @defaultValue 90 */
  readonly retentionDays?: number;
  /** Migrate an alias that points at an older schema version. @defaultValue true */
  readonly migrate?: boolean;
  readonly log?: (line: string) => void;
}

export type SetupAction = 'created' | 'up-to-date' | 'migrated';

export interface SetupReport {
  readonly ism: boolean;
  readonly indices: ReadonlyArray<{ readonly kind: IndexKind; readonly alias: string; readonly index: string; readonly action: SetupAction }>;
}

/** The first concrete index of a kind at a schema version; rolling kinds carry a rollover counter. */
export function firstIndexName(names: StoreNames, kind: IndexKind, version: number): string {
  const base = names.index(kind, version);
  return ROLLING_KINDS.includes(kind) ? `${base}-000001` : base;
}

/** The schema version encoded in a concrete index name (`…-v3` or `…-v3-000002`). */
export function versionOfIndex(names: StoreNames, kind: IndexKind, index: string): number | undefined {
  const prefix = `${names.prefix}-${kind}-v`;
  if (!index.startsWith(prefix)) return undefined;
  const match = /^(\d+)(?:-\d+)?$/.exec(index.slice(prefix.length));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Installs everything gdlens stores into, idempotently: the shared settings component, one
 * composable template per kind, the stored scripts, the ISM policy where the plugin exists, and
 * one versioned index behind each alias. An alias on an older schema version is migrated by
 * reindexing behind an alias swap.
 */
export async function setupStore(client: OpenSearchClient, options: SetupOptions): Promise<SetupReport> {
  const { names } = options;
  const schemas = options.schemas ?? SCHEMAS;
  const log = options.log ?? (() => undefined);
  await requireSupportedCluster(client);

  await client.request('PUT', `/_component_template/${names.settingsComponent}`, { body: { template: SHARED_SETTINGS, _meta: { managed_by: 'gdlens' } } });
  for (const schema of schemas) {
    await client.request('PUT', `/_index_template/${names.template(schema.kind)}`, {
      body: {
        index_patterns: [`${names.prefix}-${schema.kind}-v*`],
        composed_of: [names.settingsComponent],
        priority: 200,
        template: { mappings: schema.mappings },
        _meta: { managed_by: 'gdlens', schema_version: schema.version },
      },
    });
  }
  await client.request('PUT', `/_scripts/${names.findingScript}`, { body: { script: { lang: 'painless', source: FINDING_UPSERT_SCRIPT } } });
  await client.request('PUT', `/_scripts/${names.occurrenceScript}`, { body: { script: { lang: 'painless', source: OCCURRENCE_UPSERT_SCRIPT } } });

  const ism = await hasIsm(client);
  if (ism) {
    await installIsmPolicy(client, names, options.retentionDays ?? 90);
    log(`ISM policy ${names.ismPolicy} installed for ${ROLLING_KINDS.join(', ')}`);
  } else {
    log('ISM is not available on this cluster: use `gdlens prune --older-than 90d` (e.g. daily) for retention');
  }

  const indices: Array<SetupReport['indices'][number]> = [];
  for (const schema of schemas) {
    indices.push(await ensureAlias(client, names, schema, ism, options.migrate ?? true, log));
  }
  return { ism, indices };
}

/**
 * gdlens needs OpenSearch 2.7 or later (`flat_object`) and runs on any 2.x or 3.x, self-managed or
 * Amazon OpenSearch Service. Fails with the version found rather than with a mapping error later.
 */
export async function requireSupportedCluster(client: OpenSearchClient): Promise<string> {
  const info = await client.request<{ version?: { number?: string; distribution?: string } }>('GET', '/');
  const version = info.body.version?.number ?? '';
  const [major, minor] = version.split('.').map(Number);
  const distribution = info.body.version?.distribution;
  if (distribution !== 'opensearch' || major === undefined || minor === undefined || major < 2 || (major === 2 && minor < 7)) {
    throw new ConfigError(`gdlens needs OpenSearch 2.7 or later (flat_object); ${client.displayUrl} runs ${distribution ?? 'an unknown distribution'} ${version || '(no version)'}`, {
      version,
    });
  }
  return version;
}

async function ensureAlias(
  client: OpenSearchClient,
  names: StoreNames,
  schema: IndexSchema,
  ism: boolean,
  migrate: boolean,
  log: (line: string) => void,
): Promise<SetupReport['indices'][number]> {
  const alias = names.alias(schema.kind);
  const existing = await client.request<Record<string, unknown>>('GET', `/_alias/${alias}`, { accept: [404] });
  const target = firstIndexName(names, schema.kind, schema.version);
  if (existing.status === 404) {
    const concrete = await client.request('HEAD', `/${alias}`, { accept: [404] });
    if (concrete.status === 200) {
      throw new ConfigError(`'${alias}' is an index, not an alias: gdlens needs the name for its alias (reindex it elsewhere or delete it)`, { alias });
    }
    await createIndex(client, names, schema.kind, target, alias, ism);
    log(`created ${target} behind alias ${alias}`);
    return { kind: schema.kind, alias, index: target, action: 'created' };
  }
  const current = Object.keys(existing.body ?? {});
  const versions = current.map((index) => versionOfIndex(names, schema.kind, index) ?? 0);
  const newest = Math.max(...versions);
  if (newest > schema.version) {
    throw new ConfigError(`${alias} is at schema v${newest}, newer than this gdlens (v${schema.version}): upgrade gdlens`, { alias });
  }
  if (newest === schema.version) {
    // Additive mapping changes within a version apply in place; a type change bumps the version.
    for (const index of current) {
      await client.request('PUT', `/${index}/_mapping`, { body: schema.mappings });
    }
    return { kind: schema.kind, alias, index: current.sort().at(-1) ?? target, action: 'up-to-date' };
  }
  if (!migrate) {
    throw new ConfigError(`${alias} is at schema v${newest}, this gdlens needs v${schema.version}: run gdlens setup to migrate`, { alias });
  }
  await createIndex(client, names, schema.kind, target, undefined, ism);
  const result = await migrateIndex(client, { alias, toIndex: target });
  log(`migrated ${alias}: ${current.join(', ')} → ${target} (${result.copied} documents); old indices kept: delete them once satisfied`);
  return { kind: schema.kind, alias, index: target, action: 'migrated' };
}

async function createIndex(client: OpenSearchClient, names: StoreNames, kind: IndexKind, index: string, alias: string | undefined, ism: boolean): Promise<void> {
  const rolling = ROLLING_KINDS.includes(kind);
  const body: Record<string, unknown> = {};
  if (alias) body.aliases = { [alias]: { is_write_index: true } };
  if (ism && rolling) body.settings = { 'plugins.index_state_management.rollover_alias': names.alias(kind) };
  const response = await client.request<{ error?: { type?: string } }>('PUT', `/${index}`, { body, accept: [400] });
  if (response.status === 400) {
    // Two `setup` runs racing: the other one created it; make sure the alias is there.
    if (response.body.error?.type !== 'resource_already_exists_exception') {
      throw new IngestError(`could not create ${index}: ${JSON.stringify(response.body)}`, { index });
    }
    if (alias) await client.request('PUT', `/${index}/_alias/${alias}`, { body: { is_write_index: true } });
  }
}

async function installIsmPolicy(client: OpenSearchClient, names: StoreNames, retentionDays: number): Promise<void> {
  const path = `/_plugins/_ism/policies/${names.ismPolicy}`;
  const existing = await client.request<{ _seq_no?: number; _primary_term?: number }>('GET', path, { accept: [404] });
  const query = existing.status === 200 ? `?if_seq_no=${existing.body._seq_no}&if_primary_term=${existing.body._primary_term}` : '';
  await client.request('PUT', `${path}${query}`, { body: ismPolicy(names, retentionDays) });
}

/**
 * Removes everything `setupStore` installed under `names`: indices, index templates, the shared
 * settings template and the stored scripts (templates before the component they use). Missing
 * pieces are fine, so it can tidy up after a partial setup. For tests, benchmarks and uninstalls.
 */
export async function removeStore(client: OpenSearchClient, names: StoreNames): Promise<void> {
  await client.request('DELETE', `/${names.prefix}-*`, { accept: [404] });
  for (const kind of INDEX_KINDS) await client.request('DELETE', `/_index_template/${names.template(kind)}`, { accept: [404] });
  await client.request('DELETE', `/_component_template/${names.settingsComponent}`, { accept: [404] });
  await client.request('DELETE', `/_scripts/${names.findingScript}`, { accept: [404] });
  await client.request('DELETE', `/_scripts/${names.occurrenceScript}`, { accept: [404] });
}
