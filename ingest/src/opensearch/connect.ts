import { ConfigError } from '../errors';
import { OpenSearchClient } from './client';

/** @defaultValue where `npm run opensearch` listens */
export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:9200';

/**
 * The client a command uses: `--opensearch URL`, else `OPENSEARCH_URL`, else the local default.
 * Basic auth comes from the URL or `OPENSEARCH_USERNAME`/`OPENSEARCH_PASSWORD`.
 */
export function clientFromSettings(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): OpenSearchClient {
  const url = flag ?? env.OPENSEARCH_URL ?? DEFAULT_OPENSEARCH_URL;
  const username = env.OPENSEARCH_USERNAME;
  const password = env.OPENSEARCH_PASSWORD;
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigError('OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD must be set together');
  }
  return new OpenSearchClient({ url, ...(username !== undefined && password !== undefined ? { auth: { username, password } } : {}) });
}
