/**
 * From settings (flags, environment, config file) to a client: the URL, the CA and client
 * certificate, and one of basic auth or AWS SigV4. Everything is checked here, before the first
 * request, so a wrong setting fails at start-up with the setting's name.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { ConfigError } from '../errors';
import { OpenSearchClient, type OpenSearchClientOptions, type OutgoingRequest } from './client';
import { redactUrlCredentials } from './redact';
import { signRequest, type AwsCredentials, type SigV4Service } from './sigv4';

/** @defaultValue where `npm run opensearch` listens */
export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:9200';

/** The connection flags every OpenSearch command accepts (see `OPENSEARCH_FLAGS` in the CLI). */
export interface ConnectionFlagValues {
  readonly opensearch?: string | undefined;
  readonly 'opensearch-ca'?: string | undefined;
  readonly 'opensearch-cert'?: string | undefined;
  readonly 'opensearch-key'?: string | undefined;
  readonly 'opensearch-username'?: string | undefined;
  readonly 'opensearch-aws-sigv4'?: string | undefined;
  readonly 'opensearch-aws-region'?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where the AWS credentials come from; the SDK's default chain unless a test injects its own. */
export type CredentialProvider = () => Promise<AwsCredentials>;

export interface ConnectOptions {
  /** The signing clock. @defaultValue Date.now */
  readonly now?: () => number;
  /** @defaultValue the AWS SDK default chain: environment, shared config/SSO, web identity, container and instance roles */
  readonly credentials?: CredentialProvider;
}

/** Each setting's three names, for error messages that tell the user what to change. */
export const CONNECTION_SETTINGS = {
  url: '--opensearch (OPENSEARCH_URL, opensearch.url)',
  ca: '--opensearch-ca (OPENSEARCH_CA_FILE, opensearch.ca)',
  cert: '--opensearch-cert (OPENSEARCH_CERT_FILE, opensearch.cert)',
  key: '--opensearch-key (OPENSEARCH_KEY_FILE, opensearch.key)',
  username: '--opensearch-username (OPENSEARCH_USERNAME, opensearch.username)',
  password: 'OPENSEARCH_PASSWORD (opensearch.password)',
  sigv4: '--opensearch-aws-sigv4 (OPENSEARCH_AWS_SIGV4, opensearch.aws-sigv4)',
  region: '--opensearch-aws-region (AWS_REGION, opensearch.aws-region)',
} as const;

/**
 * The client a command uses. Each setting is the flag, else its environment variable, else
 * (through the CLI, which turns config-file keys into flags) the config file, else the default.
 * Accepts a bare URL flag for callers that only have `--opensearch`.
 */
export function clientFromSettings(flags: ConnectionFlagValues | string | undefined, env: Env, options: ConnectOptions = {}): OpenSearchClient {
  return new OpenSearchClient(clientOptionsFromSettings(typeof flags === 'object' ? flags : { opensearch: flags }, env, options));
}

/** {@link clientFromSettings} without building the client: every check, and the options it would get. */
export function clientOptionsFromSettings(flags: ConnectionFlagValues, env: Env, options: ConnectOptions = {}): OpenSearchClientOptions {
  const rawUrl = flags.opensearch ?? nonEmpty(env.OPENSEARCH_URL) ?? DEFAULT_OPENSEARCH_URL;
  const url = parseUrl(rawUrl);
  const tls = tlsOptions(flags, env, url);
  const username = flags['opensearch-username'] ?? nonEmpty(env.OPENSEARCH_USERNAME);
  const password = nonEmpty(env.OPENSEARCH_PASSWORD);
  const urlHasCredentials = url.username !== '' || url.password !== '';
  if (urlHasCredentials && (username !== undefined || password !== undefined)) {
    throw new ConfigError(`credentials are given twice: in ${CONNECTION_SETTINGS.url} and in ${CONNECTION_SETTINGS.username} / ${CONNECTION_SETTINGS.password}; keep one`);
  }
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigError(`${CONNECTION_SETTINGS.username} and ${CONNECTION_SETTINGS.password} must be set together`);
  }
  const service = sigV4Service(flags['opensearch-aws-sigv4'] ?? nonEmpty(env.OPENSEARCH_AWS_SIGV4));
  const base = { url: rawUrl, ...(tls === undefined ? {} : { tls }), tlsHint: tlsHint(flags, env) };
  if (service !== undefined) {
    if (urlHasCredentials || username !== undefined) {
      throw new ConfigError(`${CONNECTION_SETTINGS.sigv4} and basic auth exclude each other (both use the Authorization header); remove the user name and password`);
    }
    const region = flags['opensearch-aws-region'] ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? regionFromHost(url.hostname, service);
    if (region === undefined) throw new ConfigError(`${CONNECTION_SETTINGS.sigv4} needs a region: set ${CONNECTION_SETTINGS.region}`);
    return {
      ...base,
      signRequest: sigV4Signer(service, region, options.credentials ?? envCredentials(env) ?? defaultCredentials(service), options.now ?? Date.now),
      authHint: `the cluster refused the SigV4 signature (${service}, region ${region}): check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID…), ${CONNECTION_SETTINGS.region} and the domain's access policy`,
    };
  }
  if (username !== undefined && password !== undefined) {
    return { ...base, auth: { username, password }, authHint: `the cluster refused user '${username}': check ${CONNECTION_SETTINGS.username} and ${CONNECTION_SETTINGS.password}` };
  }
  if (urlHasCredentials) {
    return { ...base, authHint: `the cluster refused user '${decodeURIComponent(url.username)}' given in ${CONNECTION_SETTINGS.url}: check the user name and password there` };
  }
  return {
    ...base,
    authHint: `no credentials were sent: set ${CONNECTION_SETTINGS.username} and ${CONNECTION_SETTINGS.password}, or ${CONNECTION_SETTINGS.sigv4} for Amazon OpenSearch Service`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConfigError(`${CONNECTION_SETTINGS.url} is not a URL: '${redactUrlCredentials(raw)}'`, { setting: 'opensearch' }, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${CONNECTION_SETTINGS.url} must be an http:// or https:// URL, got '${redactUrlCredentials(raw)}'`, { setting: 'opensearch' });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(`${CONNECTION_SETTINGS.url} takes no query or fragment, got '${redactUrlCredentials(raw)}'`, { setting: 'opensearch' });
  }
  return url;
}

function readSettingFile(setting: string, file: string, marker: RegExp, what: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ConfigError(`${setting}: cannot read ${file}: ${code}`, { file }, { cause });
  }
  if (!marker.test(content.toString('latin1'))) throw new ConfigError(`${setting}: ${file} holds no PEM ${what}`, { file });
  return content;
}

