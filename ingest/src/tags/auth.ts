import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors';

/** Shortest token accepted: a guessable token on an internet-facing endpoint is no protection. */
export const MIN_TOKEN_LENGTH = 16;

/** Throws `ConfigError` naming `GDLENS_TAGS_TOKEN` unless the token is set and long enough. */
export function requireToken(token: string | undefined): string {
  if (token === undefined || token.length === 0) throw new ConfigError('GDLENS_TAGS_TOKEN must be set: the bearer token CI/CD pipelines send to POST /tags');
  if (token.length < MIN_TOKEN_LENGTH) throw new ConfigError(`GDLENS_TAGS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`);
  return token;
}

/**
 * True when an `Authorization` header carries `Bearer <expected>`. Both sides are hashed first so
 * the comparison takes the same time whatever the length or the first differing byte.
 */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const presented = match?.[1] ?? '';
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && match !== null;
}
