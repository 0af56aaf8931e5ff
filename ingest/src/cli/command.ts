import type { FlagSpecs } from './flags';

/** What a CLI command gets from the outside world; injected so commands can be tested in-process. */
export interface CommandContext {
  readonly argv: readonly string[];
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  /** Aborted on SIGINT/SIGTERM so long-running commands can flush and stop. */
  readonly signal: AbortSignal;
}

export interface Command {
  readonly name: string;
  /** Every flag the command accepts: what its parseArgs call uses, the config-file keys of its section, what docs/config.md lists. */
  readonly flags?: FlagSpecs;
  /** Flags of `gdlens <name> <subcommand>`, when the command has subcommands (`tag serve`, `grafana import`). */
  readonly subcommands?: Readonly<Record<string, FlagSpecs>>;
  /** One line for `gdlens help`. */
  readonly summary: string;
  /** The usage text printed on a usage error. */
  readonly usage: string;
  /** Resolves to the process exit status. */
  run(context: CommandContext): Promise<number>;
}