function tlsOptions(flags: ConnectionFlagValues, env: Env, url: URL): SecureContextOptions | undefined {
  const caFile = flags['opensearch-ca'] ?? nonEmpty(env.OPENSEARCH_CA_FILE);
  const certFile = flags['opensearch-cert'] ?? nonEmpty(env.OPENSEARCH_CERT_FILE);
  const keyFile = flags['opensearch-key'] ?? nonEmpty(env.OPENSEARCH_KEY_FILE);
  if (caFile === undefined && certFile === undefined && keyFile === undefined) return undefined;
  if (url.protocol !== 'https:') {
    const given = caFile !== undefined ? CONNECTION_SETTINGS.ca : certFile !== undefined ? CONNECTION_SETTINGS.cert : CONNECTION_SETTINGS.key;
    throw new ConfigError(`${given} is set but ${CONNECTION_SETTINGS.url} is not https: '${redactUrlCredentials(url.origin)}'`);
  }
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError(`${CONNECTION_SETTINGS.cert} and ${CONNECTION_SETTINGS.key} must be set together`);
  }
  const tls: SecureContextOptions = {
    ...(caFile === undefined ? {} : { ca: readSettingFile(CONNECTION_SETTINGS.ca, caFile, /-----BEGIN CERTIFICATE-----/, 'certificate') }),
    ...(certFile === undefined ? {} : { cert: readSettingFile(CONNECTION_SETTINGS.cert, certFile, /-----BEGIN CERTIFICATE-----/, 'certificate') }),
    ...(keyFile === undefined ? {} : { key: readSettingFile(CONNECTION_SETTINGS.key, keyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private key') }),
  };
  // Parsing the PEM now turns a truncated file or a key that does not match its certificate
  // into a start-up error instead of a failure on the first request.
  try {
    createSecureContext(tls);
  } catch (cause) {
    const setting = certFile !== undefined ? `${CONNECTION_SETTINGS.cert} / ${CONNECTION_SETTINGS.key}` : CONNECTION_SETTINGS.ca;
    throw new ConfigError(`${setting}: ${cause instanceof Error ? cause.message : String(cause)}`, {}, { cause });
  }
  return tls;
}

function tlsHint(flags: ConnectionFlagValues, env: Env): string {
  const caFile = flags['opensearch-ca'] ?? nonEmpty(env.OPENSEARCH_CA_FILE);
  return caFile === undefined
    ? `the cluster's certificate is not signed by a CA this system trusts: give its CA with ${CONNECTION_SETTINGS.ca}`
    : `the cluster's certificate is not signed by the CA in ${caFile} (${CONNECTION_SETTINGS.ca}), or does not name this host`;
}

function sigV4Service(value: string | undefined): SigV4Service | undefined {
  if (value === undefined) return undefined;
  if (value === 'es' || value === 'aoss') return value;
  throw new ConfigError(`${CONNECTION_SETTINGS.sigv4} must be es (Amazon OpenSearch Service) or aoss (OpenSearch Serverless), got '${value}'`);
}

/** `search-x.eu-west-1.es.amazonaws.com`, `x.eu-west-1.aoss.amazonaws.com`: the region is in the endpoint. */
export function regionFromHost(hostname: string, service: SigV4Service): string | undefined {
  const match = new RegExp(`\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.${service}\\.amazonaws\\.com(?:\\.cn)?$`).exec(hostname);
  return match?.[1];
}

function sigV4Signer(service: SigV4Service, region: string, credentials: CredentialProvider, now: () => number): (request: OutgoingRequest) => Promise<void> {
  return async (request) => {
    const signed = signRequest({
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      region,
      service,
      credentials: await credentials(),
      now: new Date(now()),
    });
    for (const [name, value] of Object.entries(signed)) {
      if (value !== undefined) request.headers[name.toLowerCase()] = value;
    }
  };
}

/**
 * Keys in the command's own environment come first, as for the S3 client: the SDK's chain reads
 * `process.env`, which a command started in-process (tests, the stack) does not share.
 */
function envCredentials(env: Env): CredentialProvider | undefined {
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
  return async () => credentials;
}

/**
 * The AWS SDK's default chain, loaded on first use so commands that never sign don't pay for it.
 * It caches the credentials and refreshes temporary ones before they expire.
 */
function defaultCredentials(service: SigV4Service): CredentialProvider {
  let provider: CredentialProvider | undefined;
  return async () => {
    try {
      if (provider === undefined) {
        const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
        provider = defaultProvider();
      }
      return await provider();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ConfigError(
        `SigV4 signing for ${service} (${CONNECTION_SETTINGS.sigv4}) found no AWS credentials: ${reason}; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with a role`,
        {},
        { cause },
      );
    }
  };
}
