import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { IngestError, UsageError } from '../../errors';
import type { OpenSearchClient } from '../../opensearch/client';
import { clientFromSettings } from '../../opensearch/connect';
import type { ParsedRecord } from '../../records';
import { defaultWorkerId, type PollState } from '../../sink/heartbeat';
import { readAccountsFile } from '../../accounts/directory';
import { backfillAccounts, backfillSummary } from '../../accounts/backfill';
import { enrichAccount } from '../../accounts/enrich';
import { formatExposition } from '../../metrics/exposition';
import { serveMetrics, type MetricsServer } from '../../metrics/server';
import { WorkerMetrics } from '../../metrics/worker-metrics';
import { progressLine, type ProgressState } from '../../sink/progress';
import { realSleep } from '../../sink/retry';
import { BulkWriter } from '../../sink/writer';
import { listFiles } from '../../sources/walk';
import { readRecords } from '../../sources/files';
import { readChanged, WatchedFileStore } from '../../sources/watched-file';
import { parseS3Url } from '../../sources/s3/location';
import { parseQueueUrl } from '../../sources/sqs/queue-url';
import { storeNames, type StoreNames } from '../../store/names';
import { requireStore } from '../../store/require';
import { wholeNumber } from '../args';
import { OPENSEARCH_FLAGS, OPENSEARCH_USAGE, PREFIX_FLAG } from '../flags';
import type { Command, CommandContext } from '../command';
import { workerHeartbeat } from './worker-heartbeat';

const USAGE = `usage: gdlens ingest [--opensearch URL] [--prefix gdlens] [--dead-letter FILE]
                     [--concurrency 2] [--flush-bytes 5000000] [--flush-count 1000]
                     (FILE|DIR|-)… | --watch DIR [--poll-ms 5000]
                     | --s3 s3://BUCKET/PREFIX [--poll-ms 60000] [--once] [--s3-endpoint URL]
                       [--s3-page-size 1000] [--lease-ms 900000]
                     | --sqs QUEUE_URL [--sqs-endpoint URL] [--s3-endpoint URL] [--once]
                       [--max-receives N] [--visibility-timeout-s 300] [--lease-ms 900000]
                     [--metrics-port N] [--metrics-host 127.0.0.1] [--accounts FILE]

Stores GuardDuty findings and CloudTrail records in OpenSearch (run gdlens setup first). Files
may be JSON, JSON Lines, CloudTrail Records files, EventBridge/Firehose/CloudWatch forms, gzipped
or not; a directory is read recursively; - is stdin. --watch keeps polling DIR for new files.
--s3 polls a bucket prefix (GuardDuty export, CloudTrail trail) for objects not read yet by any
worker (kept in the state index); AWS_REGION, AWS_ACCESS_KEY_ID… as usual, AWS_ENDPOINT_URL_S3 or
--s3-endpoint for an S3-compatible server. --once stops after one poll.
--sqs consumes a queue of S3 event notifications (raw, through SNS, or EventBridge Object Created)
and of GuardDuty EventBridge events; the objects share --s3's state index, so workers on one queue
read each object once. A message is deleted once its records are stored; one that keeps failing
is dead-lettered after --max-receives (default: the queue's redrive maxReceiveCount) receives,
hidden meanwhile for --visibility-timeout-s doubled at each receive. AWS_ENDPOINT_URL_SQS or
--sqs-endpoint for a local server. --once stops when a receive comes back empty.
--metrics-port serves Prometheus metrics at http://HOST:N/metrics while the worker runs.
--accounts (or GDLENS_ACCOUNTS_FILE) names accounts.yaml or .csv: account_name and account_env
are added to findings and CloudTrail records of the accounts it lists.
Ends with: read = indexed + updated + unchanged + stale + skipped + rejected.

${OPENSEARCH_USAGE}`;

const HEARTBEAT_INTERVAL_MS = 30_000;
const LOG_INTERVAL_MS = 10_000;
const TTY_INTERVAL_MS = 500;

function metricsPort(text: string): number {
  const port = wholeNumber(text, '--metrics-port', 0, 0);
  if (port > 65_535) throw new UsageError(`--metrics-port must be at most 65535, got '${text}'`);
  return port;
}

