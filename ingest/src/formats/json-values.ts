/** Narrowing helpers for untyped JSON, shared by the finding and CloudTrail mappings. */

export type JsonObject = Record<string, unknown>;

/** The value as a plain object, or `undefined`. */
export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The value as an array (empty when it is not one). */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or `undefined`. Numbers are not strings here: ids and names never arrive as numbers. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A finite number from a number or a numeric string (`"443"`), or `undefined`. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A boolean from `true`/`false` or their string spellings (CloudTrail's `readOnly` is sometimes a string). */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** Follows a path of object keys; `undefined` as soon as a step is missing or not an object. */
export function pick(value: unknown, ...path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const object = asObject(current);
    if (object === undefined) return undefined;
    current = object[key];
  }
  return current;
}

/** An ordered set of strings: keeps first-seen order, drops empties and repeats. */
export class StringSet {
  private readonly seen = new Set<string>();

  add(value: unknown): void {
    const text = asString(value);
    if (text !== undefined) this.seen.add(text);
  }

  /** The values, or `undefined` when there are none (documents omit empty arrays). */
  values(): string[] | undefined {
    return this.seen.size === 0 ? undefined : [...this.seen];
  }
}
