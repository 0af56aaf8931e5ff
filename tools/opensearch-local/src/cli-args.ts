import { OpenSearchLocalError } from './errors';

export interface CliArgs {
  httpPort: number;
  heap: string;
}

/** Parses `--port N` and `--heap SIZE`; anything else is a usage error naming the flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { httpPort: 9200, heap: '1g' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new OpenSearchLocalError(`--port must be an integer from 1 to 65535, got ${value ?? 'nothing'}`);
      }
      args.httpPort = port;
      i++;
    } else if (flag === '--heap') {
      if (value === undefined || !/^\d+[mg]$/.test(value)) {
        throw new OpenSearchLocalError(`--heap must look like 512m or 2g, got ${value ?? 'nothing'}`);
      }
      args.heap = value;
      i++;
    } else {
      throw new OpenSearchLocalError(`unknown argument ${flag}; usage: npm run opensearch -- [--port N] [--heap 1g]`);
    }
  }
  return args;
}
