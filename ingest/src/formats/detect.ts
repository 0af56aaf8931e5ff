import { gunzipSync } from 'node:zlib';
import { cloudTrailToDocument } from '../cloudtrail/to-document';
import { findingToDocument } from '../finding/to-document';
import type { ParsedRecord, RecordOrigin } from '../records';
import { asArray, asObject, asString, type JsonObject } from './json-values';

/** What a container says about its elements: `Findings` holds findings whatever they look like. */
export type ElementHint = 'any' | 'finding';

/**
 * Maps one already-parsed JSON value in any supported form to its records: a finding (camelCase
 * or PascalCase), a CloudTrail record, an EventBridge event, `{"Findings":[…]}`, `{"Records":[…]}`,
 * a JSON array of any of these, a CloudWatch Logs subscription payload (`{"awslogs":{"data":…}}`
 * or decoded). Never throws: what cannot be mapped comes back `rejected` or `skipped` with a reason.
 */
export function recordsFromValue(value: unknown, origin: RecordOrigin): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  collect(value, origin, 'any', records, true);
  return records;
}

/**
 * Maps one element of a container the reader streams (`Records`, `Findings`, a top-level array):
 * like {@link recordsFromValue}, but an array element that is itself an array is the wrong shape.
 */
export function recordsFromElement(value: unknown, origin: RecordOrigin, hint: ElementHint): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  collect(value, origin, hint, records, false);
  return records;
}

function collect(value: unknown, origin: RecordOrigin, hint: ElementHint, out: ParsedRecord[], arrayAllowed: boolean): void {
  if (Array.isArray(value)) {
    if (!arrayAllowed) {
      out.push(rejected('expected a JSON object, got an array nested in a container', value, origin));
      return;
    }
    value.forEach((element, index) => collect(element, { ...origin, index }, hint, out, false));
    return;
  }
  const object = asObject(value);
  if (object === undefined) {
    out.push(rejected(`expected a JSON object or array, got ${value === null ? 'null' : typeof value}`, value, origin));
    return;
  }
  if (hint === 'finding') {
    out.push(fromFinding(object, origin));
    return;
  }
  if (Array.isArray(object['Records'])) {
    object['Records'].forEach((element, index) => collect(element, { ...origin, index }, 'any', out, false));
    return;
  }
  if (Array.isArray(object['Findings'])) {
    object['Findings'].forEach((element, index) => collect(element, { ...origin, index }, 'finding', out, false));
    return;
  }
  const awslogs = asObject(object['awslogs']);
  if (awslogs !== undefined) {
    collectAwsLogs(awslogs, object, origin, out);
    return;
  }
  if (typeof object['messageType'] === 'string') {
    collectLogEvents(object, origin, out);
    return;
  }
  const detailType = object['detail-type'];
  if (typeof detailType === 'string') {
    collectEventBridge(object, detailType, origin, out);
    return;
  }
  out.push(classifyRecord(object, origin));
}

/** A bare record: a finding, a CloudTrail record, or something we name and skip or reject. */
function classifyRecord(object: JsonObject, origin: RecordOrigin): ParsedRecord {
  if (isFinding(object)) return fromFinding(object, origin);
  if ('digestStartTime' in object && 'logFiles' in object) {
    return { kind: 'skipped', reason: 'CloudTrail digest file (integrity hashes, not events)', origin };
  }
  if (object['eventSource'] === 'aws:s3' && 's3' in object) {
    return { kind: 'skipped', reason: 'S3 event notification, not a CloudTrail record', origin };
  }
  if (isCloudTrail(object)) {
    // Insights events describe unusual API volume; they carry no eventName and are not API calls.
    if (object['eventCategory'] === 'Insight' || 'insightDetails' in object) {
      return { kind: 'skipped', reason: 'CloudTrail Insights event (not an API call record)', origin };
    }
    return fromCloudTrail(object, origin);
  }
  const keys = Object.keys(object).slice(0, 5).join(', ');
  return rejected(`not a GuardDuty finding, CloudTrail record or known envelope (keys: ${keys || 'none'})`, object, origin);
}

