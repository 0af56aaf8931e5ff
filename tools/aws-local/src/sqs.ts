import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsLocalError } from './errors';
import { answersOk, FAST_START_JVM_FLAGS, spawnJvm } from './jvm-process';
import { moduleClasspath } from './maven';
import { freePort } from './ports';

/** Credentials for the local servers, which check none; the AWS SDK still wants some. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A fresh credentials object each call: the AWS SDK writes bookkeeping fields onto the object
 * it is given, so one shared (or frozen) object would break the second client.
 */
export function localCredentials(): LocalCredentials {
  return { accessKeyId: 'gdlens-local', secretAccessKey: 'gdlens-local' };
}

export interface SqsOptions {
  /** Port on 127.0.0.1. @defaultValue a free port */
  readonly port?: number;
  /** Region in queue ARNs. @defaultValue `us-east-1` */
  readonly region?: string;
  /** Account id in queue URLs and ARNs. @defaultValue `123456789012` */
  readonly accountId?: string;
  /** @defaultValue 60000 */
  readonly readyTimeoutMs?: number;
  /** JVM heap. @defaultValue `256m` */
  readonly heap?: string;
}

export interface RunningSqs {
  /** Endpoint for `new SQSClient({ endpoint })`, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly credentials: LocalCredentials;
  readonly pid: number;
  readonly startMs: number;
  stop(): Promise<void>;
}

/**
 * ElasticMQ's config (HOCON). `sqs-limits = strict` keeps AWS's limits (message size, batch
 * size, wait time) so code that passes here does not fail on the real service.
 */
export function renderElasticMqConfig(port: number, region: string, accountId: string): string {
  return [
    'include classpath("application.conf")',
    `node-address { protocol = http, host = "127.0.0.1", port = ${port}, context-path = "" }`,
    `rest-sqs { enabled = true, bind-port = ${port}, bind-hostname = "127.0.0.1", sqs-limits = strict }`,
    'rest-stats { enabled = false }',
    'generate-node-address = false',
    `aws { region = ${JSON.stringify(region)}, accountId = ${JSON.stringify(accountId)} }`,
    '',
  ].join('\n');
}

/**
 * Starts a real ElasticMQ (an SQS-compatible server from Maven Central) on 127.0.0.1 and resolves
 * once it answers `ListQueues`. Queues live in memory and vanish with `stop()`.
 */
export async function startSqs(options: SqsOptions = {}): Promise<RunningSqs> {
  const port = options.port ?? (await freePort());
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  if (!/^\d{12}$/.test(accountId)) throw new AwsLocalError(`startSqs: accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
  const classpath = moduleClasspath('sqs');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-sqs-'));
  const configFile = path.join(workDir, 'elasticmq.conf');
  writeFileSync(configFile, renderElasticMqConfig(port, region, accountId));
  const endpoint = `http://127.0.0.1:${port}`;
  const heap = options.heap ?? '256m';
  try {
    const server = await spawnJvm({
      name: 'ElasticMQ',
      args: [`-Xmx${heap}`, ...FAST_START_JVM_FLAGS, `-Dconfig.file=${configFile}`, '-cp', classpath, 'org.elasticmq.server.Main'],
      cwd: workDir,
      isReady: () => answersOk(`${endpoint}/?Action=ListQueues`),
      readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
    });
    return {
      endpoint,
      region,
      accountId,
      credentials: localCredentials(),
      pid: server.pid,
      startMs: server.startMs,
      stop: async () => {
        await server.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
