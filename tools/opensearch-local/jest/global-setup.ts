import { createServer } from 'node:net';
import { startOpenSearch, waitForYellow } from '../src/launcher';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts one real OpenSearch node for the whole integration run, unless OPENSEARCH_URL names a
 * cluster to use instead (for example the docker-compose one). Tests read OPENSEARCH_URL.
 */
export default async function globalSetup(): Promise<void> {
  const existing = process.env.OPENSEARCH_URL;
  if (existing) {
    await waitForYellow(existing.replace(/\/$/, ''), 30_000);
  } else {
    const node = await startOpenSearch({ httpPort: await freePort() });
    process.env.OPENSEARCH_URL = node.url;
    // Teardown runs in this same process, so the handle can travel on globalThis.
    (globalThis as { __GDLENS_OPENSEARCH__?: typeof node }).__GDLENS_OPENSEARCH__ = node;
    process.stderr.write(`\nstarted a local OpenSearch node in ${node.startMs} ms\n`);
  }
  const banner = (await (await fetch(process.env.OPENSEARCH_URL as string)).json()) as {
    version: { distribution?: string; number: string; lucene_version: string };
  };
  process.stderr.write(
    `\nintegration tests use ${banner.version.distribution ?? 'opensearch'} ${banner.version.number} ` +
      `(lucene ${banner.version.lucene_version}) at ${process.env.OPENSEARCH_URL}\n`,
  );
}
