import { ConfigError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { IndexKind, StoreNames } from './names';

/** The aliases a command that reads or writes findings needs. */
export const CORE_KINDS: readonly IndexKind[] = ['findings', 'occurrences', 'cloudtrail', 'dead-letters'];

/**
 * Fails fast, before any work, when the cluster cannot be reached with these credentials (the
 * client's 401/403 error names the settings) or `gdlens setup` has not been run there. Without
 * it, a command that turns every failed query into a result (backtest, like Grafana's ruler,
 * reports a rule as Error) would print a full report of errors and exit 0.
 */
export async function requireStore(client: OpenSearchClient, names: StoreNames, kinds: readonly IndexKind[] = CORE_KINDS): Promise<void> {
  for (const kind of kinds) {
    const alias = names.alias(kind);
    const found = await client.request('HEAD', `/_alias/${alias}`, { accept: [404] });
    if (found.status === 404) throw new ConfigError(`alias ${alias} not found on ${client.displayUrl}: run gdlens setup first`, { alias });
  }
}
