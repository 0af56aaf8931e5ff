import { ExpressionError } from '../errors';
import type { ExprResults, ExprValue } from './values';

export type Reducer = 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median';

/** Reduce modes: strict (default) lets null/NaN poison the result; the others clean the input. */
export type ReduceMode =
  | { mode: 'strict' }
  | { mode: 'dropNN' }
  | { mode: 'replaceNN'; replaceWithValue: number };

type Values = ReadonlyArray<number | null>;

const isBad = (v: number | null): boolean => v === null || Number.isNaN(v);

/** Reducers of pkg/expr/mathexp/reduce.go: any null or NaN gives NaN, except count and last. */
const REDUCERS: Record<Reducer, (values: Values) => number | null> = {
  sum: (values) => {
    let total = 0;
    for (const v of values) {
      if (v === null || Number.isNaN(v)) return Number.NaN;
      total += v;
    }
    return total;
  },
  mean: (values) => (REDUCERS.sum(values) as number) / values.length,
  min: (values) => extreme(values, (a, b) => a < b),
  max: (values) => extreme(values, (a, b) => a > b),
  count: (values) => values.length,
  last: (values) => (values.length === 0 ? Number.NaN : (values[values.length - 1] ?? null)),
  median: (values) => {
    if (values.some(isBad)) return Number.NaN;
    if (values.length === 0) return Number.NaN;
    const sorted = [...(values as number[])].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 0 ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2 : (sorted[mid] as number);
  },
};

function extreme(values: Values, better: (a: number, b: number) => boolean): number {
  if (values.length === 0) return Number.NaN;
  let result = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (v === null || Number.isNaN(v)) return Number.NaN;
    if (i === 0 || better(v, result)) result = v;
  }
  return result;
}

/** Applies the reducer to raw values with the mode's input and output mapping. */
export function reduceValues(values: Values, reducer: Reducer, mode: ReduceMode = { mode: 'strict' }): number | null {
  const fn = REDUCERS[reducer];
  if (!fn) throw new ExpressionError(`reduction ${String(reducer)} not implemented`);
  if (mode.mode === 'strict') return fn(values);
  const notNumber = (v: number | null) => v === null || !Number.isFinite(v);
  const input =
    mode.mode === 'dropNN' ? values.filter((v) => !notNumber(v)) : values.map((v) => (notNumber(v) ? mode.replaceWithValue : v));
  const result = fn(input);
  return mapOutput(result, mode);
}

/** MapOutput: dropNN turns a NaN result into null, replaceNN into the replacement value. */
function mapOutput(value: number | null, mode: ReduceMode): number | null {
  if (value === null || !Number.isNaN(value)) return value;
  if (mode.mode === 'dropNN') return null;
  if (mode.mode === 'replaceNN') return mode.replaceWithValue;
  return value;
}

/**
 * The reduce expression (pkg/expr/commands.go ReduceCommand): each series becomes a number with
 * the same labels; a number passes through (with the mode's output mapping); NoData stays NoData.
 */
export function reduce(input: ExprResults, reducer: Reducer, mode: ReduceMode = { mode: 'strict' }): ExprResults {
  return input.map((value): ExprValue => {
    switch (value.kind) {
      case 'series':
        return { kind: 'number', labels: { ...value.labels }, value: reduceValues(value.points.map((p) => p.value), reducer, mode) };
      case 'number':
        return { kind: 'number', labels: { ...value.labels }, value: mode.mode === 'strict' ? value.value : mapOutput(value.value, mode) };
      case 'noData':
        return { kind: 'noData' };
      default:
        throw new ExpressionError(`can only reduce type series, got type ${value.kind}`);
    }
  });
}
