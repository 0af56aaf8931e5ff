/** A view's data, or the fields it needed and did not find (shown in the no-data view). */
export type Shaped<T> = { kind: 'ok'; value: T } | { kind: 'missing'; missing: string[] };

export function ok<T>(value: T): Shaped<T> {
  return { kind: 'ok', value };
}

export function missing<T>(fields: string[]): Shaped<T> {
  return { kind: 'missing', missing: fields };
}
