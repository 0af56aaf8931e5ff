import { createHash, randomBytes } from 'node:crypto';
import { TlsProxyError } from './errors';

/**
 * Fills `{{name}}` placeholders. A placeholder without a value, or a value that could end an
 * nginx directive early (`;`, braces, quotes, line breaks), is an error rather than a broken config.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  const used = new Set<string>();
  const rendered = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TlsProxyError(`the template needs a value for {{${name}}}`);
    const text = String(value);
    if (/[;{}"'\s]/.test(text)) throw new TlsProxyError(`the value for {{${name}}} may not contain spaces, quotes, braces or ";": ${JSON.stringify(text)}`);
    used.add(name);
    return text;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new TlsProxyError(`the template has no placeholder for ${unused.join(', ')}`);
  return rendered;
}

/**
 * One htpasswd line in nginx's salted-SHA-1 form, `user:{SSHA}base64(sha1(password + salt) + salt)`.
 * It is computed here so the proxy needs no `htpasswd` tool; it guards a throwaway test cluster.
 */
export function htpasswdLine(username: string, password: string, salt: Buffer = randomBytes(8)): string {
  if (!username || username.includes(':') || /\s/.test(username)) throw new TlsProxyError(`invalid basic-auth username ${JSON.stringify(username)}`);
  if (!password) throw new TlsProxyError('the basic-auth password is empty');
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `${username}:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}\n`;
}
