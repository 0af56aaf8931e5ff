/**
 * Last-step shaping of a document for OpenSearch, so that no value's shape or size can make the
 * mapping reject a real record. The mapping functions stay pure and store-agnostic; this is the
 * store's side of the contract. Anything moved is kept, untouched, under `gdlens_unmapped`
 * (stored in `_source`, never indexed).
 */
import { CLOUDTRAIL_OBJECT_FIELDS, UNMAPPED_FIELD } from '../store/mappings';

/**
 * Longest string leaf indexed inside a flat_object. flat_object indexes `path=value` as one
 * Lucene term (at most 32,766 bytes), so leave room for the path.
 */
export const FLAT_LEAF_MAX_BYTES = 16_384;

/** Marker appended to a shortened leaf, so a reader of `detail` sees it was cut. */
export const TRUNCATION_MARK = '…[gdlens: truncated, full value in gdlens_unmapped]';

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** flat_object takes an object, null, or an array of objects; a scalar or a scalar array is rejected. */
export function fitsFlatObject(value: Json): boolean {
  if (value === null || value === undefined || isPlainObject(value)) return true;
  return Array.isArray(value) && value.every((item) => item === null || isPlainObject(item));
}

/** A keyword/number/date/boolean field accepts scalars and arrays of scalars, not objects. */
function fitsScalar(value: Json): boolean {
  if (isPlainObject(value)) return false;
  return !Array.isArray(value) || value.every((item) => !isPlainObject(item) && !Array.isArray(item));
}

/** Returns a copy with over-long string leaves cut, or `undefined` when nothing needed cutting. */
export function truncateLongLeaves(value: Json, maxBytes: number = FLAT_LEAF_MAX_BYTES): Json | undefined {
  // Cheap exit for the common case: a value whose whole JSON is short has no long leaf.
  const serialized = JSON.stringify(value);
  if (serialized === undefined || Buffer.byteLength(serialized) <= maxBytes) return undefined;
  let changed = false;
  const walk = (node: Json): Json => {
    if (typeof node === 'string') {
      if (Buffer.byteLength(node) <= maxBytes) return node;
      changed = true;
      return cutToBytes(node, maxBytes - Buffer.byteLength(TRUNCATION_MARK)) + TRUNCATION_MARK;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (isPlainObject(node)) {
      const out: Record<string, Json> = {};
      for (const [key, child] of Object.entries(node)) out[key] = walk(child);
      return out;
    }
    return node;
  };
  const result = walk(value);
  return changed ? result : undefined;
}

function cutToBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text);
  // Back off to a UTF-8 boundary so the cut never splits a character.
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return buffer.subarray(0, end).toString('utf8');
}

export interface FieldRules {
  /** Fields mapped as flat_object. */
  readonly flat: readonly string[];
  /** Fields mapped as scalars (keyword, number, date, boolean, ip). */
  readonly scalar: readonly string[];
}

/**
 * Moves values whose shape conflicts with their field's mapping into `gdlens_unmapped` and
 * shortens over-long flat_object leaves (keeping the original there too). Returns the document
 * itself when nothing needed changing (the common case: no copy).
 */
export function fitDocument<T extends Record<string, Json>>(document: T, rules: FieldRules): T {
  let unmapped: Record<string, Json> | undefined;
  let out: Record<string, Json> | undefined;
  const move = (field: string, replacement: Json | undefined): void => {
    out ??= { ...document };
    unmapped ??= {};
    unmapped[field] = document[field];
    if (replacement === undefined) delete out[field];
    else out[field] = replacement;
  };
  for (const field of rules.flat) {
    const value = document[field];
    if (value === undefined) continue;
    if (!fitsFlatObject(value)) {
      move(field, undefined);
      continue;
    }
    const shortened = truncateLongLeaves(value);
    if (shortened !== undefined) move(field, shortened);
  }
  for (const field of rules.scalar) {
    const value = document[field];
    if (value !== undefined && !fitsScalar(value)) move(field, undefined);
  }
  if (!out || !unmapped) return document;
  out[UNMAPPED_FIELD] = unmapped;
  return out as T;
}

const FINDING_FLAT = ['detail'] as const;

/** Scalar fields of a CloudTrail document: everything typed at the top level except the objects. */
export const CLOUDTRAIL_RULES: FieldRules = {
  flat: CLOUDTRAIL_OBJECT_FIELDS,
  scalar: [
    'eventVersion', 'eventTime', 'eventSource', 'eventName', 'eventType', 'eventCategory', 'eventID', 'awsRegion',
    'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage', 'requestID', 'apiVersion', 'recipientAccountId',
    'sharedEventID', 'vpcEndpointId', 'managementEvent', 'readOnly', 'sessionCredentialFromConsole',
  ],
};

/** The finding's derived fields come from gdlens's own mapping and are typed; only `detail` is AWS's shape. */
export const FINDING_RULES: FieldRules = { flat: FINDING_FLAT, scalar: [] };
