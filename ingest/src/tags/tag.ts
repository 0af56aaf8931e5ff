/**
 * A lifecycle tag (a deploy, a release, a campaign, a pentest window) and its validation. Pure:
 * the CLI and the HTTP endpoint both feed raw input here and only write what comes back valid.
 */
import { createHash } from 'node:crypto';

/** What a tag marks. `pentest` and `campaign` usually carry an end (a window). */
export const TAG_KINDS = ['deploy', 'release', 'campaign', 'pentest', 'other'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** The input keys, shared by the CLI flags (`--name`) and the JSON body (`"name"`). */
export const TAG_FIELDS = ['name', 'kind', 'service', 'env', 'account', 'time', 'end', 'url', 'by'] as const;
export type TagField = (typeof TAG_FIELDS)[number];

/** A validated tag; times are normalised ISO 8601 UTC strings. */
export interface Tag {
  readonly name: string;
  readonly kind: TagKind;
  readonly service: string;
  readonly env: string;
  readonly accountId?: string;
  readonly start: string;
  readonly end?: string;
  readonly url?: string;
  readonly recordedBy: string;
}

/** One problem with one input field. */
export interface TagFieldError {
  readonly field: TagField | string;
  readonly message: string;
}

export type ParseTagResult = { readonly ok: true; readonly tag: Tag } | { readonly ok: false; readonly errors: readonly TagFieldError[] };

export interface ParseTagContext {
  /** The start when `time` is absent. */
  readonly nowMs: number;
  /** `recorded_by` when `by` is absent (`$USER` for the CLI). */
  readonly defaultRecordedBy?: string;
}

/** Longest accepted text per field: generous for real names, small enough for keyword indexing. */
const MAX_LENGTH: Record<string, number> = { name: 200, service: 100, env: 100, by: 200, url: 2048 };

/**
 * ISO 8601: a date, or a date-time with an explicit zone. A zone-less time is refused: read on a
 * runner in another zone it would silently shift the tag by hours, exactly the error tags exist
 * to avoid.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses an ISO 8601 date or zoned date-time to epoch ms; undefined when it is not one. */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  if (hour === undefined && text.length !== 10) return undefined;
  const ms = Date.parse(hour === undefined ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2026-02-30 over to March; a calendar check catches it.
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (check.getUTCFullYear() !== Number(year) || check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) return undefined;
  return ms;
}

/**
 * Validates raw tag input (CLI flags or a JSON body). Every problem is reported, each naming its
 * field, so one correction fixes a pipeline step. Unknown keys are errors: a misspelt `enviroment`
 * must not vanish silently.
 */
export function parseTag(input: Readonly<Record<string, unknown>>, context: ParseTagContext): ParseTagResult {
  const errors: TagFieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!(TAG_FIELDS as readonly string[]).includes(key)) errors.push({ field: key, message: `unknown field (expected one of ${TAG_FIELDS.join(', ')})` });
  }
  const text = (field: TagField, required: boolean): string | undefined => {
    const value = input[field];
    if (value === undefined || value === null) {
      if (required) errors.push({ field, message: 'is required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      errors.push({ field, message: `must be a string, got ${Array.isArray(value) ? 'an array' : typeof value}` });
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length === 0) {
      errors.push({ field, message: required ? 'is required (got an empty value)' : 'must not be empty' });
      return undefined;
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && trimmed.length > max) {
      errors.push({ field, message: `is longer than ${max} characters` });
      return undefined;
    }
    // Control characters would break the one-line annotation text and log lines.
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
      errors.push({ field, message: 'must not contain control characters (newlines, tabs)' });
      return undefined;
    }
    return trimmed;
  };

  const name = text('name', true);
  const kindText = text('kind', true);
  const service = text('service', true);
  const env = text('env', true);
  const account = text('account', false);
  const timeText = text('time', false);
  const endText = text('end', false);
  const url = text('url', false);
  const by = text('by', false);

  let kind: TagKind | undefined;
  if (kindText !== undefined) {
    kind = TAG_KINDS.find((k) => k === kindText.toLowerCase());
    if (!kind) errors.push({ field: 'kind', message: `must be one of ${TAG_KINDS.join(', ')}, got '${kindText}'` });
  }
  if (account !== undefined && !/^\d{12}$/.test(account)) {
    errors.push({ field: 'account', message: `must be a 12-digit AWS account id, got '${account}'` });
  }
  let startMs: number | undefined = context.nowMs;
  if (timeText !== undefined) {
    startMs = parseIsoTime(timeText);
    if (startMs === undefined) errors.push({ field: 'time', message: `must be an ISO 8601 date or date-time with a zone (2026-11-27T14:05:00Z), got '${timeText}'` });
  }
  let endMs: number | undefined;
  if (endText !== undefined) {
    endMs = parseIsoTime(endText);
    if (endMs === undefined) {
      errors.push({ field: 'end', message: `must be an ISO 8601 date or date-time with a zone (2026-11-27T18:00:00Z), got '${endText}'` });
    } else if (startMs !== undefined && endMs < startMs) {
      errors.push({ field: 'end', message: `must not be before the start (${new Date(startMs).toISOString()}), got ${new Date(endMs).toISOString()}` });
    }
  }
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) errors.push({ field: 'url', message: `must be an http or https URL, got '${url}'` });
  }
  const recordedBy = by ?? context.defaultRecordedBy?.trim();
  if (!recordedBy && !errors.some((e) => e.field === 'by')) errors.push({ field: 'by', message: 'is required when no default is known (set --by or $USER)' });

  if (errors.length > 0 || !name || !kind || !service || !env || startMs === undefined || !recordedBy) return { ok: false, errors };
  return {
    ok: true,
    tag: {
      name,
      kind,
      service,
      env,
      ...(account !== undefined ? { accountId: account } : {}),
      start: new Date(startMs).toISOString(),
      ...(endMs !== undefined ? { end: new Date(endMs).toISOString() } : {}),
      ...(url !== undefined ? { url } : {}),
      recordedBy,
    },
  };
}

