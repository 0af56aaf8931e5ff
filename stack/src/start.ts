import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildManifest, type ViewId } from '@gdlens/dashboards';
import { runCli, storeNames, type CommandContext } from '@gdlens/ingest';
import { startOpenSearch, type RunningOpenSearch } from '@gdlens/opensearch-local';
import { Capture } from './capture';
import { firingRules, type FiringRule } from './firing';
import { parsePanelReports, renderSummary, type PanelReport } from './summary';

export interface StackOptions {
  /** Use this cluster instead of starting a local node. */
  readonly opensearchUrl?: string;
  /** Port of the local node when one is started. @defaultValue 9200 */
  readonly port: number;
  /** Index prefix for every gdlens index. @defaultValue gdlens */
  readonly prefix: string;
  /** The folder the worker watches. */
  readonly inbox: string;
  /** Stop after the summary instead of running the worker until interrupted (tests, CI). */
  readonly once: boolean;
  readonly seed: number;
  readonly findings: number;
  readonly cloudtrail: number;
}

export interface StackIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

export interface StackReport {
  readonly opensearchUrl: string;
  readonly panels: PanelReport[];
  readonly firing: FiringRule[];
}

/** The views the terminal summary shows, in this order. */
const SUMMARY_VIEWS: readonly ViewId[] = ['counts-by-band', 'types-per-purpose', 'accounts', 'regions', 'integrity'];
const MINUTE_MS = 60_000;

const WORKER_WAIT_MS = 60_000;

/**
 * Waits until a worker heartbeat written after `sinceMs` carries a findings lag, i.e. the worker
 * has stored a finding it read from the inbox.
 */
async function waitForWorkerLag(url: string, alias: string, sinceMs: number, now: () => number): Promise<void> {
  const deadlineMs = now() + WORKER_WAIT_MS;
  while (now() < deadlineMs) {
    const reply = await fetch(`${url}/${alias}/_count`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: { bool: { filter: [{ exists: { field: 'findings_lag_ms' } }, { range: { '@timestamp': { gte: new Date(sinceMs).toISOString() } } }] } },
      }),
    });
    if (reply.ok && ((await reply.json()) as { count: number }).count > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new StackError(`the worker did not store the sample file dropped into the inbox within ${WORKER_WAIT_MS / 1000} s (see its log above)`);
}

class StackError extends Error {
  override readonly name = 'StackError';
}

/**
 * `npm start` without Docker: the same flow as the compose stack. A local OpenSearch node (unless
 * one is given), `gdlens setup`, the worker watching the inbox, `gdlens demo`, then what the
 * dashboards would show (through `check-dashboards`, so the numbers are the panels' own) and
 * which alerts a backtest fires on what just arrived.
 */
