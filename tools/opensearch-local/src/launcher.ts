import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { OpenSearchLocalError } from './errors';

/** Where the Maven module lives, relative to this package. */
export const MODULE_DIR = path.resolve(__dirname, '..');
const CLASSES_DIR = path.join(MODULE_DIR, 'target', 'classes');
const CLASSPATH_FILE = path.join(MODULE_DIR, 'target', 'cp.txt');
const MAIN_CLASS = 'dev.gdlens.opensearch.LocalOpenSearch';

/**
 * The JVM flags OpenSearch's own launcher sets on 2.x. `SPI,COMPAT` keeps date parsing identical
 * to a packaged node; the netty flags stop the embedded node from claiming JVM-wide state.
 */
export const JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-Dopensearch.set.netty.runtime.available.processors=false',
  '-Dio.netty.noUnsafe=true',
  '-Dio.netty.noKeySetOptimization=true',
  '-Dio.netty.recycler.maxCapacityPerThread=0',
  '-Dio.netty.allocator.numDirectArenas=0',
  '-Dlog4j.shutdownHookEnabled=false',
  '-Dlog4j2.disable.jmx=true',
  '-Djava.locale.providers=SPI,COMPAT',
  '-Djava.awt.headless=true',
  '-Dfile.encoding=UTF-8',
  '-Djna.nosys=true',
  '-XX:-OmitStackTraceInFastThrow',
];

export interface StartOptions {
  /** HTTP port on 127.0.0.1. @defaultValue 9200 */
  httpPort?: number;
  /** JVM heap, e.g. `1g`. @defaultValue `1g` */
  heap?: string;
  /** How long to wait for cluster health yellow. @defaultValue 120000 */
  readyTimeoutMs?: number;
  /** Where the node's stdout and stderr go. @defaultValue `'pipe'` (kept for error reports) */
  stdio?: 'inherit' | 'pipe';
  /**
   * Keep the node's home (data included) in this directory instead of a temporary one, so a node
   * started again on it finds its indices (outage tests). @defaultValue a fresh temporary home
   */
  dataDir?: string;
}

export interface RunningOpenSearch {
  readonly url: string;
  readonly pid: number;
  readonly startMs: number;
  stop(): Promise<void>;
}

/** Compiles the launcher and writes its classpath once; later calls reuse the Maven output. */
export function ensureBuilt(): void {
  if (isBuildFresh()) return;
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(MODULE_DIR, 'pom.xml'), 'package', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (result.error) throw new OpenSearchLocalError('could not run mvn (is Maven installed?)', { cause: result.error });
  if (result.status !== 0) {
    throw new OpenSearchLocalError(`mvn package failed with status ${result.status}:\n${result.stdout}${result.stderr}`);
  }
}

function isBuildFresh(): boolean {
  if (!existsSync(CLASSPATH_FILE) || !existsSync(path.join(CLASSES_DIR, 'dev', 'gdlens', 'opensearch', 'LocalOpenSearch.class'))) {
    return false;
  }
  const builtAt = statSync(CLASSPATH_FILE).mtimeMs;
  const sources = [path.join(MODULE_DIR, 'pom.xml'), path.join(MODULE_DIR, 'src', 'main', 'java', 'dev', 'gdlens', 'opensearch', 'LocalOpenSearch.java')];
  return sources.every((file) => statSync(file).mtimeMs <= builtAt);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** The process id of the node answering at `url` (`_nodes/_local`), or `undefined` when it cannot be told. */
async function answeringPid(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${url}/_nodes/_local/process?filter_path=nodes.*.process.id`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { nodes?: Record<string, { process?: { id?: number } }> };
    return Object.values(body.nodes ?? {})[0]?.process?.id;
  } catch {
    return undefined;
  }
}

/** Polls `_cluster/health` until the node reports yellow or green. */
export async function waitForYellow(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new OpenSearchLocalError(`the node at ${url} exited before it became ready`);
    try {
      const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`);
      if (response.ok) return;
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new OpenSearchLocalError(`no yellow health from ${url} within ${timeoutMs} ms`, { cause: lastError });
}

/**
 * Starts a fresh, empty single-node OpenSearch in its own JVM and resolves once it is healthy.
 * The node's data lives in a temporary directory that is removed when it stops.
 */
export async function startOpenSearch(options: StartOptions = {}): Promise<RunningOpenSearch> {
  const httpPort = options.httpPort ?? 9200;
  const heap = options.heap ?? '1g';
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  ensureBuilt();
  // A node left over on this port would answer the readiness poll in place of the new one, and a
  // test would then run against stale data: refuse to start instead.
  if (await answers(`http://127.0.0.1:${httpPort}/`)) {
    throw new OpenSearchLocalError(`port ${httpPort} is already in use by a running server; stop it or choose another port`);
  }
  const classpath = `${CLASSES_DIR}${path.delimiter}${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const startedAt = Date.now();
  const child: ChildProcess = spawn(
    'java',
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      ...JVM_FLAGS,
      '-cp',
      classpath,
      MAIN_CLASS,
      '--port',
      String(httpPort),
      ...(options.dataDir === undefined ? [] : ['--data', options.dataDir]),
    ],
    { stdio: ['ignore', options.stdio ?? 'pipe', options.stdio ?? 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    await waitForYellow(url, readyTimeoutMs, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new OpenSearchLocalError(`start failed; node output:\n${output}`, { cause: error });
  }
  if (child.pid === undefined) throw new OpenSearchLocalError('the JVM has no pid');
  const pid = child.pid;
  // The port was free a moment ago, but another server may have taken it since: only our JVM counts.
  const answering = await answeringPid(url);
  if (answering !== undefined && answering !== pid) {
    child.kill('SIGKILL');
    throw new OpenSearchLocalError(`port ${httpPort} is answered by another OpenSearch (pid ${answering ?? 'unknown'}), not the node started here (pid ${pid})`);
  }
  return {
    url,
    pid,
    startMs: Date.now() - startedAt,
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    // SIGTERM runs the node's shutdown hook, which closes it and deletes its temporary home.
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
