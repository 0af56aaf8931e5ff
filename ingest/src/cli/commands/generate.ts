import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Command, CommandContext } from '../command';
import { IngestError, UsageError } from '../../errors';
import { errorMessage } from '../../formats/detect';
import { generateRecords, type GenerateOptions } from '../../generate';
import { layoutAsS3Export } from '../../generate/layout';
import { BatchedOutput, OutputClosedError } from './parse';
import { parseFlags } from '../flags';

const gzipAsync = promisify(gzip);

const USAGE = `usage: gdlens generate --seed N --findings N [--cloudtrail N] [--start ISO --end ISO] [--out DIR]

Writes realistic GuardDuty findings (S3-export form) and CloudTrail records, one JSON per line,
in time order, to stdout; with --out, as gzip'd objects in the layout AWS writes to S3
(DIR/AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/*.jsonl.gz and CloudTrail Records files).
The same seed always gives the same bytes. The window defaults to the week from
2026-01-01T00:00:00Z (no clock is read, so output never depends on when it runs).`;

/** Parsed `gdlens generate` command line. */
export interface GenerateArguments extends GenerateOptions {
  /** Write an S3-export tree here instead of lines to stdout. */
  readonly out?: string;
}

function integer(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${flag} needs a non-negative integer`);
  return Number(value);
}

function isoDate(flag: string, value: string | undefined): string {
  if (value === undefined || Number.isNaN(Date.parse(value))) throw new UsageError(`${flag} needs an ISO 8601 date`);
  return value;
}

/** Flags of `gdlens generate`. */
export const GENERATE_FLAGS = {
  seed: { type: 'string' },
  findings: { type: 'string' },
  cloudtrail: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  out: { type: 'string' },
} as const;

/** Parses `gdlens generate` options. */
export function parseGenerateArguments(argv: readonly string[]): GenerateArguments {
  const { values } = parseFlags(argv, GENERATE_FLAGS, false);
  if (values.seed === undefined) throw new UsageError('--seed is required');
  if (values.findings === undefined) throw new UsageError('--findings is required');
  const seed = integer('--seed', values.seed);
  const findings = integer('--findings', values.findings);
  const cloudtrail = values.cloudtrail === undefined ? 0 : integer('--cloudtrail', values.cloudtrail);
  const start = values.start === undefined ? undefined : isoDate('--start', values.start);
  const end = values.end === undefined ? undefined : isoDate('--end', values.end);
  const out = values.out;
  if (out === '') throw new UsageError('--out needs a directory');
  if (start !== undefined && end !== undefined && Date.parse(end) <= Date.parse(start)) throw new UsageError('--end must be after --start');
  return { seed, findings, cloudtrail, ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }), ...(out === undefined ? {} : { out }) };
}

/** `gdlens generate`: seeded, realistic findings and CloudTrail records, as lines or an S3 tree. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'write realistic, seeded GuardDuty findings and CloudTrail records (JSON lines)',
  usage: USAGE,
  flags: GENERATE_FLAGS,
  async run(context: CommandContext): Promise<number> {
    const options = parseGenerateArguments(context.argv);
    if (options.out !== undefined) return writeExport(options, options.out, context);
    const output = new BatchedOutput(context.stdout);
    try {
      for (const record of generateRecords(options)) {
        if (context.signal.aborted) break;
        await output.add(`${JSON.stringify(record.value)}\n`);
      }
      await output.flush();
    } catch (error) {
      if (!(error instanceof OutputClosedError)) throw error;
    } finally {
      output.close();
    }
    return 0;
  },
};

/** Writes the S3-export tree under `directory`; prints one summary line. */
async function writeExport(options: GenerateOptions, directory: string, context: CommandContext): Promise<number> {
  let objects = 0;
  let records = 0;
  for (const object of layoutAsS3Export(generateRecords(options))) {
    if (context.signal.aborted) break;
    const file = path.join(directory, ...object.key.split('/'));
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, await gzipAsync(object.text));
    } catch (error) {
      throw new IngestError(`cannot write ${file}: ${errorMessage(error)}`, { file }, { cause: error });
    }
    objects += 1;
    records += object.records;
  }
  context.stderr.write(`wrote ${records} records in ${objects} objects under ${directory}\n`);
  return 0;
}
