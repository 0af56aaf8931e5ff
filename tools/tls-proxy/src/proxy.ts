import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generateTestCertificates } from './certs';
import { htpasswdLine, renderTemplate } from './config';
import { TlsProxyError } from './errors';

/** The nginx config template shipped beside `src/` and `dist/`. */
export const TEMPLATE_FILE = path.resolve(__dirname, '..', 'nginx.conf.template');

export interface TlsProxyOptions {
  /** Plain-HTTP origin to forward to, e.g. the test OpenSearch `http://127.0.0.1:9200`. */
  readonly upstream: string;
  readonly username: string;
  readonly password: string;
  /** HTTPS port on 127.0.0.1. @defaultValue a free port */
  readonly port?: number;
  /** The nginx binary. @defaultValue `nginx` on PATH, then `/usr/sbin/nginx` */
  readonly nginxBinary?: string;
  /** @defaultValue 15000 */
  readonly readyTimeoutMs?: number;
  /** Mutual TLS: refuse requests without a client certificate signed by the run's CA. @defaultValue false */
  readonly requireClientCertificate?: boolean;
  /**
   * Largest request body nginx passes on (`client_max_body_size`); larger ones get 413, as from a
   * hosted cluster's front end. @defaultValue 100 MiB (OpenSearch's own default limit)
   */
  readonly maxBodyBytes?: number;
}

export interface RunningTlsProxy {
  /** `https://127.0.0.1:<port>`: the certificate names `127.0.0.1` and `localhost`. */
  readonly url: string;
  /** The CA that signed the proxy's certificate (PEM file). */
  readonly caFile: string;
  /** The CA's PEM text, ready for `https.Agent({ ca })`. */
  readonly caPem: string;
  /** A client certificate and key the CA signed (what `requireClientCertificate` asks for). */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  readonly pid: number;
  readonly startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts nginx in the foreground as an HTTPS + basic-auth reverse proxy in front of `upstream`,
 * with a CA and server certificate made for this run. Everything (config, keys, htpasswd, logs)
 * lives in one temporary directory that `stop()` removes.
 */
export async function startTlsProxy(options: TlsProxyOptions): Promise<RunningTlsProxy> {
  const upstream = parseUpstream(options.upstream);
  if (options.maxBodyBytes !== undefined && (!Number.isInteger(options.maxBodyBytes) || options.maxBodyBytes < 1)) {
    throw new TlsProxyError(`maxBodyBytes must be a positive whole number of bytes, got ${options.maxBodyBytes}`);
  }
  const port = options.port ?? (await freePort());
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-tls-proxy-'));
  const startedAt = Date.now();
  try {
    const certificates = generateTestCertificates(workDir);
    const htpasswdFile = path.join(workDir, 'htpasswd');
    writeFileSync(htpasswdFile, htpasswdLine(options.username, options.password), { mode: 0o600 });
    for (const dir of ['client-body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(workDir, dir));
    const configFile = path.join(workDir, 'nginx.conf');
    writeFileSync(
      configFile,
      renderTemplate(readFileSync(TEMPLATE_FILE, 'utf8'), {
        workDir,
        port,
        certFile: certificates.certFile,
        keyFile: certificates.keyFile,
        htpasswdFile,
        upstreamScheme: upstream.scheme,
        upstreamHost: upstream.host,
        caFile: certificates.caFile,
        verifyClient: options.requireClientCertificate === true ? 'on' : 'off',
        maxBodyBytes: options.maxBodyBytes ?? 100 * 1024 * 1024,
      }),
    );
    const child = spawnNginx(options.nginxBinary, ['-p', workDir, '-c', configFile, '-e', path.join(workDir, 'error.log')]);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    const exited = (): boolean => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;

    const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
    let listening = false;
    while (!listening && !exited() && Date.now() < deadline) {
      listening = await acceptsConnections(port);
      if (!listening) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!listening || child.pid === undefined) {
      child.kill('SIGKILL');
      const log = readLog(path.join(workDir, 'error.log'));
      throw new TlsProxyError(`nginx did not start${spawnError ? ` (${spawnError.message})` : ''}:\n${output}${log}`, { cause: spawnError });
    }
    const caPem = readFileSync(certificates.caFile, 'utf8');
    return {
      url: `https://127.0.0.1:${port}`,
      caFile: certificates.caFile,
      caPem,
      clientCertFile: certificates.clientCertFile,
      clientKeyFile: certificates.clientKeyFile,
      pid: child.pid,
      startMs: Date.now() - startedAt,
      stop: async () => {
        await stopChild(child);
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

function parseUpstream(upstream: string): { scheme: 'http' | 'https'; host: string } {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch (error) {
    throw new TlsProxyError(`upstream ${JSON.stringify(upstream)} is not a URL`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TlsProxyError(`upstream must be http(s), got ${url.protocol}`);
  // Host and port only: a path on proxy_pass would make nginx rewrite every request path.
  if (url.pathname !== '/' || url.search) throw new TlsProxyError(`upstream must be an origin without a path, got ${upstream}`);
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: `${url.hostname}:${url.port || defaultPort}` };
}

/** Debian installs nginx in /usr/sbin, which a non-root PATH often lacks. */
function spawnNginx(binary: string | undefined, args: string[]): ChildProcess {
  const command = binary ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
  return spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    // SIGQUIT lets nginx finish requests in flight; SIGTERM would cut them.
    child.kill('SIGQUIT');
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-5_000);
  } catch {
    return '';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new TlsProxyError('no free port'))));
    });
  });
}