/**
 * The document id: a hash of what makes a tag the same event (kind, name, service, env, account,
 * start). Re-sending it (a retried pipeline step) rewrites one document; a later `end` or `url`
 * for the same start updates it rather than adding a second tag.
 */
export function tagId(tag: Tag): string {
  const identity = JSON.stringify([tag.kind, tag.name, tag.service, tag.env, tag.accountId ?? '', tag.start]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/** The stored document for a tag (field names as in `store/mappings.ts` `TAGS_MAPPINGS`). */
export interface TagDocument {
  readonly '@timestamp': string;
  readonly end?: string;
  readonly name: string;
  readonly kind: TagKind;
  readonly service: string;
  readonly env: string;
  readonly account_id?: string;
  readonly url?: string;
  readonly recorded_by: string;
  /** One line a Grafana annotation shows on hover. */
  readonly text: string;
  /** Grafana annotation tags: kind, service, env (and account), so annotations can be filtered by tag. */
  readonly tags: readonly string[];
  readonly ingested_at: string;
}

/** Maps a tag to its document; pure, `ingestedAtMs` comes from the caller's clock. */
export function tagDocument(tag: Tag, ingestedAtMs: number): TagDocument {
  const account = tag.accountId !== undefined ? ` (account ${tag.accountId})` : '';
  const text = `${tag.kind} ${tag.name}: ${tag.service} in ${tag.env}${account}, recorded by ${tag.recordedBy}${tag.url !== undefined ? ` ${tag.url}` : ''}`;
  return {
    '@timestamp': tag.start,
    ...(tag.end !== undefined ? { end: tag.end } : {}),
    name: tag.name,
    kind: tag.kind,
    service: tag.service,
    env: tag.env,
    ...(tag.accountId !== undefined ? { account_id: tag.accountId } : {}),
    ...(tag.url !== undefined ? { url: tag.url } : {}),
    recorded_by: tag.recordedBy,
    text,
    tags: [tag.kind, tag.service, tag.env, ...(tag.accountId !== undefined ? [tag.accountId] : [])],
    ingested_at: new Date(ingestedAtMs).toISOString(),
  };
}
