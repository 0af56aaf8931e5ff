import type { OpenSearchClient } from '../opensearch/client';
import type { IndexKind, StoreNames } from './names';

/**
 * Kinds stored as a rolling series of indices (`gdlens-cloudtrail-v1-000001`, `-000002`, …): append
 * only and time ordered, so whole old indices can be dropped by ISM. Findings and occurrences are
 * updated in place and stay one index each; `gdlens prune` trims them by event time.
 */
export const ROLLING_KINDS: readonly IndexKind[] = ['cloudtrail', 'dead-letters'];

/**
 * True when the cluster has the Index State Management plugin (Amazon OpenSearch Service and the
 * full distribution do; a minimal node does not). Asks `_cat/plugins` first, then the endpoint
 * itself, since managed services may hide plugin names.
 */
export async function hasIsm(client: OpenSearchClient): Promise<boolean> {
  const plugins = await client.request<Array<{ component?: string }>>('GET', '/_cat/plugins?format=json', { accept: [401, 403, 404] });
  if (plugins.status === 200 && Array.isArray(plugins.body) && plugins.body.some((p) => p.component === 'opensearch-index-management')) {
    return true;
  }
  const probe = await client.request('GET', '/_plugins/_ism/policies?size=1', { accept: [400, 401, 403, 404, 405] });
  return probe.status === 200;
}

/**
 * The ISM policy for rolling kinds: roll the write index over daily (or at 10 GB a shard), delete
 * a backing index once it has been rolled over for `retentionDays`. `ism_template` attaches it to
 * every new backing index, so indices made by rollover inherit it.
 */
export function ismPolicy(names: StoreNames, retentionDays: number): Record<string, unknown> {
  return {
    policy: {
      description: `gdlens: roll ${ROLLING_KINDS.join(', ')} over daily and delete them ${retentionDays} days after rollover`,
      default_state: 'hot',
      states: [
        {
          name: 'hot',
          actions: [{ rollover: { min_index_age: '1d', min_primary_shard_size: '10gb' } }],
          transitions: [{ state_name: 'delete', conditions: { min_rollover_age: `${retentionDays}d` } }],
        },
        { name: 'delete', actions: [{ delete: {} }], transitions: [] },
      ],
      ism_template: [{ index_patterns: ROLLING_KINDS.map((kind) => `${names.prefix}-${kind}-v*`), priority: 100 }],
    },
  };
}