/** Every flag of gdlens ingest; parseArgs, the config file and docs/config.md all read this list. */
export const INGEST_FLAGS = {
  ...OPENSEARCH_FLAGS,
  ...PREFIX_FLAG,
  'dead-letter': { type: 'string' },
  concurrency: { type: 'string' },
  'flush-bytes': { type: 'string' },
  'flush-count': { type: 'string' },
  watch: { type: 'string' },
  'poll-ms': { type: 'string' },
  s3: { type: 'string' },
  's3-endpoint': { type: 'string', env: 'AWS_ENDPOINT_URL_S3' },
  's3-page-size': { type: 'string' },
  'lease-ms': { type: 'string' },
  sqs: { type: 'string' },
  'sqs-endpoint': { type: 'string', env: 'AWS_ENDPOINT_URL_SQS' },
  'max-receives': { type: 'string' },
  'visibility-timeout-s': { type: 'string' },
  once: { type: 'boolean' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  accounts: { type: 'string', env: 'GDLENS_ACCOUNTS_FILE' },
} as const;

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'store findings and CloudTrail records from files, directories or stdin',
  usage: USAGE,
  flags: INGEST_FLAGS,
  async run(context) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...context.argv],
        options: INGEST_FLAGS,
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    if (values.watch === undefined && values.s3 === undefined && values.sqs === undefined && positionals.length === 0) {
      throw new UsageError('give at least one FILE, DIR or -, or --watch DIR, or --s3 s3://bucket/prefix, or --sqs QUEUE_URL');
    }
    if (values.watch !== undefined && positionals.length > 0) throw new UsageError('--watch DIR takes no other inputs');
    if (values.s3 !== undefined && (positionals.length > 0 || values.watch !== undefined)) throw new UsageError('--s3 takes no other inputs');
    if (values.sqs !== undefined && (positionals.length > 0 || values.watch !== undefined || values.s3 !== undefined)) throw new UsageError('--sqs takes no other inputs');
    if (values.s3 === undefined && values.sqs === undefined) {
      for (const flag of ['s3-endpoint', 'lease-ms', 'once'] as const) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --s3 or --sqs`);
      }
    }
    if (values.s3 === undefined && values['s3-page-size'] !== undefined) throw new UsageError('--s3-page-size goes with --s3');
    if (values.sqs === undefined) {
      for (const flag of ['sqs-endpoint', 'max-receives', 'visibility-timeout-s'] as const) {
        if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --sqs`);
      }
    }
    const queue = values.sqs === undefined ? undefined : parseQueueUrl(values.sqs);
    const s3Location = values.s3 === undefined ? undefined : parseS3Url(values.s3);
    const names = storeNames(values.prefix ?? context.env.GDLENS_PREFIX);
    const accountsFile = values.accounts ?? context.env.GDLENS_ACCOUNTS_FILE;
    const accounts = accountsFile === undefined ? undefined : await readAccountsFile(accountsFile, values.accounts === undefined ? 'GDLENS_ACCOUNTS_FILE' : '--accounts');
    const client = clientFromSettings(values, context.env);
    const log = (line: string): void => void context.stderr.write(`gdlens ingest: ${line}\n`);
    const writer = new BulkWriter({
      client,
      names,
      now: context.now,
      concurrency: wholeNumber(values.concurrency, '--concurrency', 2),
      limits: { flushBytes: wholeNumber(values['flush-bytes'], '--flush-bytes', 5_000_000), flushCount: wholeNumber(values['flush-count'], '--flush-count', 1000) },
      signal: context.signal,
      ...(values['dead-letter'] === undefined ? {} : { deadLetterFile: values['dead-letter'] }),
      ...(accounts === undefined ? {} : { enrich: (record: ParsedRecord) => enrichAccount(record, accounts) }),
      log,
    });
    // Shared by the heartbeat and /metrics; the polling modes fill it in.
    const poll: PollState = { objectsSeen: 0, polls: 0 };
    const metrics = new WorkerMetrics({ accounting: writer.accounting, now: context.now, startedMs: context.now(), poll });
    let metricsServer: MetricsServer | undefined;
    try {
      if (values['metrics-port'] !== undefined) {
        metricsServer = await serveMetrics({
          host: values['metrics-host'] ?? '127.0.0.1',
          // 0 lets the system pick a free port (the log line says which).
          port: metricsPort(values['metrics-port']),
          render: () => formatExposition(metrics.families()),
          log,
        });
        log(`metrics at ${metricsServer.url}`);
      } else if (values['metrics-host'] !== undefined) {
        throw new UsageError('--metrics-host goes with --metrics-port');
      }
      await requireStore(client, names);
      // Documents stored before the file (or before a rename) get its names too: one name per account.
      if (accounts !== undefined) log(backfillSummary(await backfillAccounts(client, names, accounts, { signal: context.signal })));
      // The AWS SDK takes a few hundred milliseconds to load: only the S3 and SQS modes pay for it.
      if (queue !== undefined) {
        const { watchSqs } = await import('./ingest-sqs');
        return await watchSqs(
          context,
          client,
          names,
          writer,
          log,
          {
            queue,
            visibilityTimeoutS: wholeNumber(values['visibility-timeout-s'], '--visibility-timeout-s', 300),
            leaseMs: wholeNumber(values['lease-ms'], '--lease-ms', 900_000),
            once: values.once === true,
            ...(values['max-receives'] === undefined ? {} : { maxReceives: wholeNumber(values['max-receives'], '--max-receives', 5) }),
            ...(values['sqs-endpoint'] === undefined ? {} : { endpoint: values['sqs-endpoint'] }),
            ...(values['s3-endpoint'] === undefined ? {} : { s3Endpoint: values['s3-endpoint'] }),
          },
          poll,
        );
      }
      if (s3Location !== undefined) {
        const { watchS3 } = await import('./ingest-s3');
        return await watchS3(context, client, names, writer, log, {
          location: s3Location,
          url: values.s3 ?? '',
          pollMs: wholeNumber(values['poll-ms'], '--poll-ms', 60_000),
          once: values.once === true,
          pageSizeKeys: wholeNumber(values['s3-page-size'], '--s3-page-size', 1000),
          leaseMs: wholeNumber(values['lease-ms'], '--lease-ms', 900_000),
          ...(values['s3-endpoint'] === undefined ? {} : { endpoint: values['s3-endpoint'] }),
        }, poll);
      }
      return values.watch === undefined
        ? await ingestOnce(context, client, names, writer, positionals, log, poll)
        : await watch(context, client, names, writer, values.watch, wholeNumber(values['poll-ms'], '--poll-ms', 5000), log, poll);
    } finally {
      await metricsServer?.close();
      client.close();
    }
  },
};