function isFinding(object: JsonObject): boolean {
  if ('schemaVersion' in object || 'SchemaVersion' in object) return true;
  const arn = asString(object['arn']) ?? asString(object['Arn']);
  if (arn !== undefined && arn.includes(':guardduty:')) return true;
  return ('type' in object || 'Type' in object) && ('severity' in object || 'Severity' in object);
}

function isCloudTrail(object: JsonObject): boolean {
  return 'eventVersion' in object || 'userIdentity' in object || ('eventTime' in object && ('eventName' in object || 'eventSource' in object));
}

function collectEventBridge(event: JsonObject, detailType: string, origin: RecordOrigin, out: ParsedRecord[]): void {
  const isFindingEvent = detailType === 'GuardDuty Finding';
  // CloudTrail reaches EventBridge as "AWS API Call via CloudTrail", "AWS Console Sign In via
  // CloudTrail" and "AWS Service Event via CloudTrail": all three hold a CloudTrail record.
  const isCloudTrailEvent = detailType.endsWith('via CloudTrail');
  if (!isFindingEvent && !isCloudTrailEvent) {
    const source = asString(event['source']) ?? 'unknown source';
    out.push({ kind: 'skipped', reason: `EventBridge event "${detailType}" from ${source} is neither a finding nor a CloudTrail record`, origin });
    return;
  }
  const detail = asObject(event['detail']);
  if (detail === undefined) {
    out.push(rejected(`EventBridge "${detailType}" event has no detail object`, event, origin));
    return;
  }
  out.push(isFindingEvent ? fromFinding(detail, origin, event) : fromCloudTrail(detail, origin, event));
}

function collectAwsLogs(awslogs: JsonObject, envelope: JsonObject, origin: RecordOrigin, out: ParsedRecord[]): void {
  const data = asString(awslogs['data']);
  if (data === undefined) {
    out.push(rejected('awslogs payload has no data string', envelope, origin));
    return;
  }
  let decoded: unknown;
  try {
    const bytes = Buffer.from(data, 'base64');
    // CloudWatch Logs always gzips; a test harness or a Firehose transform may not.
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    decoded = JSON.parse(text);
  } catch (error) {
    out.push(rejected(`awslogs data is not base64 gzip JSON: ${errorMessage(error)}`, envelope, origin));
    return;
  }
  collect(decoded, origin, 'any', out, true);
}

function collectLogEvents(payload: JsonObject, origin: RecordOrigin, out: ParsedRecord[]): void {
  const messageType = payload['messageType'];
  if (messageType === 'CONTROL_MESSAGE') {
    out.push({ kind: 'skipped', reason: 'CloudWatch Logs CONTROL_MESSAGE (subscription health check)', origin });
    return;
  }
  if (messageType !== 'DATA_MESSAGE' || !Array.isArray(payload['logEvents'])) {
    out.push(rejected(`CloudWatch Logs payload with messageType ${String(messageType)} and no logEvents array`, payload, origin));
    return;
  }
  asArray(payload['logEvents']).forEach((event, index) => {
    const eventOrigin = { ...origin, index };
    const message = asObject(event)?.['message'];
    if (typeof message !== 'string') {
      out.push(rejected('CloudWatch Logs event has no message string', event, eventOrigin));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch (error) {
      out.push({ kind: 'rejected', reason: `CloudWatch Logs message is not JSON: ${errorMessage(error)}`, raw: message, origin: eventOrigin });
      return;
    }
    collect(parsed, eventOrigin, 'any', out, false);
  });
}

function fromFinding(finding: JsonObject, origin: RecordOrigin, envelope?: JsonObject): ParsedRecord {
  const result = findingToDocument(finding);
  return result.ok ? { kind: 'finding', document: result.document, origin } : rejected(result.reason, envelope ?? finding, origin);
}

function fromCloudTrail(record: JsonObject, origin: RecordOrigin, envelope?: JsonObject): ParsedRecord {
  const result = cloudTrailToDocument(record);
  return result.ok ? { kind: 'cloudtrail', document: result.document, origin } : rejected(result.reason, envelope ?? record, origin);
}

function rejected(reason: string, value: unknown, origin: RecordOrigin): ParsedRecord {
  return { kind: 'rejected', reason, raw: JSON.stringify(value) ?? String(value), origin };
}

/** The message of a caught error, for a reason text. */
export function errorMessage(error: unknown): string {
  const message: unknown = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
