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
  /** One line for `gdlens help`. */
  readonly summary: string;
  /** The usage text printed on a usage error. */
  readonly usage: string;
  /** Resolves to the process exit status. */
  run(context: CommandContext): Promise<number>;
}
