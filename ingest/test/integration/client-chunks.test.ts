import { NdjsonChunks, OpenSearchClient } from '../../src/opensearch/client';
import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';

// The bulk writer hands the client a batch as one buffer per operation; the client sends them as
// they are, with one Content-Length. Chunk edges may fall anywhere, even inside a character.
const client = new OpenSearchClient({ url: testOpenSearchUrl() });
const index = uniqueIndexName('gdlchunks');

afterAll(async () => {
  await client.request('DELETE', `/${index}`, { accept: [404] });
  client.close();
});

test('a body given as chunks arrives as the bytes they make together', async () => {
  const lines = [
    `{"index":{"_index":"${index}","_id":"a"}}\n{"name":"Café — ☕","n":1}\n`,
    `{"index":{"_index":"${index}","_id":"b"}}\n{"name":"plain","n":2}\n`,
  ].join('');
  const bytes = Buffer.from(lines);
  const coffee = bytes.indexOf(Buffer.from('☕'));
  // Cut inside the 3-byte cup, inside the em dash, at a newline, and leave an empty chunk.
  const cuts = [0, bytes.indexOf(Buffer.from('—')) + 1, coffee + 2, bytes.indexOf(0x0a, coffee) + 1, bytes.length];
  const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
  chunks.splice(2, 0, Buffer.alloc(0));
  expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  const body = new NdjsonChunks(chunks);
  expect(body.byteLength).toBe(bytes.length);

  const reply = await client.request<{ errors: boolean; items: Array<{ index: { status: number } }> }>('POST', '/_bulk?refresh=true', { body });
  expect(reply.body.errors).toBe(false);
  expect(reply.body.items.map((item) => item.index.status)).toEqual([201, 201]);
  const stored = await client.request<{ _source: { name: string; n: number } }>('GET', `/${index}/_doc/a`);
  expect(stored.body._source).toEqual({ name: 'Café — ☕', n: 1 });
});
