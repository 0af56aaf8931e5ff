import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../../errors';
import { clientFromSettings } from '../../opensearch/connect';
import { storeNames } from '../../store/names';
import { parseTag, TAG_KINDS } from '../../tags/tag';
import { writeTag } from '../../tags/write';
import type { Command, CommandContext } from '../command';

const USAGE = `usage: gdlens tag --name v1.4.2 --kind deploy --service api --env prod [--account 123456789012]
                  [--time ISO] [--end ISO] [--url URL] [--by NAME] [--opensearch URL] [--prefix gdlens]

Records a lifecycle tag (kind: ${TAG_KINDS.join(', ')}) in the tags index, so findings can be read
against it. --time is the start (default: now), --end an optional end (a pentest window); both
ISO 8601 with a zone (2026-11-27T14:05:00Z) or a date. --by defaults to $USER. The same tag sent
twice (same kind, name, service, env, account and start) is stored once. See docs/tags.md.`;

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

export const tagCommand: Command = {
  name: 'tag',
  summary: 'record a deploy, release, campaign or pentest window to read findings against',
  usage: USAGE,
  run: (context) => recordTag(context),
};
