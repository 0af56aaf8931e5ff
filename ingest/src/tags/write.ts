import { ConfigError } from '../errors';
import type { OpenSearchClient } from '../opensearch/client';
import type { StoreNames } from '../store/names';
import { tagDocument, tagId, type Tag, type TagDocument } from './tag';

/** What storing one tag did: `created` the first time, `updated` when the same tag is sent again. */
export interface WrittenTag {
  readonly id: string;
  readonly index: string;
  readonly result: 'created' | 'updated';
  readonly document: TagDocument;
}

/**
 * Stores one tag through the tags alias under its deterministic id, so a retried write replaces
 * rather than duplicates. `require_alias`: without `gdlens setup`, OpenSearch would otherwise
 * create a plain `gdlens-tags` index with guessed types and block the alias for good.
 * `refresh=wait_for`: a pipeline that tags and then opens the dashboard sees its tag.
 */
export async function writeTag(client: OpenSearchClient, names: StoreNames, tag: Tag, nowMs: number): Promise<WrittenTag> {
  const id = tagId(tag);
  const document = tagDocument(tag, nowMs);
  const alias = names.alias('tags');
  const reply = await client.request<{ result?: string; _index?: string }>('PUT', `/${alias}/_doc/${id}?refresh=wait_for&require_alias=true`, { body: document, accept: [404] });
  if (reply.status === 404) {
    throw new ConfigError(`${alias} does not exist on ${client.displayUrl}: run gdlens setup first`, { alias });
  }
  return { id, index: reply.body._index ?? alias, result: reply.body.result === 'created' ? 'created' : 'updated', document };
}
