import { OpenSearchRequestError } from '../errors';
import type { MsearchRequest, SearchResponse } from '../types';

/** The subset of `fetch` this module uses, so tests and callers can inject their own. */
export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** An `_msearch` reply. */
export interface MsearchResponse {
  took?: number;
  responses: SearchResponse[];
}

const defaultFetch: FetchLike = (url, init) => fetch(url, init);

/**
 * POSTs an `_msearch` body the way the data source does: `{url}/_msearch?max_concurrent_shard_requests=N`
 * with `application/x-ndjson`. Pass the `toMsearch` result to keep its `N`; a bare NDJSON string uses
 * the data source default of 5.
 *
 * @throws OpenSearchRequestError on a non-2xx status or a body that is not an `_msearch` reply.
 */
export async function executeMsearch(url: string, request: MsearchRequest | string, fetchImpl: FetchLike = defaultFetch): Promise<MsearchResponse> {
  const path = typeof request === 'string' ? '_msearch?max_concurrent_shard_requests=5' : request.path;
  const body = typeof request === 'string' ? request : request.ndjson;
  const target = `${url.replace(/\/+$/, '')}/${path}`;
  let status: number;
  let text: string;
  try {
    const response = await fetchImpl(target, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
    status = response.status;
    text = await response.text();
  } catch (cause) {
    throw new OpenSearchRequestError(`_msearch to ${target} failed`, undefined, { cause });
  }
  if (status < 200 || status >= 300) {
    throw new OpenSearchRequestError(`_msearch to ${target} returned HTTP ${status}: ${text.slice(0, 500)}`, status);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new OpenSearchRequestError(`_msearch to ${target} returned a non-JSON body`, status, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as MsearchResponse).responses)) {
    throw new OpenSearchRequestError(`_msearch to ${target} returned no "responses" array`, status);
  }
  return parsed as MsearchResponse;
}

/**
 * Primary shard count of an index, as the 2.34.x bucket budget looks it up (`GET <index>/_settings`):
 * the largest `number_of_shards` among the matched indices, and 1 when the index is missing or
 * the call fails.
 */
export async function fetchShardCount(url: string, index: string, fetchImpl: FetchLike = defaultFetch): Promise<number> {
  try {
    const response = await fetchImpl(`${url.replace(/\/+$/, '')}/${encodeURIComponent(index).replace(/%2C/gi, ',').replace(/%2A/gi, '*')}/_settings`, { method: 'GET' });
    if (response.status !== 200) return 1;
    const parsed = JSON.parse(await response.text()) as Record<string, { settings?: { index?: { number_of_shards?: string } } }>;
    let shards = 1;
    for (const entry of Object.values(parsed)) {
      const count = Number(entry.settings?.index?.number_of_shards ?? '1');
      if (Number.isFinite(count) && count > shards) shards = count;
    }
    return shards;
  } catch {
    return 1;
  }
}
