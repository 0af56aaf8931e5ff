import type { FieldType } from '../types';

/** A field's type from its first non-null value, as Grafana guesses it for computed columns. */
export function guessFieldType(values: readonly unknown[]): FieldType {
  const first = values.find((v) => v !== null && v !== undefined);
  if (typeof first === 'number') return 'number';
  if (typeof first === 'string') return 'string';
  if (typeof first === 'boolean') return 'boolean';
  return 'other';
}
