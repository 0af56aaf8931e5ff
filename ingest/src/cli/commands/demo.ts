import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoRecords, type DemoPlan } from '../../demo/records';
import { demoTags } from '../../demo/tags';
import { computeTagImpact, DEFAULT_IMPACT_WINDOW_MS } from '../../tags/impact';
import { writeTag } from '../../tags/write';
import { UsageError } from '../../errors';
import { clientFromSettings } from '../../opensearch/connect';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';
import { BulkWriter } from '../../sink/writer';
import { storeNames } from '../../store/names';
import { wholeNumber } from '../args';
import type { Command } from '../command';

const USAGE = `usage: gdlens demo [--opensearch URL] [--prefix gdlens] [--seed 7] [--findings 3000]
                   [--cloudtrail 600] [--days 7] [--fixtures DIR | --no-fixtures] [--now ISO]

Loads demo data into a gdlens store (run gdlens setup first), so every dashboard panel has
something to show and some alerts fire:
  - the real GuardDuty and CloudTrail fixtures (DIR, default: $GDLENS_FIXTURES or the shared
    fixtures folder beside this checkout), shifted into the last day, order preserved;
  - seeded generated findings (with updates of the same finding over time) and CloudTrail
    records over the last --days;
  - a few scripted records minutes before now: a Critical attack sequence, a phishing domain
    request, a resource acting as ACTOR, and a DeleteDetector call;
  - lifecycle tags (deploys, a release, a pentest window) and their before/after impact, as
    gdlens tag and gdlens tag impact would store them.
Everything goes through the same mapping and writer as gdlens ingest, so re-running is
idempotent. Ends with the ingest summary line.

${OPENSEARCH_USAGE}`;

export const DEMO_FLAGS = {
  ...OPENSEARCH_FLAGS,
  ...PREFIX_FLAG,
  seed: { type: 'string' },
  findings: { type: 'string' },
  cloudtrail: { type: 'string' },
  days: { type: 'string' },
  fixtures: { type: 'string', env: 'GDLENS_FIXTURES' },
  'no-fixtures': { type: 'boolean' },
  now: { type: 'string' },
} as const;

/** The shared fixtures sit beside the repository (`<repo>/../shared/fixtures/real`), when present. */
function defaultFixturesDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env['GDLENS_FIXTURES']) return env['GDLENS_FIXTURES'];
  const beside = path.resolve(__dirname, '../../../../../shared/fixtures/real');
  return existsSync(beside) ? beside : undefined;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'load real fixtures, generated volume and scripted alert triggers, shifted to now',
  usage: USAGE,
  flags: DEMO_FLAGS,
  async run(context) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...context.argv],
        options: DEMO_FLAGS,
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values } = parsed;
    if (values.fixtures !== undefined && values['no-fixtures'] === true) throw new UsageError('--fixtures and --no-fixtures exclude each other');
    const nowMs = values.now === undefined ? context.now() : Date.parse(values.now);
    if (!Number.isFinite(nowMs)) throw new UsageError(`--now must be an ISO 8601 time, got '${values.now ?? ''}'`);
    const fixturesDir = values['no-fixtures'] === true ? undefined : (values.fixtures ?? defaultFixturesDir(context.env));
    if (fixturesDir !== undefined && !existsSync(fixturesDir)) throw new UsageError(`--fixtures: no such folder ${fixturesDir}`);
    const options = {
      nowMs,
      seed: wholeNumber(values.seed, '--seed', 7, 0),
      findings: wholeNumber(values.findings, '--findings', 3000, 0),
      cloudtrail: wholeNumber(values.cloudtrail, '--cloudtrail', 600, 0),
      days: wholeNumber(values.days, '--days', 7, 1),
      ...(fixturesDir === undefined ? {} : { fixturesDir }),
    };
    const names = storeNames(values.prefix ?? context.env.GDLENS_PREFIX);
    const client = clientFromSettings(values, context.env);
    const log = (line: string): void => void context.stderr.write(`gdlens demo: ${line}\n`);
    const writer = new BulkWriter({ client, names, now: context.now, signal: context.signal, log });
    const plan: DemoPlan = { fixtureFiles: [], scenarioIntents: [] };
    try {
      for await (const record of demoRecords(options, plan)) {
        await writer.write(record);
        if (context.signal.aborted) break;
      }
      await writer.flush();
      if (!context.signal.aborted) {
        const tags = demoTags(nowMs);
        for (const tag of tags) await writeTag(client, names, tag, nowMs);
        const impact = await computeTagImpact(client, { names, windowMs: DEFAULT_IMPACT_WINDOW_MS, nowMs, recompute: true });
        plan.scenarioIntents.push(`${tags.length} lifecycle tags, ${impact.rows} tag-impact rows (${impact.partial} partial)`);
      }
    } finally {
      client.close();
    }
    log(fixturesDir === undefined ? 'no real fixtures loaded (none found; pass --fixtures DIR)' : `real fixtures: ${plan.fixtureFiles.length} files from ${fixturesDir}`);
    log(`scripted: ${plan.scenarioIntents.join('; ')}`);
    context.stdout.write(`gdlens demo: ${writer.accounting.summary()}\n`);
    return writer.accounting.pending === 0 ? 0 : 1;
  },
};
