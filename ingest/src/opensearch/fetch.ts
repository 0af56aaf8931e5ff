import type { FetchLike } from '@gdlens/grafana-model';
import { IngestError } from '../errors';
import type { OpenSearchClient } from './client';

/**
 * A `fetch` for code that issues the data source's own HTTP calls (the dashboard check, the rule
 * replay), sent through the client so they get the same TLS, basic auth and SigV4 as every other
 * request. Give that code `client.displayUrl` as the data source URL.
 */
export function clientFetch(client: OpenSearchClient): FetchLike {
  const base = client.displayUrl;
  return async (url, init) => {
    if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
      throw new IngestError(`request to ${url} is outside the configured cluster ${base}`, { url });
    }
    const path = url.slice(base.length) || '/';
    const contentType = Object.entries(init?.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const reply = await client.requestText(init?.method ?? 'GET', path.startsWith('/') ? path : `/${path}`, {
      ...(init?.body === undefined ? {} : { body: init.body }),
      ...(contentType === undefined ? {} : { contentType }),
    });
    return { status: reply.status, text: async () => reply.text };
  };
}
