import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AwsLocalError } from './errors';

/** This package's folder; the Maven modules live in `sqs/` and `s3/` beneath it. */
export const PACKAGE_DIR = path.resolve(__dirname, '..');

/**
 * The resolved classpath of one Maven module (`sqs` or `s3`), resolving it with `mvn` the first
 * time and whenever the pom is newer than the cached `target/cp.txt`.
 */
export function moduleClasspath(moduleName: 'sqs' | 's3'): string {
  const moduleDir = path.join(PACKAGE_DIR, moduleName);
  const pomFile = path.join(moduleDir, 'pom.xml');
  const classpathFile = path.join(moduleDir, 'target', 'cp.txt');
  const fresh = existsSync(classpathFile) && statSync(classpathFile).mtimeMs >= statSync(pomFile).mtimeMs;
  if (!fresh) {
    const result = spawnSync('mvn', ['-q', '-B', '-f', pomFile, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (result.error) throw new AwsLocalError('could not run mvn (is Maven installed?)', { cause: result.error });
    if (result.status !== 0) {
      throw new AwsLocalError(`mvn could not resolve ${moduleName}/pom.xml (status ${result.status}):\n${result.stdout}${result.stderr}`);
    }
  }
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  if (!classpath) throw new AwsLocalError(`${classpathFile} is empty`);
  return classpath;
}
