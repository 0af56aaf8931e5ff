import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AlertsError, DEFAULT_SETTINGS, parseSetArguments, type AlertSettings, type ParamOverrides, type PentestWindow } from '@gdlens/alerts';
import { ConfigError, UsageError } from '../../errors';
import { GrafanaClient, type GrafanaAuth } from '../../grafana/client';
import { importIntoGrafana } from '../../grafana/importer';
import { dashboardBodies, datasourceBodies, ruleGroupBodies, type SourceFile } from '../../grafana/payloads';
import { clientFromSettings } from '../../opensearch/connect';
import { storeNames } from '../../store/names';
import { loadPentestWindows } from '../../tags/pentest';
import type { Command } from '../command';

/** The repository root, from `ingest/dist/cli/commands/` (or `ingest/src/…` under ts tooling). */
const REPO_ROOT = resolve(__dirname, '../../../..');

const USAGE = `usage: gdlens grafana import --url URL (--token TOKEN | --user USER --password-env VAR)
                             [--datasources DIR] [--dashboards DIR]
                             [--webhook-url URL] [--folder-uid gdlens] [--folder-title gdlens]
                             [--runbook-url URL] [--set RULE_UID.PARAM=VALUE…]

Installs gdlens into a running Grafana through its HTTP API: the OpenSearch data sources
(provisioning/datasources/*.yaml, $VARS expanded from the environment), the dashboards
(dashboards/import/*.json when present), the alert rules, the webhook contact point and a
notification route for team=gdlens nested in the existing policy tree. Rules, contact point and
policies are sent with X-Disable-Provenance: true, so they can be edited in the Grafana UI.

  --url            Grafana base URL (or GRAFANA_URL)
  --token          service account token with admin rights (or GRAFANA_TOKEN)
  --user           a Grafana admin user for basic auth instead of a token (or GRAFANA_USER);
                   the password is read from the environment variable named by --password-env
                   (default GRAFANA_PASSWORD), never from the command line
  --webhook-url    where alerts are POSTed (or GDLENS_WEBHOOK_URL)
  --set            tune a rule, e.g. --set gdlens-export-tampered.buckets=my-export-bucket;
                   RULE_UID.ignorePentestWindows=1 writes the pentest windows of the tags index
                   (OPENSEARCH_URL, GDLENS_PREFIX) into that rule: import again after a new one`;

/** Windows that ended longer ago than the longest rule lookback (7 days of history plus a window) change nothing. */
const PENTEST_LOOKBACK_MS = 8 * 86_400_000;

/** The pentest windows, read only when a rule is set to ignore them. */
async function pentestWindows(overrides: ParamOverrides, env: Readonly<Record<string, string | undefined>>, nowMs: number): Promise<readonly PentestWindow[]> {
  if (!Object.values(overrides).some((params) => params['ignorePentestWindows'] !== undefined)) return [];
  const client = clientFromSettings(undefined, env);
  try {
    return await loadPentestWindows(client, storeNames(env['GDLENS_PREFIX']), nowMs - PENTEST_LOOKBACK_MS);
  } finally {
    client.close();
  }
}

/** Flags of `gdlens grafana import`. */
export const GRAFANA_IMPORT_FLAGS = {
  url: { type: 'string', env: 'GRAFANA_URL' },
  token: { type: 'string', env: 'GRAFANA_TOKEN' },
  user: { type: 'string', env: 'GRAFANA_USER' },
  'password-env': { type: 'string' },
  datasources: { type: 'string' },
  dashboards: { type: 'string' },
  'webhook-url': { type: 'string', env: 'GDLENS_WEBHOOK_URL' },
  'folder-uid': { type: 'string' },
  'folder-title': { type: 'string' },
  'runbook-url': { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

function listFiles(directory: string, pattern: RegExp): SourceFile[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => ({ path: join(directory, name), text: readFileSync(join(directory, name), 'utf8') }));
}

/** `gdlens grafana import`: the only subcommand of `gdlens grafana`. */
/** Rule-tuning mistakes (`--set`, durations) from `@gdlens/alerts` are usage errors of this command. */
function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof AlertsError) throw new UsageError(error.message);
    throw error;
  }
}

/** A token wins; otherwise basic auth with a password taken only from the environment. */
function grafanaAuth(
  values: { token?: string; user?: string; 'password-env'?: string },
  env: Readonly<Record<string, string | undefined>>,
): GrafanaAuth {
  const token = values.token ?? env['GRAFANA_TOKEN'];
  if (token) return token;
  const user = values.user ?? env['GRAFANA_USER'];
  if (!user) throw new UsageError('--token (or GRAFANA_TOKEN), or --user (or GRAFANA_USER) with a password in the environment, is required');
  const passwordVariable = values['password-env'] ?? 'GRAFANA_PASSWORD';
  const password = env[passwordVariable];
  if (!password) throw new ConfigError(`--user ${user} needs the password in the environment variable ${passwordVariable}, which is empty`);
  return { user, password };
}

export const grafanaCommand: Command = {
  name: 'grafana',
  summary: 'install data sources, dashboards, alert rules and notifications into a Grafana (grafana import)',
  usage: USAGE,
  subcommands: { import: GRAFANA_IMPORT_FLAGS },
  async run({ argv, env, stdout, now }) {
    const [subcommand, ...rest] = argv;
    if (subcommand !== 'import') throw new UsageError(subcommand === undefined ? 'missing subcommand' : `unknown subcommand '${subcommand}'`);
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: GRAFANA_IMPORT_FLAGS,
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const url = values.url ?? env['GRAFANA_URL'];
    if (!url) throw new UsageError('--url (or GRAFANA_URL) is required');
    const auth = grafanaAuth(values, env);
    const webhookUrl = values['webhook-url'] ?? env['GDLENS_WEBHOOK_URL'];
    if (!webhookUrl) throw new ConfigError('--webhook-url (or GDLENS_WEBHOOK_URL) is required: the API does not expand ${GDLENS_WEBHOOK_URL}');

    const overrides = asUsage(() => parseSetArguments(values.set ?? []));
    const settings: AlertSettings = {
      ...DEFAULT_SETTINGS,
      pentestWindows: await pentestWindows(overrides, env, now()),
      folderUid: values['folder-uid'] ?? DEFAULT_SETTINGS.folderUid,
      folderTitle: values['folder-title'] ?? DEFAULT_SETTINGS.folderTitle,
      grafanaUrl: url.replace(/\/+$/, ''),
      runbookUrl: values['runbook-url'] ?? DEFAULT_SETTINGS.runbookUrl,
      webhookUrl,
    };
    const input = {
      settings,
      datasources: datasourceBodies(listFiles(resolve(values.datasources ?? join(REPO_ROOT, 'provisioning/datasources')), /\.ya?ml$/), env),
      dashboards: dashboardBodies(listFiles(resolve(values.dashboards ?? join(REPO_ROOT, 'dashboards/import')), /\.json$/), settings.folderUid),
      ruleGroups: asUsage(() => ruleGroupBodies(settings, overrides)),
    };
    const actions = await importIntoGrafana(new GrafanaClient(url, auth), input, (line) => stdout.write(`${line}\n`));
    stdout.write(`gdlens grafana import: ${actions.length} resources written to ${settings.grafanaUrl}\n`);
    return 0;
  },
};
