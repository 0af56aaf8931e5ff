#!/usr/bin/env node
import { parseCliArgs } from './cli-args';
import { OpenSearchLocalError } from './errors';
import { startOpenSearch } from './launcher';

/** `npm run opensearch -- --port N`: a real node in the foreground until Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const node = await startOpenSearch({ httpPort: args.httpPort, heap: args.heap, stdio: 'inherit' });
  process.stderr.write(`opensearch-local: ready at ${node.url} after ${node.startMs} ms (pid ${node.pid}); Ctrl-C stops it\n`);
  const stop = (): void => {
    void node.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof OpenSearchLocalError ? error.message : String(error)}\n`);
  process.exit(1);
});