async function inputSizes(inputs: readonly string[]): Promise<{ files: number; bytes: number } | undefined> {
  if (inputs.includes('-')) return undefined;
  let files = 0;
  let bytes = 0;
  for (const input of inputs) {
    for await (const file of listFiles(input)) {
      files += 1;
      bytes += (await fs.stat(file)).size;
    }
  }
  return { files, bytes };
}

/** Reads `inputs` to the end (or until the signal), then flushes and prints the summary line. */
async function ingestOnce(
  context: CommandContext,
  client: OpenSearchClient,
  names: StoreNames,
  writer: BulkWriter,
  inputs: readonly string[],
  log: (line: string) => void,
  poll: PollState,
): Promise<number> {
  const startedMs = context.now();
  const startedAt = new Date(startedMs).toISOString();
  const workerId = defaultWorkerId();
  const sizes = await inputSizes(inputs);
  poll.objectsSeen = sizes?.files ?? inputs.length;
  const state: ProgressState = { filesDone: 0, bytesDone: 0, ...(sizes ? { filesTotal: sizes.files, bytesTotal: sizes.bytes } : {}) };
  const tty = (context.stderr as { isTTY?: boolean }).isTTY === true;
  const report = (): void => {
    const line = progressLine(writer.accounting, state, context.now() - startedMs);
    if (tty) context.stderr.write(`\r\x1b[K${line}`);
    else log(line);
  };
  const progressTimer = setInterval(report, tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
  progressTimer.unref();
  const beat = workerHeartbeat(client, names, { workerId, command: 'ingest', input: 'files', startedAt, accounting: writer.accounting, poll }, context.now, log);
  const heartbeatTimer = setInterval(() => void beat('running'), HEARTBEAT_INTERVAL_MS);
  heartbeatTimer.unref();
  await beat('running');

  let currentFile: string | undefined;
  const finishFile = async (file: string | undefined): Promise<void> => {
    if (file === undefined || file === '-') return;
    state.filesDone += 1;
    state.bytesDone += await fs.stat(file).then((s) => s.size, () => 0);
  };
  let failure: unknown;
  try {
    for await (const record of readRecords(inputs, { stdin: context.stdin }) as AsyncIterable<ParsedRecord>) {
      if (record.origin.file !== currentFile) {
        await finishFile(currentFile);
        currentFile = record.origin.file;
      }
      await writer.write(record);
      if (context.signal.aborted) break;
    }
    await finishFile(currentFile);
  } catch (error) {
    failure = error;
  }
  try {
    await writer.flush();
  } catch (error) {
    failure ??= error;
  }
  clearInterval(progressTimer);
  clearInterval(heartbeatTimer);
  if (tty) context.stderr.write('\n');
  const interrupted = context.signal.aborted;
  await beat(failure === undefined ? 'stopped' : 'failed');
  const elapsedMs = context.now() - startedMs;
  const rate = Math.round(writer.accounting.counts.read / Math.max(elapsedMs / 1000, 0.001));
  context.stdout.write(
    `gdlens ingest: ${writer.accounting.summary()} in ${(elapsedMs / 1000).toFixed(1)} s (${rate}/s)${interrupted ? ', stopped by signal' : ''}\n`,
  );
  if (failure !== undefined) {
    if (writer.accounting.pending > 0) log(`${writer.accounting.pending} records not written; rerun the same inputs to complete (every write is idempotent)`);
    if (failure instanceof IngestError) throw failure;
    throw new IngestError(`stopped: ${failure instanceof Error ? failure.message : String(failure)}`, {}, { cause: failure });
  }
  return writer.accounting.pending === 0 ? 0 : 1;
}

/**
 * Polls DIR for new files and for files that grew. The state index remembers, per path, the inode
 * and how far the file was read: a grown line-oriented file is read from there on, a replaced,
 * truncated, gzip or single-document file whole again (see `sources/watched-file`).
 */
async function watch(
  context: CommandContext,
  client: OpenSearchClient,
  names: StoreNames,
  writer: BulkWriter,
  directory: string,
  pollMs: number,
  log: (line: string) => void,
  poll: PollState,
): Promise<number> {
  const watchedFiles = new WatchedFileStore(client, names, context.now);
  const workerId = defaultWorkerId();
  const startedAt = new Date(context.now()).toISOString();
  // A heartbeat on every poll, so alerts can tell a quiet GuardDuty from a stopped worker.
  const beat = workerHeartbeat(client, names, { workerId, command: 'ingest --watch', input: 'watch', location: directory, startedAt, accounting: writer.accounting, poll }, context.now, log);
  log(`watching ${directory} every ${pollMs} ms`);
  while (!context.signal.aborted) {
    await beat('running');
    let listed = 0;
    for await (const file of listFiles(directory)) {
      if (context.signal.aborted) break;
      listed += 1;
      const previous = await watchedFiles.load(file);
      const read = await readChanged(file, previous);
      if (read.plan.kind === 'unchanged') continue;
      const before = writer.accounting.counts.read;
      for await (const record of read.records) await writer.write(record);
      await writer.flush();
      const next = read.nextState();
      await watchedFiles.save(file, next);
      const what = read.plan.kind === 'whole' ? 'read whole' : `lines ${read.plan.fromLine}-${next.line - 1} appended`;
      if (next.offset !== previous?.offset || read.plan.kind === 'whole') log(`${file} (${what}): ${writer.accounting.counts.read - before} records; totals ${writer.accounting.summary()}`);
    }
    poll.objectsSeen = listed;
    poll.polls += 1;
    await realSleep(pollMs, context.signal).catch(() => undefined);
  }
  await writer.flush();
  await beat('stopped');
  context.stdout.write(`gdlens ingest: ${writer.accounting.summary()}, stopped by signal\n`);
  return writer.accounting.pending === 0 ? 0 : 1;
}
