/**
 * Keeps secrets out of what gdlens prints. Credentials reach the worker through URLs
 * (`https://user:password@host`), environment variables and the config file; every message that
 * may quote one of them goes through here before it is written.
 */

const REDACTED = '***';

/** `scheme://user:password@host` → `scheme://***@host`, anywhere in a text. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]*@/gi, `$1${REDACTED}@`);
}

/**
 * Environment variables whose values are secrets. Their values are removed from error messages
 * even where the message never meant to quote them (a server echoing a header, a stack trace).
 */
export const SECRET_ENV_VARIABLES = [
  'OPENSEARCH_PASSWORD',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'GDLENS_TAGS_TOKEN',
  'GRAFANA_TOKEN',
  'GRAFANA_PASSWORD',
] as const;

/** Shorter values are not redacted: replacing every "a" in a message would hide more than it protects. */
const MIN_SECRET_LENGTH = 4;

/** Replaces each secret value, and the credentials part of any URL, with `***`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = redactUrlCredentials(text);
  const distinct = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of distinct) {
    out = out.split(secret).join(REDACTED);
    // A password may appear percent-encoded (inside a URL) or base64-encoded (a Basic header).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** The secret values a command was started with: the known secret variables and passwords inside URL flags. */
export function secretsOf(env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_ENV_VARIABLES) {
    const value = env[name];
    if (value) secrets.push(value);
  }
  for (const arg of argv) {
    for (const match of arg.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^/\s@]*:([^/\s@]+)@/gi)) {
      const password = match[1];
      if (password === undefined) continue;
      secrets.push(password);
      try {
        secrets.push(decodeURIComponent(password));
      } catch {
        // Not valid percent-encoding: the raw form above is what could be echoed.
      }
    }
  }
  return secrets;
}
