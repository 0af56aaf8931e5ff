import { ChildProcess, spawn } from 'node:child_process';
import { AwsLocalError } from './errors';

/**
 * JVM flags that favour start time over peak throughput: these servers live for one test file
 * and answer a few hundred requests, so C2 compilation and a parallel collector cost more
 * than they return on a shared 2-core machine.
 */
export const FAST_START_JVM_FLAGS: readonly string[] = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-Djava.awt.headless=true'];

const OUTPUT_TAIL_CHARS = 20_000;

export interface JvmServer {
  readonly pid: number;
  /** Milliseconds from spawn until the readiness probe answered. */
  readonly startMs: number;
  /** The last lines the server printed, for error reports. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnJvmOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Resolves true once the server answers; called until it does or `readyTimeoutMs` passes. */
  readonly isReady: () => Promise<boolean>;
  readonly readyTimeoutMs: number;
}

/** Starts `java args…` and waits until `isReady` says the server answers. */
export async function spawnJvm(options: SpawnJvmOptions): Promise<JvmServer> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn('java', [...options.args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const exited = (): boolean => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;

  const deadline = startedAt + options.readyTimeoutMs;
  let ready = false;
  while (!ready && Date.now() < deadline && !exited()) {
    ready = await options.isReady().catch(() => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!ready || child.pid === undefined) {
    await stopChild(child, 0);
    const why = spawnError ? `java could not be started (${spawnError.message})` : exited() ? 'the JVM exited' : `no answer within ${options.readyTimeoutMs} ms`;
    throw new AwsLocalError(`${options.name} did not start: ${why}; its output:\n${output}`, { cause: spawnError });
  }
  const pid = child.pid;
  const startMs = Date.now() - startedAt;
  return { pid, startMs, output: () => output, stop: (graceMs = 10_000) => stopChild(child, graceMs) };
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  });
}

/** True when `url` answers with a 2xx status. */
export async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.ok;
}
