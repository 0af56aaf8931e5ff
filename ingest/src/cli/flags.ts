/**
 * Declarative flag lists. Each command hands its list to `parseArgs` (so what is declared is
 * exactly what is accepted), and the same list drives the config file (keys are the long flag
 * names) and the check that docs/config.md documents every flag.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors';

/** One `--flag`. `node:util` parseArgs ignores `env`; the config layer reads it. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The environment variable the command reads when the flag is absent; a config-file value yields to it. */
  readonly env?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** How every command that talks to OpenSearch connects; see `clientFromSettings`. */
export const OPENSEARCH_FLAGS = {
  opensearch: { type: 'string', env: 'OPENSEARCH_URL' },
  'opensearch-ca': { type: 'string', env: 'OPENSEARCH_CA_FILE' },
  'opensearch-cert': { type: 'string', env: 'OPENSEARCH_CERT_FILE' },
  'opensearch-key': { type: 'string', env: 'OPENSEARCH_KEY_FILE' },
  'opensearch-username': { type: 'string', env: 'OPENSEARCH_USERNAME' },
  'opensearch-aws-sigv4': { type: 'string', env: 'OPENSEARCH_AWS_SIGV4' },
  'opensearch-aws-region': { type: 'string', env: 'AWS_REGION' },
} as const satisfies FlagSpecs;

/** The index prefix shared by every command that reads or writes the store. */
export const PREFIX_FLAG = { prefix: { type: 'string', env: 'GDLENS_PREFIX' } } as const satisfies FlagSpecs;

/** The usage lines of {@link OPENSEARCH_FLAGS}, for each command's usage text. */
export const OPENSEARCH_USAGE = `Connection: --opensearch URL, --opensearch-ca FILE, --opensearch-cert FILE --opensearch-key FILE,
--opensearch-username NAME (password in OPENSEARCH_PASSWORD), --opensearch-aws-sigv4 es|aoss
[--opensearch-aws-region REGION]; every flag also has an environment variable and a config-file
key (--config FILE), see docs/config.md.`;

/** `parseArgs` with the command's declared flags; a parse failure is a usage error. */
export function parseFlags<T extends FlagSpecs>(argv: readonly string[], flags: T, allowPositionals: boolean): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args: [...argv], options: flags, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
