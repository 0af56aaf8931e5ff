import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors';
import { checkDashboard, dataSourcesFromProvisioning, exitStatus, formatJsonLines, formatText, readDashboard, type PanelResult } from '../../check';
import { DashboardCheckError } from '../../check/errors';
import { resolveRange } from '../../check/time-range';
import { clientFromSettings } from '../../opensearch/connect';
import { clientFetch } from '../../opensearch/fetch';
import type { Command } from '../command';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';

/** The repository's provisioning folder, from `ingest/dist/cli/commands/`. */
const DEFAULT_PROVISIONING_DIR = resolve(__dirname, '../../../../provisioning');

const USAGE = `usage: gdlens check-dashboards [--opensearch URL] [--from TIME --to TIME] [--var name=value...]
                               [--provisioning DIR] [--prefix gdlens] [--json] [DASHBOARD.json...]

Runs every panel query of the dashboards (default: the provisioned ones in DIR/dashboards/gdlens)
against OpenSearch exactly as Grafana's OpenSearch data source would, resolving each data source
uid through DIR/datasources/gdlens.yaml (--prefix: the prefix given to gdlens setup). Variables keep their defaults unless --var sets them
(repeat --var for several values; --var region=All selects all). TIME is ISO 8601, epoch ms,
now or now-<n><s|m|h|d|w>; the default is each dashboard's own time range.

Prints per panel: status, title, series or rows, latency (--json: one object per panel, with
"frames", what the panel shows after its transformations, and "raw_frames", what the data
source returned). Exit status 2 when a panel errors (an unsupported transformation included),
or shows nothing while _count with its own filters finds documents.

${OPENSEARCH_USAGE}`;

/** Flags of `gdlens check-dashboards`. */
export const CHECK_DASHBOARDS_FLAGS = {
  ...OPENSEARCH_FLAGS,
  from: { type: 'string' },
  to: { type: 'string' },
  var: { type: 'string', multiple: true },
  provisioning: { type: 'string' },
  ...PREFIX_FLAG,
  json: { type: 'boolean' },
} as const;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new DashboardCheckError(`${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
}

function parseVars(pairs: readonly string[]): Map<string, string[]> {
  const vars = new Map<string, string[]>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--var takes name=value, got '${pair}'`);
    const name = pair.slice(0, at);
    vars.set(name, [...(vars.get(name) ?? []), pair.slice(at + 1)]);
  }
  return vars;
}

export const checkDashboardsCommand: Command = {
  name: 'check-dashboards',
  summary: 'run every dashboard panel against OpenSearch as Grafana would, and report',
  usage: USAGE,
  flags: CHECK_DASHBOARDS_FLAGS,
  async run({ argv, env, stdout, now }) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        options: CHECK_DASHBOARDS_FLAGS,
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    const provisioningDir = resolve(values.provisioning ?? DEFAULT_PROVISIONING_DIR);
    const dataSourcesFile = join(provisioningDir, 'datasources', 'gdlens.yaml');
    const prefix = values.prefix ?? env.GDLENS_PREFIX;
    const client = clientFromSettings(values, env);
    // Every panel query goes through the same client: TLS, basic auth and SigV4 as for every command.
    const fetchImpl = clientFetch(client);
    const datasources = dataSourcesFromProvisioning(readFileSync(dataSourcesFile, 'utf8'), dataSourcesFile, client.displayUrl, prefix);
    const dashboardsDir = join(provisioningDir, 'dashboards', 'gdlens');
    const files =
      positionals.length > 0
        ? positionals.map((p) => resolve(p))
        : readdirSync(dashboardsDir)
            .filter((f) => f.endsWith('.json'))
            .sort()
            .map((f) => join(dashboardsDir, f));
    const overrides = parseVars(values.var ?? []);
    const nowMs = now();

    const results: PanelResult[] = [];
    try {
      for (const file of files) {
        const json = readJson(file);
        const dashboard = readDashboard(json, file, overrides);
        const time = (json as { time?: { from?: unknown; to?: unknown } }).time;
        const range = resolveRange({ ...(values.from === undefined ? {} : { from: values.from }), ...(values.to === undefined ? {} : { to: values.to }) }, time, nowMs);
        const panelResults = await checkDashboard(dashboard, { datasources, range, fetchImpl });
        results.push(...panelResults);
        stdout.write(values.json === true ? formatJsonLines(panelResults) : '');
      }
    } finally {
      client.close();
    }
    if (values.json !== true) stdout.write(formatText(results));
    return exitStatus(results);
  },
};
