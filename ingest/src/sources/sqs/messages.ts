import { createHash } from 'node:crypto';
import { asNumber, asObject, asString, type JsonObject } from '../../formats/json-values';
import { decodeListedKey } from '../s3/location';

/** An object an S3 notification names; `etag` and `sizeBytes` are absent when the notification lacks them. */
export interface NotifiedObject {
  readonly bucket: string;
  readonly key: string;
  readonly etag?: string;
  readonly sizeBytes?: number;
}

/**
 * What one queue message asks of the worker. `objects`: read these S3 objects. `event`: the
 * message is itself an EventBridge event (a GuardDuty finding, a CloudTrail API call) whose
 * records are indexed as they are. `skip`: nothing to do, for the reason given (an `s3:TestEvent`,
 * only deletions). `undecodable`: a body gdlens does not know; it is poison, not data.
 */
export type DecodedMessage =
  | { readonly kind: 'objects'; readonly objects: readonly NotifiedObject[]; readonly ignoredRecords: number }
  | { readonly kind: 'event'; readonly event: JsonObject; readonly eventId: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'undecodable'; readonly reason: string };

/**
 * Decodes a message body in any of the forms S3 notifications reach a queue in: S3's own
 * notification (`{"Records":[…]}`), the same wrapped in an SNS envelope (unless the subscription
 * uses raw delivery, which gives the first form), an EventBridge `Object Created` event, or an
 * EventBridge event of another service carrying records itself. Pure: no I/O.
 */
export function decodeMessage(body: string): DecodedMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { kind: 'undecodable', reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const message = asObject(value);
  if (message === undefined) return { kind: 'undecodable', reason: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  if (message['Type'] === 'Notification' && typeof message['Message'] === 'string') {
    const inner = decodeUnwrapped(message['Message']);
    return inner.kind === 'undecodable' ? { kind: 'undecodable', reason: `SNS notification: ${inner.reason}` } : inner;
  }
  return decodeObject(message);
}

/** The SNS `Message` string: one level only, since SNS never nests envelopes. */
function decodeUnwrapped(text: string): DecodedMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'undecodable', reason: `Message is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const message = asObject(value);
  return message === undefined ? { kind: 'undecodable', reason: 'Message is not a JSON object' } : decodeObject(message);
}

function decodeObject(message: JsonObject): DecodedMessage {
  // S3 sends one of these when a notification configuration is saved, to check it can deliver.
  if (message['Event'] === 's3:TestEvent') return { kind: 'skip', reason: `s3:TestEvent for bucket ${asString(message['Bucket']) ?? '?'} (sent when a notification is configured)` };
  const records = message['Records'];
  if (Array.isArray(records)) return decodeS3Notification(records);
  const detailType = asString(message['detail-type']);
  if (detailType !== undefined) return decodeEventBridge(message, detailType);
  return { kind: 'undecodable', reason: 'neither an S3 notification (Records), an SNS notification nor an EventBridge event (detail-type)' };
}

function decodeS3Notification(records: readonly unknown[]): DecodedMessage {
  const objects: NotifiedObject[] = [];
  let ignoredRecords = 0;
  for (const [index, element] of records.entries()) {
    const record = asObject(element);
    const eventName = asString(record?.['eventName']);
    if (record === undefined || asString(record['eventSource']) !== 'aws:s3' || eventName === undefined) {
      return { kind: 'undecodable', reason: `Records[${index}] is not an S3 event record (eventSource aws:s3, eventName)` };
    }
    if (!eventName.startsWith('ObjectCreated:')) {
      ignoredRecords += 1;
      continue;
    }
    const s3 = asObject(record['s3']);
    const bucket = asString(asObject(s3?.['bucket'])?.['name']);
    const object = asObject(s3?.['object']);
    const key = asString(object?.['key']);
    if (bucket === undefined || key === undefined || object === undefined) {
      return { kind: 'undecodable', reason: `Records[${index}] (${eventName}) has no s3.bucket.name or s3.object.key` };
    }
    // Keys in S3's own notifications are URL-encoded like form values, as in a url-encoded listing.
    objects.push(notified(bucket, decodeListedKey(key), asString(object['eTag']), object['size']));
  }
  if (objects.length === 0) return { kind: 'skip', reason: `no ObjectCreated record among ${records.length} (deletions and other events are not read)` };
  return { kind: 'objects', objects, ignoredRecords };
}

function decodeEventBridge(event: JsonObject, detailType: string): DecodedMessage {
  if (asString(event['source']) !== 'aws.s3') {
    return { kind: 'event', event, eventId: asString(event['id']) ?? contentId(JSON.stringify(event)) };
  }
  if (detailType !== 'Object Created') return { kind: 'skip', reason: `EventBridge ${detailType} event (only Object Created is read)` };
  const detail = asObject(event['detail']);
  const bucket = asString(asObject(detail?.['bucket'])?.['name']);
  const object = asObject(detail?.['object']);
  const key = asString(object?.['key']);
  if (bucket === undefined || key === undefined || object === undefined) return { kind: 'undecodable', reason: 'EventBridge Object Created event without detail.bucket.name or detail.object.key' };
  // Unlike S3's own notifications, EventBridge carries the key as it is.
  return { kind: 'objects', objects: [notified(bucket, key, asString(object['etag']), object['size'])], ignoredRecords: 0 };
}

function notified(bucket: string, key: string, etag: string | undefined, size: unknown): NotifiedObject {
  const sizeBytes = asNumber(size);
  const bareEtag = etag?.replace(/"/g, '');
  return { bucket, key, ...(bareEtag ? { etag: bareEtag } : {}), ...(sizeBytes === undefined ? {} : { sizeBytes }) };
}

/**
 * A stable name for a message's contents, for origins and dead letters: a duplicate delivery (or
 * the same event sent twice) gets the same one, so what it leaves in the store is written once.
 */
export function contentId(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 24);
}
