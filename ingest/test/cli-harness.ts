import { PassThrough } from 'node:stream';
import type { Command, CommandContext } from '../src/cli/command';
import { runCli } from '../src/cli/run';

/** What a test may set of the outside world a CLI run sees; the rest stays quiet and empty. */
export interface CliOptions {
  readonly env?: Record<string, string>;
  /** Given to the command as stdin, which is then closed (an empty, closed stdin by default). */
  readonly stdin?: string | Buffer;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Called with each chunk written to stderr, for tests that react to what a running command logs. */
  readonly onStderr?: (text: string) => void;
  /** The commands runCli chooses from; the real ones by default. */
  readonly commands?: readonly Command[];
}

/** A finished run: its exit status and everything it wrote. */
export interface CliRun {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** A run still going: what it has written so far, read at any time. */
export interface RunningCli {
  readonly done: Promise<number>;
  out(): string;
  err(): string;
}

/** A CommandContext whose stdout and stderr are collected in memory, for tests that call runCli themselves. */
export function captureContext(argv: readonly string[], options: CliOptions = {}): { context: CommandContext; out(): string; err(): string } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    options.onStderr?.(chunk.toString());
  });
  stdin.end(options.stdin ?? '');
  const context: CommandContext = {
    argv,
    stdin,
    stdout,
    stderr,
    env: options.env ?? {},
    now: options.now ?? (() => 0),
    signal: options.signal ?? new AbortController().signal,
  };
  return { context, out: () => out, err: () => err };
}

/** Starts `gdlens <argv>` in-process, for commands that run until their signal is aborted. */
export function startGdlens(argv: readonly string[], options: CliOptions = {}): RunningCli {
  const { context, out, err } = captureContext(argv, options);
  return { done: runCli(context, options.commands), out, err };
}

/** Runs `gdlens <argv>` in-process to its end. */
export async function runGdlens(argv: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const running = startGdlens(argv, options);
  const status = await running.done;
  return { status, out: running.out(), err: running.err() };
}
