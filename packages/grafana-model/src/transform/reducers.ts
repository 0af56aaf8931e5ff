import type { Field } from '../types';

/**
 * Grafana's standard field reducers (fieldReducer.ts `doStandardCalcs` and friends) that a
 * `reduce` transformation may name, with the column title Grafana gives each. Nulls are skipped
 * by the numeric ones, as Grafana does when no null mode is set; `last` and `first` keep them.
 */
interface FieldReducer {
  readonly name: string;
  readonly reduce: (field: Field) => unknown;
}

function numbers(field: Field): number[] {
  if (field.type !== 'number' && field.type !== 'time') return [];
  return field.values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
}

function extreme(field: Field, better: (a: number, b: number) => boolean): number | null {
  let best: number | null = null;
  for (const v of numbers(field)) if (best === null || better(v, best)) best = v;
  return best;
}

const notNull = (v: unknown): boolean => v !== null && v !== undefined;

export const FIELD_REDUCERS: Readonly<Record<string, FieldReducer>> = {
  sum: { name: 'Total', reduce: (f) => numbers(f).reduce((a, b) => a + b, 0) },
  mean: {
    name: 'Mean',
    reduce: (f) => {
      const values = numbers(f);
      return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
    },
  },
  max: { name: 'Max', reduce: (f) => extreme(f, (a, b) => a > b) },
  min: { name: 'Min', reduce: (f) => extreme(f, (a, b) => a < b) },
  count: { name: 'Count', reduce: (f) => f.values.length },
  last: { name: 'Last', reduce: (f) => (f.values.length === 0 ? null : f.values[f.values.length - 1]) },
  lastNotNull: { name: 'Last *', reduce: (f) => [...f.values].reverse().find(notNull) ?? null },
  first: { name: 'First', reduce: (f) => (f.values.length === 0 ? null : f.values[0]) },
  firstNotNull: { name: 'First *', reduce: (f) => f.values.find(notNull) ?? null },
};
