import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command, CommandContext } from '../command';
import { IngestError, UsageError } from '../../errors';
import type { ParsedRecord, RecordOrigin } from '../../records';
import { readRecords } from '../../sources/files';
import { errorMessage } from '../../formats/detect';
import { parseFlags } from '../flags';

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

/** Flags of `gdlens parse`. */
export const PARSE_FLAGS = { 'dead-letter': { type: 'string' }, 'follow-symlinks': { type: 'boolean' } } as const;

function parseArguments(argv: readonly string[]): ParseArguments {
  const { values, positionals: inputs } = parseFlags(argv, PARSE_FLAGS, true);
  const deadLetter = values['dead-letter'];
  const followSymlinks = values['follow-symlinks'] === true;
  if (deadLetter === '') throw new UsageError('--dead-letter needs a file name');
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

/** The reader of stdout went away (`gdlens parse … | head`): stop quietly, like other Unix tools. */
export class OutputClosedError extends IngestError {
  override readonly name = 'OutputClosedError';
}

// One write call per document costs more than the document's mapping; batch them.
const OUTPUT_BATCH_BYTES = 64 * 1024;

/**
 * Collects output lines and writes them in batches, honouring backpressure. A closed pipe
 * (EPIPE) becomes {@link OutputClosedError} instead of an unhandled stream error.
 */
export class BatchedOutput {
  private pending = '';
  private closedBy: unknown;
  private readonly onError = (error: unknown): void => {
    this.closedBy = error;
  };

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', this.onError);
  }

  async add(line: string): Promise<void> {
    this.pending += line;
    if (this.pending.length >= OUTPUT_BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.closedBy !== undefined) throw this.closedError();
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    try {
      await write(this.stream, text);
    } catch (error) {
      this.closedBy = error;
    }
    if (this.closedBy !== undefined) throw this.closedError();
  }

  /** Stops listening for stream errors; call once done. */
  close(): void {
    this.stream.removeListener('error', this.onError);
  }

  private closedError(): IngestError {
    const code = typeof this.closedBy === 'object' && this.closedBy !== null ? (this.closedBy as { code?: unknown }).code : undefined;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return new OutputClosedError('output closed by its reader', {}, { cause: this.closedBy });
    return new IngestError(`cannot write output: ${errorMessage(this.closedBy)}`, {}, { cause: this.closedBy });
  }
}

/** Counts by outcome; `read = parsed + skipped + rejected`. */
export interface ParseSummary {
  read: number;
  parsed: number;
  skipped: number;
  rejected: number;
}

/** `gdlens parse`: every input form to NDJSON documents, with per-record accounting. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse findings and CloudTrail records into documents (NDJSON on stdout)',
  usage: USAGE,
  flags: PARSE_FLAGS,
  async run(context: CommandContext): Promise<number> {
    const args = parseArguments(context.argv);
    const deadLetter = args.deadLetter === undefined ? undefined : createWriteStream(args.deadLetter, { flags: 'w' });
    let deadLetterError: unknown;
    const deadLetterFailure = (error: unknown): IngestError =>
      new IngestError(`cannot write dead-letter file ${args.deadLetter ?? ''}: ${errorMessage(error)}`, { file: args.deadLetter }, { cause: error });
    if (deadLetter !== undefined) {
      // Stream errors arrive as events; keep the first and fail with it, never lose dead letters silently.
      deadLetter.on('error', (error: unknown) => {
        deadLetterError ??= error;
      });
      try {
        await once(deadLetter, 'open');
      } catch (error) {
        throw deadLetterFailure(error);
      }
    }
    const summary: ParseSummary = { read: 0, parsed: 0, skipped: 0, rejected: 0 };
    const output = new BatchedOutput(context.stdout);
    let failure: unknown;
    try {
      for await (const record of readRecords(args.inputs, { followSymlinks: args.followSymlinks, stdin: context.stdin })) {
        if (context.signal.aborted) break;
        summary.read += 1;
        if (deadLetterError !== undefined) throw deadLetterFailure(deadLetterError);
        await handle(record, summary, context, output, deadLetter);
      }
    } catch (error) {
      failure = error;
    }
    // Documents read before an I/O error are still written, then the error is reported.
    try {
      await output.flush();
    } catch (error) {
      failure ??= error;
    }
    output.close();
    context.stderr.write(`read ${summary.read}, parsed ${summary.parsed}, skipped ${summary.skipped}, rejected ${summary.rejected}\n`);
    if (deadLetter !== undefined) {
      deadLetter.end();
      if (!deadLetter.closed) await once(deadLetter, 'close');
      if (deadLetterError !== undefined) failure ??= deadLetterFailure(deadLetterError);
    }
    if (failure !== undefined && !(failure instanceof OutputClosedError)) throw failure;
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
