import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, UsageError } from '../../errors';
import { clientFromSettings, type ConnectionFlagValues } from '../../opensearch/connect';
import { storeNames } from '../../store/names';
import { parseAge } from '../../store/prune';
import { computeTagImpact, DEFAULT_IMPACT_WINDOW_MS, windowLabel } from '../../tags/impact';
import { parseTag, TAG_KINDS } from '../../tags/tag';
import { startTagServer } from '../../tags/server';
import { writeTag } from '../../tags/write';
import type { Command, CommandContext } from '../command';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG, type FlagSpecs } from '../flags';

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
Runs until SIGINT/SIGTERM.

usage: gdlens tag impact [--window 3h] [--tag ID] [--recompute] [--opensearch URL] [--prefix gdlens]

Stores, for each tag, the new-occurrence rate (Σ count_delta per hour) in the --window before its
start and in the --window from its start, overall, per band and per threat purpose, in the
tag-impact index the "Tag impact" table reads. Tags whose after-window has not ended are stored as
partial and recomputed by the next run; complete ones are kept unless --recompute. Run it hourly.
See docs/tags.md.

${OPENSEARCH_USAGE}`;

export const TAG_FLAGS = {
  name: { type: 'string' },
  kind: { type: 'string' },
  service: { type: 'string' },
  env: { type: 'string' },
  account: { type: 'string' },
  time: { type: 'string' },
  end: { type: 'string' },
  url: { type: 'string' },
  by: { type: 'string', env: 'USER' },
  ...OPENSEARCH_FLAGS,
  ...PREFIX_FLAG,
} as const satisfies FlagSpecs;

export const TAG_IMPACT_FLAGS = { window: { type: 'string' }, tag: { type: 'string' }, recompute: { type: 'boolean' }, ...OPENSEARCH_FLAGS, ...PREFIX_FLAG } as const satisfies FlagSpecs;

export const TAG_SERVE_FLAGS = { port: { type: 'string' }, host: { type: 'string' }, 'trust-proxy': { type: 'boolean' }, ...OPENSEARCH_FLAGS, ...PREFIX_FLAG } as const satisfies FlagSpecs;

/** The connection flags out of a loosely typed flag record. */
function connectionFlags(values: Record<string, string | boolean | undefined>): ConnectionFlagValues {
  return Object.fromEntries(Object.keys(OPENSEARCH_FLAGS).flatMap((flag) => (typeof values[flag] === 'string' ? [[flag, values[flag]]] : [])));
}

function parseFlags(argv: readonly string[], options: ParseArgsConfig['options']): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function recordTag({ argv, env, stdout, now }: CommandContext): Promise<number> {
  const values = parseFlags(argv, TAG_FLAGS);
  const fields = Object.fromEntries(Object.entries(values).filter(([flag]) => !(flag in OPENSEARCH_FLAGS) && !(flag in PREFIX_FLAG)));
  const prefix = values.prefix;
  const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const parsed = parseTag(input, { nowMs: now(), ...(env.USER !== undefined ? { defaultRecordedBy: env.USER } : {}) });
  if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `--${e.field} ${e.message}`).join('; '));
  const names = storeNames(typeof prefix === 'string' ? prefix : env.GDLENS_PREFIX);
  const client = clientFromSettings(connectionFlags(values), env);
  try {
    const written = await writeTag(client, names, parsed.tag, now());
    stdout.write(`gdlens tag: ${written.result} ${written.id} in ${written.index}\n${JSON.stringify({ _id: written.id, ...written.document }, null, 2)}\n`);
    return 0;
  } finally {
    client.close();
  }
}

async function tagImpact({ argv, env, stdout, now }: CommandContext): Promise<number> {
  const values = parseFlags(argv, TAG_IMPACT_FLAGS);
  const windowMs = typeof values.window === 'string' ? parseAge(values.window, '--window') : DEFAULT_IMPACT_WINDOW_MS;
  const names = storeNames(typeof values.prefix === 'string' ? values.prefix : env.GDLENS_PREFIX);
  const client = clientFromSettings(connectionFlags(values), env);
  try {
    const report = await computeTagImpact(client, {
      names,
      windowMs,
      nowMs: now(),
      recompute: values.recompute === true,
      ...(typeof values.tag === 'string' ? { tagId: values.tag } : {}),
    });
    stdout.write(
      `gdlens tag impact (window ${windowLabel(windowMs)}): ${report.tags} tags, ${report.computed} computed (${report.partial} partial), ${report.complete} already complete, ${report.notStarted} not started; ${report.rows} rows in ${names.alias('tag-impact')}\n`,
    );
    return 0;
  } finally {
    client.close();
  }
}

async function serveTags({ argv, env, stderr, now, signal }: CommandContext): Promise<number> {
  const values = parseFlags(argv, TAG_SERVE_FLAGS);
  const port = values.port === undefined ? 8088 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number (0-65535), got '${String(values.port)}'`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const names = storeNames(typeof values.prefix === 'string' ? values.prefix : env.GDLENS_PREFIX);
  const client = clientFromSettings(connectionFlags(values), env);
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
  flags: TAG_FLAGS,
  subcommands: { serve: TAG_SERVE_FLAGS, impact: TAG_IMPACT_FLAGS },
  run: (context) => {
    const rest = { ...context, argv: context.argv.slice(1) };
    if (context.argv[0] === 'serve') return serveTags(rest);
    if (context.argv[0] === 'impact') return tagImpact(rest);
    return recordTag(context);
  },
};
