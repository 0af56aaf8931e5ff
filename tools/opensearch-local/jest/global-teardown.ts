import type { RunningOpenSearch } from '../src/launcher';

export default async function globalTeardown(): Promise<void> {
  const node = (globalThis as { __GDLENS_OPENSEARCH__?: RunningOpenSearch }).__GDLENS_OPENSEARCH__;
  if (node) await node.stop();
}
