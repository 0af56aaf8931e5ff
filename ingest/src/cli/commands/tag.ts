import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, UsageError } from '../../errors';
import { clientFromSettings } from '../../opensearch/connect';
import { storeNames } from '../../store/names';
import { parseTag, TAG_KINDS } from '../../tags/tag';
import { startTagServer } from '../../tags/server';
import { writeTag } from '../../tags/write';
import type { Command, CommandContext } from '../command';

const USAGE = `usage: gdlens tag --name v1.4.2 --kind deploy --service api --env prod [--account 123456789012]
                  [--time ISO] [--end ISO] [--url URL] [--by NAME] [--opensearch URL] [--prefix gdlens]

Records a lifecycle tag (kind: ${TAG_KINDS.join(', ')}) in the tags index, so findings can be read
against it. --time is the start (default: now), --end an optional end (a pentest window); both
ISO 8601 with a zone (2026-11-27T14:05:00Z) or a date. --by defaults to $USER. The same tag sent
twice (same kind, name, service, env, account and start) is stored once.

usage: gdlens tag serve [--port 8088] [--host 127.0.0.1] [--trust-proxy] [--opensearch URL] [--prefix gdlens]

Serves POST /tags (a JSON object with the fields above, without the dashes) for CI/CD pipelines,
authenticated with the bearer token in $GDLENS_TAGS_TOKEN (at least 16 characters), rate-limited
per client address (--trust-proxy: the last X-Forwarded-For entry, behind a reverse proxy only).
Runs until SIGINT/SIGTERM. See docs/tags.md.`;

function parseFlags(argv: readonly string[], options: ParseArgsConfig['options']): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function recordTag({ argv, env, stdout, now }: CommandContext): Promise<number> {
  const values = parseFlags(argv, {
    name: { type: 'string' },
    kind: { type: 'string' },
    service: { type: 'string' },
    env: { type: 'string' },
    account: { type: 'string' },
    time: { type: 'string' },
    end: { type: 'string' },
    url: { type: 'string' },
    by: { type: 'string' },
    opensearch: { type: 'string' },
    prefix: { type: 'string' },
  });
  const { opensearch, prefix, ...fields } = values;
  const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const parsed = parseTag(input, { nowMs: now(), ...(env.USER !== undefined ? { defaultRecordedBy: env.USER } : {}) });
  if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `--${e.field} ${e.message}`).join('; '));
  const names = storeNames(typeof prefix === 'string' ? prefix : env.GDLENS_PREFIX);
  const client = clientFromSettings(typeof opensearch === 'string' ? opensearch : undefined, env);
  try {
    const written = await writeTag(client, names, parsed.tag, now());
    stdout.write(`gdlens tag: ${written.result} ${written.id} in ${written.index}\n${JSON.stringify({ _id: written.id, ...written.document }, null, 2)}\n`);
    return 0;
  } finally {
    client.close();
  }
}

async function serveTags({ argv, env, stderr, now, signal }: CommandContext): Promise<number> {
  const values = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' }, 'trust-proxy': { type: 'boolean' }, opensearch: { type: 'string' }, prefix: { type: 'string' } });
  const port = values.port === undefined ? 8088 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number (0-65535), got '${String(values.port)}'`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const names = storeNames(typeof values.prefix === 'string' ? values.prefix : env.GDLENS_PREFIX);
  const client = clientFromSettings(typeof values.opensearch === 'string' ? values.opensearch : undefined, env);
  try {
    const alias = names.alias('tags');
    const exists = await client.request('HEAD', `/_alias/${alias}`, { accept: [404] });
    if (exists.status === 404) throw new ConfigError(`${alias} does not exist on ${client.displayUrl}: run gdlens setup first`, { alias });
    const running = await startTagServer({ client, names, token: env.GDLENS_TAGS_TOKEN ?? '', now, host, port, trustProxy: values['trust-proxy'] === true, log: (line) => stderr.write(`${line}\n`) });
    stderr.write(`gdlens tag serve: listening on ${running.url}/tags, writing to ${alias} on ${client.displayUrl}\n`);
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await running.close();
    stderr.write('gdlens tag serve: stopped\n');
    return 0;
  } finally {
    client.close();
  }
}

export const tagCommand: Command = {
  name: 'tag',
  summary: 'record a deploy, release, campaign or pentest window to read findings against (or serve POST /tags)',
  usage: USAGE,
  run: (context) => (context.argv[0] === 'serve' ? serveTags({ ...context, argv: context.argv.slice(1) }) : recordTag(context)),
};
