import { parseArgs } from 'node:util';
import { UsageError } from '../../errors';
import { clientFromSettings } from '../../opensearch/connect';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';
import { storeNames } from '../../store/names';
import { parseAge, prune } from '../../store/prune';
import type { Command } from '../command';

const USAGE = `usage: gdlens prune --older-than 90d [--dry-run] [--opensearch URL] [--prefix gdlens]

Deletes findings, occurrences, CloudTrail events, dead letters and heartbeats whose event time
is older than the given age (units m, h, d, w). --dry-run only counts.

${OPENSEARCH_USAGE}`;

export const PRUNE_FLAGS = { ...OPENSEARCH_FLAGS, ...PREFIX_FLAG, 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'delete documents older than a retention age',
  usage: USAGE,
  flags: PRUNE_FLAGS,
  async run({ argv, env, stdout, now }) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: PRUNE_FLAGS,
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values['older-than'] === undefined) throw new UsageError('--older-than is required');
    const olderThanMs = parseAge(values['older-than']);
    const names = storeNames(values.prefix ?? env.GDLENS_PREFIX);
    const client = clientFromSettings(values, env);
    const dryRun = values['dry-run'] ?? false;
    try {
      const result = await prune(client, { names, olderThanMs, dryRun, now });
      for (const entry of result.perKind) {
        stdout.write(`${entry.alias}: ${entry.matched} with ${entry.field} < ${result.cutoff}${dryRun ? ' (dry run: nothing deleted)' : `, ${entry.deleted} deleted`}\n`);
      }
      return 0;
    } finally {
      client.close();
    }
  },
};
