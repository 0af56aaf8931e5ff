import { ConfigError } from '../errors';

/** The kinds of index gdlens keeps, each behind its own alias. */
export const INDEX_KINDS = ['findings', 'occurrences', 'cloudtrail', 'dead-letters', 'heartbeats', 'state', 'tags', 'tag-impact'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** @defaultValue the prefix every name starts with unless `--prefix` says otherwise */
export const DEFAULT_PREFIX = 'gdlens';

/** Index, alias and script names derived from one prefix; computed once, passed around. */
export interface StoreNames {
  readonly prefix: string;
  /** The alias every reader and writer uses, e.g. `gdlens-findings`. */
  alias(kind: IndexKind): string;
  /** The concrete index for a schema version, e.g. `gdlens-findings-v1`. */
  index(kind: IndexKind, version: number): string;
  /** The composable template name for a kind. */
  template(kind: IndexKind): string;
  readonly settingsComponent: string;
  readonly findingScript: string;
  readonly occurrenceScript: string;
  readonly ismPolicy: string;
}

/** Throws `ConfigError` unless the prefix can start an index name. */
export function storeNames(prefix: string = DEFAULT_PREFIX): StoreNames {
  if (!/^[a-z0-9][a-z0-9_-]{0,59}$/.test(prefix)) {
    throw new ConfigError(`--prefix must be lowercase letters, digits, '-' or '_' (at most 60), got '${prefix}'`, { prefix });
  }
  return {
    prefix,
    alias: (kind) => `${prefix}-${kind}`,
    index: (kind, version) => `${prefix}-${kind}-v${version}`,
    template: (kind) => `${prefix}-${kind}`,
    settingsComponent: `${prefix}-settings`,
    findingScript: `${prefix}-finding-upsert`,
    occurrenceScript: `${prefix}-occurrence-upsert`,
    ismPolicy: `${prefix}-retention`,
  };
}
