import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IngestError } from '../errors';
import { errorMessage } from '../formats/detect';

/** Options for {@link listFiles}. */
export interface WalkOptions {
  /** Follow symbolic links met inside directories. @defaultValue false (links are skipped, so loops cannot happen) */
  readonly followSymlinks?: boolean;
}

/**
 * Yields `input` if it is a file, or every file under it, recursively, in sorted (code point)
 * order when it is a directory. An input given by name is always followed, even as a link.
 * Inside a directory, names starting with a dot are passed over: copy tools (rsync, `aws s3 cp`,
 * editors) write a hidden temporary file and rename it when complete, and a watched inbox must
 * not read the half-written one; `.gitkeep` and `.DS_Store` are no input either.
 * Throws {@link IngestError} when the input cannot be read.
 */
export async function* listFiles(input: string, options: WalkOptions = {}): AsyncGenerator<string> {
  const stat = await statOrThrow(input);
  if (!stat.isDirectory()) {
    yield input;
    return;
  }
  const visited = new Set<string>([await fs.realpath(input)]);
  yield* walk(input, options.followSymlinks === true, visited);
}

async function* walk(directory: string, followSymlinks: boolean, visited: Set<string>): AsyncGenerator<string> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw ioError(directory, error);
  }
  const names = entries.map((entry) => entry.name).sort();
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of names) {
    const entry = byName.get(name);
    const full = path.join(directory, name);
    if (entry === undefined || name.startsWith('.')) continue;
    if (entry.isSymbolicLink()) {
      if (!followSymlinks) continue;
      const target = await statOrThrow(full);
      if (target.isDirectory()) {
        const real = await fs.realpath(full);
        if (visited.has(real)) continue;
        visited.add(real);
        yield* walk(full, followSymlinks, visited);
      } else {
        yield full;
      }
    } else if (entry.isDirectory()) {
      yield* walk(full, followSymlinks, visited);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

async function statOrThrow(file: string): Promise<import('node:fs').Stats> {
  try {
    return await fs.stat(file);
  } catch (error) {
    throw ioError(file, error);
  }
}

/** An I/O failure on `file`, as the typed error the CLI turns into exit status 1. */
export function ioError(file: string, error: unknown): IngestError {
  return new IngestError(`cannot read ${file}: ${errorMessage(error)}`, { file }, { cause: error });
}
