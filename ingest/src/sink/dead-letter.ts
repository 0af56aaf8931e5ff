import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { RecordOrigin } from '../records';

/** What the dead-letter index and file hold for one rejected record. */
export interface DeadLetter {
  '@timestamp': string;
  ingested_at: string;
  /** Why it was rejected: the reader's reason or OpenSearch's error type and reason. */
  reason: string;
  /** What the record was taken for: `finding`, `cloudtrail`, or `unparsed` (the reader could not map it). */
  kind: string;
  /** HTTP status of the failed item, when OpenSearch rejected it. */
  status?: number;
  file: string;
  line: number;
  index?: number;
  record_id?: string;
  /** The record as read (reader rejections) or as it was about to be stored. */
  raw: string;
}

/** Same record, same origin → same id: a rerun rewrites its dead letter instead of adding one. */
export function deadLetterId(letter: Pick<DeadLetter, 'file' | 'line' | 'index' | 'raw'>): string {
  return createHash('sha256')
    .update(`${letter.file}\n${letter.line}\n${letter.index ?? ''}\n${letter.raw}`)
    .digest('hex')
    .slice(0, 32);
}

export function makeDeadLetter(
  origin: RecordOrigin,
  fields: { reason: string; kind: string; raw: string; status?: number; recordId?: string },
  nowIso: string,
): DeadLetter {
  return {
    '@timestamp': nowIso,
    ingested_at: nowIso,
    reason: fields.reason,
    kind: fields.kind,
    ...(fields.status === undefined ? {} : { status: fields.status }),
    file: origin.file,
    line: origin.line,
    ...(origin.index === undefined ? {} : { index: origin.index }),
    ...(fields.recordId === undefined ? {} : { record_id: fields.recordId }),
    raw: fields.raw,
  };
}

/** Appends dead letters to a local NDJSON file (`--dead-letter FILE`), one line each. */
export async function appendDeadLetters(file: string, letters: readonly DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await appendFile(file, letters.map((letter) => `${JSON.stringify(letter)}\n`).join(''));
}