export async function runStack(options: StackOptions, io: StackIo): Promise<StackReport> {
  const say = (line: string): void => void io.stdout.write(`${line}\n`);
  let node: RunningOpenSearch | undefined;
  let opensearchUrl = options.opensearchUrl;
  if (opensearchUrl === undefined) {
    say(`starting a local OpenSearch node on port ${options.port} …`);
    node = await startOpenSearch({ httpPort: options.port });
    opensearchUrl = node.url;
    say(`OpenSearch ready at ${node.url} after ${(node.startMs / 1000).toFixed(1)} s`);
  }
  const url = opensearchUrl;
  const common = ['--opensearch', url, '--prefix', options.prefix];
  const gdlens = async (argv: string[], capture = false, signal: AbortSignal = io.signal): Promise<string> => {
    const out = new Capture();
    const context: CommandContext = {
      argv,
      stdin: process.stdin,
      stdout: capture ? out : io.stdout,
      stderr: io.stderr,
      env: io.env,
      now: io.now,
      signal,
    };
    const status = await runCli(context);
    // check-dashboards exits 2 when a panel errors or is empty while documents exist: report, don't stop.
    if (status !== 0 && !(argv[0] === 'check-dashboards' && status === 2)) {
      throw new StackError(`gdlens ${argv[0] ?? ''} exited with status ${status}`);
    }
    return out.text();
  };

  const worker = new AbortController();
  const stopWorker = (): void => worker.abort();
  io.signal.addEventListener('abort', stopWorker, { once: true });
  let workerDone: Promise<string> | undefined;
  try {
    await gdlens(['setup', ...common]);
    mkdirSync(options.inbox, { recursive: true });
    say(`worker watching ${path.resolve(options.inbox)} (drop GuardDuty or CloudTrail files there)`);
    workerDone = gdlens(['ingest', ...common, '--watch', options.inbox, '--poll-ms', '2000'], false, worker.signal);

    const loadStartMs = io.now();
    await gdlens([
      'demo',
      ...common,
      '--seed',
      String(options.seed),
      '--findings',
      String(options.findings),
      '--cloudtrail',
      String(options.cloudtrail),
    ]);
    // A small file of fresh records through the inbox, so the worker's own path is shown working
    // (its heartbeat then carries a lag) and not only the demo's direct load.
    const arrivalMs = io.now();
    const arrival = await gdlens(
      ['generate', '--seed', String(options.seed + 1), '--findings', '20', '--cloudtrail', '5', '--start', new Date(arrivalMs - 60 * MINUTE_MS).toISOString(), '--end', new Date(arrivalMs).toISOString()],
      true,
    );
    // Written under a hidden name and renamed: the worker passes over dot-files, so it never reads half of it.
    const hidden = path.join(options.inbox, `.gdlens-start-${arrivalMs}.jsonl`);
    writeFileSync(hidden, arrival);
    renameSync(hidden, path.join(options.inbox, `gdlens-start-${arrivalMs}.jsonl`));
    await waitForWorkerLag(url, storeNames(options.prefix).alias('heartbeats'), arrivalMs, io.now);
    say('worker stored the sample dropped into the inbox');
    const loadEndMs = io.now();
    // Make what was just written searchable now rather than at the next refresh interval, so the
    // summary shows everything the demo loaded.
    const refreshed = await fetch(`${url}/${options.prefix}-*/_refresh`, { method: 'POST' });
    if (!refreshed.ok) throw new StackError(`refresh of ${options.prefix}-* failed with HTTP ${refreshed.status}`);

    const reports = parsePanelReports(await gdlens(['check-dashboards', ...common, '--json'], true));
    const manifest = buildManifest();
    const panels = SUMMARY_VIEWS.flatMap((view) => manifest.find((entry) => entry.view === view)?.panels ?? []);
    say('\nWhat the dashboards show (from the same queries Grafana sends):\n');
    io.stdout.write(renderSummary(reports, panels));
    const failed = reports.filter((report) => report.status === 'error');
    say(`\n${reports.length} panels checked, ${failed.length} with errors${failed.length ? `: ${failed.map((r) => r.title).join(', ')}` : ''}`);

    // Alerts look at arrival time; replay the minutes around the load as Grafana's ruler would.
    const backtest = await gdlens(
      [
        'backtest',
        ...common,
        '--from',
        new Date(loadStartMs - 2 * MINUTE_MS).toISOString(),
        '--to',
        new Date(loadEndMs + 2 * MINUTE_MS).toISOString(),
        '--step',
        '1m',
        '--time-field',
        'ingested_at',
      ],
      true,
    );
    const firing = firingRules(backtest);
    say('\nAlerts the backtest fires on what just arrived:');
    for (const rule of firing) say(`  ${rule.ruleUid}  (${rule.instances.length} instance${rule.instances.length === 1 ? '' : 's'}, from ${rule.firstFiringAt})`);
    if (firing.length === 0) say('  none');

    if (!options.once) {
      say('\nRunning. Ctrl-C stops the worker and the OpenSearch node.');
      await workerDone;
    }
    return { opensearchUrl: url, panels: reports, firing };
  } finally {
    stopWorker();
    io.signal.removeEventListener('abort', stopWorker);
    await workerDone?.catch(() => undefined);
    await node?.stop();
  }
}
