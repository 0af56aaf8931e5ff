import { parseArgs } from 'node:util';
import { UsageError } from '../../errors';
import { clientFromSettings } from '../../opensearch/connect';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';
import { storeNames } from '../../store/names';
import { setupStore } from '../../store/setup';
import type { Command } from '../command';

const USAGE = `usage: gdlens setup [--opensearch URL] [--prefix gdlens] [--retention-days 90] [--no-migrate]

Installs (idempotently) the index templates, stored scripts, versioned indices and aliases gdlens
writes to, and an ISM retention policy where the cluster has the ISM plugin. An alias still on an
older schema version is migrated (reindex, then an atomic alias swap) unless --no-migrate.

${OPENSEARCH_USAGE}`;

export const SETUP_FLAGS = {
  ...OPENSEARCH_FLAGS,
  ...PREFIX_FLAG,
  'retention-days': { type: 'string' },
  'no-migrate': { type: 'boolean' },
} as const;

export const setupCommand: Command = {
  name: 'setup',
  summary: 'install index templates, aliases and scripts in OpenSearch',
  usage: USAGE,
  flags: SETUP_FLAGS,
  async run({ argv, env, stdout }) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: SETUP_FLAGS,
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const retentionDays = values['retention-days'] === undefined ? 90 : Number(values['retention-days']);
    if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new UsageError('--retention-days must be a positive whole number');
    const names = storeNames(values.prefix ?? env.GDLENS_PREFIX);
    const client = clientFromSettings(values, env);
    try {
      const report = await setupStore(client, { names, retentionDays, migrate: !values['no-migrate'], log: (line) => stdout.write(`${line}\n`) });
      for (const entry of report.indices) stdout.write(`${entry.alias} → ${entry.index}: ${entry.action}\n`);
      stdout.write(`gdlens setup: done on ${client.displayUrl} (prefix ${names.prefix}, ISM ${report.ism ? 'installed' : 'not available'})\n`);
      return 0;
    } finally {
      client.close();
    }
  },
};
