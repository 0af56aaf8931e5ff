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
  // Asked at once (they are independent), reported in the order given.
  const statuses = await Promise.all(kinds.map(async (kind) => (await client.request('HEAD', `/_alias/${names.alias(kind)}`, { accept: [404] })).status));
  const missing = kinds.find((_, i) => statuses[i] === 404);
  if (missing !== undefined) {
    const alias = names.alias(missing);
    throw new ConfigError(`alias ${alias} not found on ${client.displayUrl}: run gdlens setup first`, { alias });
  }
}
