import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { AlertsError, DEFAULT_SETTINGS, parseDurationSec, parseSetArguments, type ParamOverrides } from '@gdlens/alerts';
import { openSearchQueryRunner } from '@gdlens/grafana-model';
import { ConfigError, UsageError } from '../../errors';
import { backtestDatasources, retimeRule, type ReplayTimeField } from '../../backtest/datasources';
import { runBacktest, summaryTable } from '../../backtest/replay';
import { backtestRuleGroups } from '../../backtest/rules';
import type { OpenSearchClient } from '../../opensearch/client';
import { clientFromSettings } from '../../opensearch/connect';
import { clientFetch } from '../../opensearch/fetch';
import { storeNames, type StoreNames } from '../../store/names';
import { requireStore } from '../../store/require';
import { loadPentestWindows } from '../../tags/pentest';
import type { Command } from '../command';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';

const REPO_ROOT = resolve(__dirname, '../../../..');

const USAGE = `usage: gdlens backtest --from ISO --to ISO [--rules DIR] [--step 1m] [--time-field @timestamp|ingested_at]
                       [--set RULE_UID.PARAM=VALUE…] [--opensearch URL] [--prefix gdlens]

Replays every alert rule at every step between --from and --to against the indexed data, as
Grafana's ruler would (queries, expressions, then Pending/Alerting/Recovering/NoData/Error with
'for', noDataState and execErrState). Prints one JSON line per rule instance per step, then a
summary table (lines starting with '#').

  --rules       provisioning directory (default: provisioning/alerting of this repository)
  --step        evaluation step (default 1m)
  --time-field  time field of the findings and CloudTrail queries during the replay:
                @timestamp (default, for backfilled data) or ingested_at (live data)
  --set         tune a rule: RULE_UID.window=DURATION, RULE_UID.threshold=NUMBER, others in docs/alerts.md;
                RULE_UID.ignorePentestWindows=1 reads the pentest windows from the tags index
  --opensearch  OpenSearch URL (or OPENSEARCH_URL), required

${OPENSEARCH_USAGE}`;

/** Flags of `gdlens backtest`. */
export const BACKTEST_FLAGS = {
  rules: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  step: { type: 'string' },
  'time-field': { type: 'string' },
  set: { type: 'string', multiple: true },
  ...OPENSEARCH_FLAGS,
  ...PREFIX_FLAG,
} as const;

function parseTime(name: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${name} is required`);
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} must be an ISO date-time, got '${text}'`);
  return ms;
}

/** The settings the rebuilt rules get: the pentest windows of the store when a rule ignores them. */
async function backtestSettings(overrides: ParamOverrides, client: OpenSearchClient, names: StoreNames): Promise<typeof DEFAULT_SETTINGS> {
  if (!Object.values(overrides).some((params) => params['ignorePentestWindows'] !== undefined)) return DEFAULT_SETTINGS;
  return { ...DEFAULT_SETTINGS, pentestWindows: await loadPentestWindows(client, names) };
}

/** Rule-tuning mistakes (`--set`, durations) from `@gdlens/alerts` are usage errors of this command. */
function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof AlertsError) throw new UsageError(error.message);
    throw error;
  }
}

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'replay the alert rules over indexed data and report when each would have fired',
  usage: USAGE,
  flags: BACKTEST_FLAGS,
  async run({ argv, env, stdout, signal }) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: BACKTEST_FLAGS,
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const fromMs = parseTime('from', values.from);
    const toMs = parseTime('to', values.to);
    if (toMs < fromMs) throw new UsageError('--to must not be before --from');
    const stepMs = asUsage(() => parseDurationSec(values.step ?? '1m')) * 1000;
    if (stepMs <= 0) throw new UsageError('--step must be a positive duration');
    if ((toMs - fromMs) / stepMs > 100_000) throw new UsageError('--from/--to/--step give more than 100000 steps; use a larger --step');
    const timeField = (values['time-field'] ?? '@timestamp') as ReplayTimeField;
    if (timeField !== '@timestamp' && timeField !== 'ingested_at') throw new UsageError(`--time-field must be @timestamp or ingested_at, got '${String(timeField)}'`);
    if (!(values.opensearch ?? env['OPENSEARCH_URL'])) throw new ConfigError('--opensearch (or OPENSEARCH_URL, opensearch.url) is required');

    const overrides = asUsage(() => parseSetArguments(values.set ?? []));
    const names = storeNames(values.prefix ?? env['GDLENS_PREFIX']);
    const client = clientFromSettings(values, env);
    try {
      const settings = await backtestSettings(overrides, client, names);
      const groups = asUsage(() => backtestRuleGroups(resolve(values.rules ?? join(REPO_ROOT, 'provisioning/alerting')), overrides, settings)).map((group) => ({
        ...group,
        rules: group.rules.map((rule) => retimeRule(rule, timeField)),
      }));
      // The rules are valid; now the cluster must answer, or every rule would only report Error.
      await requireStore(client, names, ['findings', 'occurrences', 'cloudtrail', 'heartbeats']);
      // The rule queries go through the same client: TLS, basic auth and SigV4 as for every command.
      const runQuery = openSearchQueryRunner(backtestDatasources(client.displayUrl, names, timeField), clientFetch(client));
      const result = await runBacktest({ groups, fromMs, toMs, stepMs, runQuery, signal, onLine: (line) => stdout.write(`${JSON.stringify(line)}\n`) });
      stdout.write(`${summaryTable(result.summaries)}\n`);
      return 0;
    } finally {
      client.close();
    }
  },
};
