import { ExpressionError } from '../errors';
import { labelsKey, type ExprResults, type ExprValue, type Labels } from './values';

export type ThresholdType =
  | 'gt'
  | 'lt'
  | 'eq'
  | 'ne'
  | 'gte'
  | 'lte'
  | 'within_range'
  | 'outside_range'
  | 'within_range_included'
  | 'outside_range_included';

/** `{ type, params }` of a threshold condition's evaluator. */
export interface ThresholdEvaluator {
  type: ThresholdType;
  params: number[];
}

const RANGE_TYPES = new Set<ThresholdType>(['within_range', 'outside_range', 'within_range_included', 'outside_range_included']);

/** The predicate of pkg/expr/threshold.go; plain float comparisons, so NaN is false except for `ne`. */
export function thresholdPredicate(evaluator: ThresholdEvaluator): (value: number) => boolean {
  const [a, b] = evaluator.params;
  const needed = RANGE_TYPES.has(evaluator.type) ? 2 : 1;
  if (evaluator.params.length < needed || a === undefined || (needed === 2 && b === undefined)) {
    throw new ExpressionError(
      `incorrect number of arguments for threshold function '${evaluator.type}': got ${evaluator.params.length} but need ${needed}`,
    );
  }
  const right = b as number;
  switch (evaluator.type) {
    case 'gt':
      return (v) => v > a;
    case 'lt':
      return (v) => v < a;
    case 'eq':
      return (v) => v === a;
    case 'ne':
      return (v) => v !== a;
    case 'gte':
      return (v) => v >= a;
    case 'lte':
      return (v) => v <= a;
    case 'within_range':
      return (v) => v > a && v < right;
    case 'outside_range':
      return (v) => v < a || v > right;
    case 'within_range_included':
      return (v) => v >= a && v <= right;
    case 'outside_range_included':
      return (v) => v <= a || v >= right;
    default:
      throw new ExpressionError(`expected threshold function to be one of [gt, lt, eq, ne, gte, lte, within_range, outside_range, within_range_included, outside_range_included], got ${String(evaluator.type)}`);
  }
}

/** Hysteresis: dimensions currently firing are judged by the unload evaluator instead. */
export interface Hysteresis {
  unloadEvaluator: ThresholdEvaluator;
  /** Label sets that are currently alerting ("loaded dimensions"). */
  loaded: Labels[];
}

/**
 * The threshold expression: 1 where the condition holds, 0 where not, null stays null, NoData stays
 * NoData. With hysteresis (pkg/expr/hysteresis.go) a loaded dimension stays 1 until the unload
 * evaluator holds (the unload result is inverted).
 */
export function threshold(input: ExprResults, evaluator: ThresholdEvaluator, hysteresis?: Hysteresis): ExprResults {
  const load = thresholdPredicate(evaluator);
  const unload = hysteresis ? thresholdPredicate(hysteresis.unloadEvaluator) : undefined;
  const loaded = new Set((hysteresis?.loaded ?? []).map(labelsKey));
  return input.map((value): ExprValue => {
    const labels = value.kind === 'series' || value.kind === 'number' ? value.labels : {};
    const predicate = unload && loaded.has(labelsKey(labels)) ? (v: number) => !unload(v) : load;
    const evaluate = (v: number | null): number | null => (v === null ? null : predicate(v) ? 1 : 0);
    switch (value.kind) {
      case 'series':
        return { kind: 'series', labels: { ...value.labels }, points: value.points.map((p) => ({ timeMs: p.timeMs, value: evaluate(p.value) })) };
      case 'number':
        return { kind: 'number', labels: { ...value.labels }, value: evaluate(value.value) };
      case 'scalar':
        return { kind: 'scalar', value: evaluate(value.value) };
      default:
        return { kind: 'noData' };
    }
  });
}
