import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command, CommandContext } from '../command';
import { IngestError, UsageError } from '../../errors';
import type { ParsedRecord, RecordOrigin } from '../../records';
import { readRecords } from '../../sources/files';

const USAGE = `usage: gdlens parse [--dead-letter FILE] [--follow-symlinks] FILE|DIR|- …

Reads GuardDuty findings and CloudTrail records in every delivery form (EventBridge events, the
S3 export .jsonl(.gz), CLI/API output, CloudTrail Records files, CloudWatch Logs subscription
payloads, Firehose concatenations), and writes one document per line to stdout.
Each record that cannot be a document is reported on stderr as file:line: reason, and written
with its reason to the dead-letter file. Exit status: 0, 2 when a record was rejected, 1 on a
usage or I/O error.`;

interface ParseArguments {
  readonly inputs: string[];
  readonly deadLetter?: string;
  readonly followSymlinks: boolean;
}

function parseArguments(argv: readonly string[]): ParseArguments {
  const inputs: string[] = [];
  let deadLetter: string | undefined;
  let followSymlinks = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--dead-letter') {
      const value = argv[i + 1];
      if (value === undefined || value === '') throw new UsageError('--dead-letter needs a file name');
      deadLetter = value;
      i += 1;
    } else if (arg.startsWith('--dead-letter=')) {
      deadLetter = arg.slice('--dead-letter='.length);
    } else if (arg === '--follow-symlinks') {
      followSymlinks = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      inputs.push(arg);
    }
  }
  if (inputs.length === 0) throw new UsageError('no input: give files, directories or - for stdin');
  return deadLetter === undefined ? { inputs, followSymlinks } : { inputs, deadLetter, followSymlinks };
}

/** `file:line: reason`, naming the element when the record sits inside a container. */
export function formatReport(origin: RecordOrigin, reason: string): string {
  const element = origin.index === undefined ? '' : ` (element ${origin.index})`;
  return `${origin.file}:${origin.line}: ${reason}${element}\n`;
}

/** Writes and waits when the stream asks to, so a fast reader cannot fill memory with output. */
async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream as NodeJS.EventEmitter, 'drain');
}

// One write call per document costs more than the document's mapping; batch them.
const OUTPUT_BATCH_BYTES = 64 * 1024;

/** Collects output lines and writes them in batches, honouring backpressure. */
class BatchedOutput {
  private pending = '';

  constructor(private readonly stream: NodeJS.WritableStream) {}

  async add(line: string): Promise<void> {
    this.pending += line;
    if (this.pending.length >= OUTPUT_BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    await write(this.stream, text);
  }
}

/** Counts by outcome; `read = parsed + skipped + rejected`. */
export interface ParseSummary {
  read: number;
  parsed: number;
  skipped: number;
  rejected: number;
}

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse findings and CloudTrail records into documents (NDJSON on stdout)',
  usage: USAGE,
  async run(context: CommandContext): Promise<number> {
    const args = parseArguments(context.argv);
    const deadLetter = args.deadLetter === undefined ? undefined : createWriteStream(args.deadLetter, { flags: 'w' });
    if (deadLetter !== undefined) {
      // Opening failures surface as an event; without this listener they would crash the process.
      deadLetter.on('error', () => undefined);
      try {
        await once(deadLetter, 'open');
      } catch (error) {
        throw new IngestError(`cannot write dead-letter file ${args.deadLetter}: ${(error as Error).message}`, { file: args.deadLetter }, { cause: error });
      }
    }
    const summary: ParseSummary = { read: 0, parsed: 0, skipped: 0, rejected: 0 };
    const output = new BatchedOutput(context.stdout);
    try {
      for await (const record of readRecords(args.inputs, { followSymlinks: args.followSymlinks, stdin: context.stdin })) {
        if (context.signal.aborted) break;
        summary.read += 1;
        await handle(record, summary, context, output, deadLetter);
      }
    } finally {
      await output.flush();
      context.stderr.write(`read ${summary.read}, parsed ${summary.parsed}, skipped ${summary.skipped}, rejected ${summary.rejected}\n`);
      if (deadLetter !== undefined) {
        deadLetter.end();
        await once(deadLetter, 'close');
      }
    }
    return summary.rejected > 0 ? 2 : 0;
  },
};

async function handle(
  record: ParsedRecord,
  summary: ParseSummary,
  context: CommandContext,
  output: BatchedOutput,
  deadLetter: NodeJS.WritableStream | undefined,
): Promise<void> {
  switch (record.kind) {
    case 'finding':
    case 'cloudtrail':
      summary.parsed += 1;
      await output.add(`${JSON.stringify(record.document)}\n`);
      return;
    case 'skipped':
      summary.skipped += 1;
      context.stderr.write(formatReport(record.origin, `skipped: ${record.reason}`));
      return;
    case 'rejected':
      summary.rejected += 1;
      context.stderr.write(formatReport(record.origin, record.reason));
      if (deadLetter !== undefined) {
        const { file, line } = record.origin;
        const entry = record.origin.index === undefined ? { file, line, reason: record.reason, raw: record.raw } : { file, line, index: record.origin.index, reason: record.reason, raw: record.raw };
        await write(deadLetter, `${JSON.stringify(entry)}\n`);
      }
      return;
  }
}
