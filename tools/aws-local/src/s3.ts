import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsLocalError } from './errors';
import { answersOk, FAST_START_JVM_FLAGS, spawnJvm } from './jvm-process';
import { moduleClasspath } from './maven';
import { freePort } from './ports';
import { LocalCredentials, localCredentials } from './sqs';

export interface S3Options {
  /** HTTP port on 127.0.0.1. @defaultValue a free port */
  readonly port?: number;
  /** Buckets that exist from the start. */
  readonly initialBuckets?: readonly string[];
  /**
   * KMS key ids accepted in `x-amz-server-side-encryption-aws-kms-key-id`, as full ARNs
   * (`arn:aws:kms:us-east-1:123456789012:key/<id>`). S3Mock 5.2 then accepts the bare key id
   * `<id>` in requests; it answers KMS.NotFoundException for the ARN form and for unknown keys.
   */
  readonly validKmsKeyArns?: readonly string[];
  /** @defaultValue `us-east-1` */
  readonly region?: string;
  /** @defaultValue 90000 */
  readonly readyTimeoutMs?: number;
  /** JVM heap. @defaultValue `384m` */
  readonly heap?: string;
}

export interface RunningS3 {
  /** Endpoint for `new S3Client({ endpoint, forcePathStyle: true })`. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: LocalCredentials;
  readonly pid: number;
  readonly startMs: number;
  stop(): Promise<void>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Starts a real S3Mock (Adobe's S3-compatible server, the self-contained `exec` jar from Maven
 * Central) on 127.0.0.1 and resolves once it answers `ListBuckets`. Objects are kept in a temporary
 * directory that `stop()` removes. Clients must use path-style addressing (`forcePathStyle`),
 * since `<bucket>.127.0.0.1` names no host.
 */
export async function startS3(options: S3Options = {}): Promise<RunningS3> {
  const port = options.port ?? (await freePort());
  const region = options.region ?? 'us-east-1';
  for (const bucket of options.initialBuckets ?? []) {
    if (!BUCKET_NAME.test(bucket)) throw new AwsLocalError(`startS3: ${JSON.stringify(bucket)} is not a valid bucket name`);
  }
  const jar = moduleClasspath('s3').split(path.delimiter)[0] ?? '';
  if (!jar.endsWith('-exec.jar')) throw new AwsLocalError(`startS3: expected S3Mock's exec jar on the classpath, got ${jar}`);
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'gdlens-s3-'));
  const endpoint = `http://127.0.0.1:${port}`;
  const springArgs = [
    `--http.port=${port}`,
    // S3Mock always opens an HTTPS connector too; port 0 lets the OS pick one nobody uses.
    '--server.port=0',
    '--server.address=127.0.0.1',
    `--com.adobe.testing.s3mock.store.root=${rootDir}`,
    `--com.adobe.testing.s3mock.store.region=${region}`,
    '--com.adobe.testing.s3mock.store.retain-files-on-exit=false',
    '--spring.main.banner-mode=off',
    '--logging.level.root=WARN',
  ];
  if (options.initialBuckets?.length) springArgs.push(`--com.adobe.testing.s3mock.store.initial-buckets=${options.initialBuckets.join(',')}`);
  if (options.validKmsKeyArns?.length) springArgs.push(`--com.adobe.testing.s3mock.store.valid-kms-keys=${options.validKmsKeyArns.join(',')}`);
  const heap = options.heap ?? '384m';
  try {
    const server = await spawnJvm({
      name: 'S3Mock',
      args: [`-Xmx${heap}`, ...FAST_START_JVM_FLAGS, '-jar', jar, ...springArgs],
      cwd: rootDir,
      isReady: () => answersOk(`${endpoint}/`),
      readyTimeoutMs: options.readyTimeoutMs ?? 90_000,
    });
    return {
      endpoint,
      region,
      credentials: localCredentials(),
      pid: server.pid,
      startMs: server.startMs,
      stop: async () => {
        await server.stop();
        rmSync(rootDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(rootDir, { recursive: true, force: true });
    throw error;
  }
}
