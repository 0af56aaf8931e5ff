// The OpenSearch node a benchmark measures: --url / OPENSEARCH_URL when given, else a developer
// node already on 127.0.0.1:9200, else a fresh local node started here and stopped afterwards
// (what CI gets: nothing runs on 9200 there).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startOpenSearch } = require('@gdlens/opensearch-local');

/** @returns {Promise<{url: string, stop: () => Promise<void>}>} */
export async function benchOpenSearch(explicitUrl) {
  if (explicitUrl) return { url: explicitUrl.replace(/\/$/, ''), stop: async () => undefined };
  try {
    const reply = await fetch('http://127.0.0.1:9200/');
    if (reply.ok) return { url: 'http://127.0.0.1:9200', stop: async () => undefined };
  } catch {
    // Nothing listens on 9200: start a node of our own below.
  }
  const node = await startOpenSearch({ httpPort: 9600 + Math.floor(Math.random() * 200) });
  return { url: node.url, stop: () => node.stop() };
}
