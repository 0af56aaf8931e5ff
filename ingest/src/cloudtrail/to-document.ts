import { isIP } from 'node:net';
import type { CloudTrailDocument } from '../records';
import { asBoolean, asObject, asString, pick, type JsonObject } from '../formats/json-values';
import type { MappingResult } from '../finding/mapping-result';
import { normalizeTimestamp } from '../time/normalize';

/**
 * Maps one CloudTrail record to its document: the record's own fields stay at the top level,
 * unchanged, beside the derived ones. Pure. Rejects a record without `eventName` or a valid
 * `eventTime`.
 */
export function cloudTrailToDocument(record: JsonObject): MappingResult<CloudTrailDocument> {
  const eventName = asString(record['eventName']);
  const eventTime = record['eventTime'];
  if (eventTime === undefined) return { ok: false, reason: `CloudTrail record${describe(record)} has no eventTime` };
  const timestamp = normalizeTimestamp(eventTime);
  if (timestamp === undefined) {
    return { ok: false, reason: `CloudTrail record${describe(record)} has an invalid eventTime ${JSON.stringify(eventTime)}` };
  }
  if (eventName === undefined) return { ok: false, reason: `CloudTrail record${describe(record)} has no eventName` };

  const derived: Record<string, unknown> = { '@timestamp': timestamp, source: 'aws.cloudtrail' };
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) derived[key] = value;
  };
  put('account_id', asString(record['recipientAccountId']));
  put('region', asString(record['awsRegion']));
  const identity = asObject(record['userIdentity']);
  put('user_arn', asString(identity?.['arn']));
  put('user_type', asString(identity?.['type']));
  put('error_code', asString(record['errorCode']));
  put('bucket_name', asString(pick(record, 'requestParameters', 'bucketName')));
  put('read_only', asBoolean(record['readOnly']));
  // `sourceIPAddress` holds an address for calls from outside AWS, but a service name
  // (`cloudtrail.amazonaws.com`) or `AWS Internal` for calls AWS makes itself; only a real
  // address may go to the ip-typed field.
  const sourceAddress = asString(record['sourceIPAddress']);
  if (sourceAddress !== undefined) put(isIP(sourceAddress) !== 0 ? 'source_ip' : 'source_host', sourceAddress);
  const document = { ...derived, ...record };
  // A record's own `source` or `@timestamp` (added by some pipelines) must not replace ours.
  if ('source' in record || '@timestamp' in record) Object.assign(document, { '@timestamp': timestamp, source: 'aws.cloudtrail' });
  return { ok: true, document: document as CloudTrailDocument };
}

function describe(record: JsonObject): string {
  const id = asString(record['eventID']);
  return id === undefined ? '' : ` ${id}`;
}
