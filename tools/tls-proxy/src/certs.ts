import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TlsProxyError } from './errors';

export interface TestCertificates {
  /** PEM of the self-signed CA; what a client passes as `ca` to trust the proxy. */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** A client certificate the same CA signs, for mutual TLS. */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
}

/**
 * A throwaway CA, a server certificate it signs for `localhost` and `127.0.0.1`, and a client
 * certificate it signs, all valid for two days. Node's crypto cannot issue X.509 certificates, so this runs the `openssl` CLI.
 * P-256 keys: generating them takes milliseconds where RSA takes a noticeable part of a second.
 */
export function generateTestCertificates(dir: string): TestCertificates {
  const file = (name: string): string => path.join(dir, name);
  const extFile = file('server-ext.cnf');
  writeFileSync(
    extFile,
    ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:localhost,IP:127.0.0.1', ''].join('\n'),
  );
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=gdlens test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
  openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('server.crt'), '-days', '2', '-sha256', '-extfile', extFile]);
  const clientExtFile = file('client-ext.cnf');
  writeFileSync(clientExtFile, ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth', ''].join('\n'));
  openssl(['req', ...ecKey, '-keyout', file('client.key'), '-out', file('client.csr'), '-subj', '/CN=gdlens test client']);
  openssl(['x509', '-req', '-in', file('client.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('client.crt'), '-days', '2', '-sha256', '-extfile', clientExtFile]);
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key'), clientCertFile: file('client.crt'), clientKeyFile: file('client.key') };
}

function openssl(args: string[]): void {
  const result = spawnSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.error) throw new TlsProxyError('could not run openssl (apt-get install openssl)', { cause: result.error });
  if (result.status !== 0) throw new TlsProxyError(`openssl ${args[0]} failed (status ${result.status}): ${result.stderr}`);
}
