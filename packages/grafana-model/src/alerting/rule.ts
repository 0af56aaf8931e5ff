import { ExpressionError, GrafanaModelError } from '../errors';
import { math } from '../expr/math';
import { reduce, type Reducer, type ReduceMode } from '../expr/reduce';
import { resample, type Downsampler, type Upsampler } from '../expr/resample';
import { threshold, type ThresholdEvaluator } from '../expr/threshold';
import { framesToResults, labelsKey, type ExprResults, type Labels } from '../expr/values';
import { parseIntervalMs } from '../datasource/interval';
import type { Frame, TimeRange } from '../types';

/** The uid Grafana uses for server-side expressions in `data[].datasourceUid`. */
export const EXPRESSION_DATASOURCE_UID = '__expr__';

/** One item of a rule's `data[]` in file-provisioning form. */
export interface AlertQuery {
  refId: string;
  queryType?: string;
  /** Seconds before the evaluation time, e.g. `{ from: 600, to: 0 }`. */
  relativeTimeRange?: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

export type NoDataState = 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
export type ExecErrState = 'Error' | 'Alerting' | 'OK' | 'KeepLast';

/** An alert rule as written in a provisioning file (`groups[].rules[]`). */
export interface AlertRule {
  uid: string;
  title: string;
  /** refId whose result decides the state. */
  condition: string;
  data: AlertQuery[];
  /** Pending period, e.g. "5m"; default 0. */
  for?: string;
  keepFiringFor?: string;
  /** Default NoData. */
  noDataState?: NoDataState;
  /** Default Alerting. */
  execErrState?: ExecErrState;
  /** Default 2. */
  missing_series_evals_to_resolve?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  isPaused?: boolean;
}

/** A data source query as the runner receives it: the model plus its absolute range. */
export interface RunnableQuery {
  refId: string;
  datasourceUid: string;
  model: Record<string, unknown>;
  range: TimeRange;
}

/** Runs one data source query and returns its frames (e.g. `openSearchQueryRunner`). */
export type QueryRunner = (query: RunnableQuery) => Promise<Frame[]>;

export type EvalState = 'Normal' | 'Alerting' | 'NoData' | 'Error';

/** One result of evaluating a rule's condition (eval.Result): a dimension and its state. */
export interface EvalResult {
  state: EvalState;
  labels: Labels;
  /** The condition's value for this dimension; undefined for NoData/Error without a value. */
  value?: number | null;
  error?: string;
}

/** Everything one evaluation produced. */
export interface RuleEvaluation {
  atMs: number;
  results: EvalResult[];
  /** Output of every query and expression, by refId. */
  values: Record<string, ExprResults>;
}

/** Options of a single evaluation. */
export interface EvaluateOptions {
  /** Dimensions currently firing, for threshold hysteresis (`unloadEvaluator`). */
  loadedDimensions?: Labels[];
}

function rangeOf(query: AlertQuery, atMs: number): TimeRange {
  const relative = query.relativeTimeRange ?? { from: 600, to: 0 };
  return { fromMs: atMs - relative.from * 1000, toMs: atMs - relative.to * 1000 };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** refIds an expression model reads. */
function dependenciesOf(query: AlertQuery): string[] {
  const model = query.model;
  const type = str(model.type);
  const expression = str(model.expression) ?? '';
  if (type === 'math') {
    return [...expression.matchAll(/\$\{([^}]+)\}|\$([A-Za-z0-9_]+)/g)].map((m) => (m[1] ?? m[2]) as string);
  }
  if (type === 'classic_conditions') return [];
  return expression ? [expression] : [];
}

/** Expressions run after what they read (Grafana orders the nodes as a dependency graph). */
function executionOrder(data: readonly AlertQuery[]): AlertQuery[] {
  const byRef = new Map(data.map((q) => [q.refId, q]));
  const order: AlertQuery[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (query: AlertQuery): void => {
    const mark = state.get(query.refId);
    if (mark === 'done') return;
    if (mark === 'visiting') throw new ExpressionError(`cyclic dependency through ${query.refId}`);
    state.set(query.refId, 'visiting');
    if (query.datasourceUid === EXPRESSION_DATASOURCE_UID) {
      for (const dep of dependenciesOf(query)) {
        const target = byRef.get(dep);
        if (!target) throw new ExpressionError(`${query.refId} reads ${dep}, which is not in the rule`);
        visit(target);
      }
    }
    state.set(query.refId, 'done');
    order.push(query);
  };
  data.forEach(visit);
  return order;
}

function reduceModeOf(model: Record<string, unknown>): ReduceMode {
  const settings = (model.settings ?? {}) as Record<string, unknown>;
  if (settings.mode === 'dropNN') return { mode: 'dropNN' };
  if (settings.mode === 'replaceNN') {
    const value = settings.replaceWithValue;
    return { mode: 'replaceNN', replaceWithValue: typeof value === 'number' ? value : 0 };
  }
  return { mode: 'strict' };
}

function runExpression(query: AlertQuery, values: Record<string, ExprResults>, atMs: number, options: EvaluateOptions): ExprResults {
  const model = query.model;
  const type = str(model.type);
  const expression = str(model.expression) ?? '';
  const input = (): ExprResults => {
    const value = values[expression];
    if (!value) throw new ExpressionError(`${query.refId}: no result for ${expression}`);
    return value;
  };
  switch (type) {
    case 'math':
      return math(expression, values);
    case 'reduce':
      return reduce(input(), (str(model.reducer) ?? 'last') as Reducer, reduceModeOf(model));
    case 'threshold': {
      const conditions = model.conditions;
      if (!Array.isArray(conditions) || conditions.length !== 1) {
        throw new ExpressionError('threshold expression requires exactly one condition');
      }
      const condition = conditions[0] as { evaluator: ThresholdEvaluator; unloadEvaluator?: ThresholdEvaluator };
      const hysteresis = condition.unloadEvaluator
        ? { unloadEvaluator: condition.unloadEvaluator, loaded: options.loadedDimensions ?? [] }
        : undefined;
      return threshold(input(), condition.evaluator, hysteresis);
    }
    case 'resample': {
      const range = rangeOf(query, atMs);
      return resample(
        input(),
        parseIntervalMs(str(model.window) ?? '1m'),
        (str(model.downsampler) ?? 'last') as Downsampler,
        (str(model.upsampler) ?? 'fillna') as Upsampler,
        range.fromMs,
        range.toMs,
      );
    }
    default:
      throw new ExpressionError(`expression type "${String(type)}" is not modelled`);
  }
}

function errorResult(error: unknown, labels: Labels = {}): EvalResult {
  return { state: 'Error', labels, error: error instanceof Error ? error.message : String(error) };
}

/**
 * The condition's values → results (pkg/services/ngalert/eval/eval.go): a data source query that
 * returned nothing gives NoData labelled `datasource_uid`/`ref_id`; then each value of the
 * condition: null → NoData, 0 → Normal, anything else (NaN included) → Alerting. A series as
 * condition, or two results with the same labels, is an Error.
 */
export function conditionResults(rule: AlertRule, values: Record<string, ExprResults>): EvalResult[] {
  const noData: EvalResult[] = [];
  for (const query of rule.data) {
    if (query.datasourceUid === EXPRESSION_DATASOURCE_UID) continue;
    const result = values[query.refId];
    if (result && result.length === 1 && result[0]?.kind === 'noData') {
      noData.push({ state: 'NoData', labels: { datasource_uid: query.datasourceUid, ref_id: query.refId } });
    }
  }
  if (noData.length > 0) return noData;
  const condition = values[rule.condition];
  if (!condition) return [errorResult(new GrafanaModelError(`condition ${rule.condition} is not a refId of the rule`))];
  if (condition.length === 0) return [{ state: 'NoData', labels: {} }];
  const results: EvalResult[] = [];
  for (const value of condition) {
    switch (value.kind) {
      case 'series':
        results.push(errorResult(new ExpressionError(`invalid format of evaluation results for the alert definition ${rule.condition}: looks like time series data, only reduced data can be alerted on.`)));
        break;
      case 'noData':
        results.push({ state: 'NoData', labels: {} });
        break;
      default: {
        const labels = value.kind === 'number' ? { ...value.labels } : {};
        const v = value.value;
        results.push({ state: v === null ? 'NoData' : v === 0 ? 'Normal' : 'Alerting', labels, value: v });
      }
    }
  }
  const seen = new Set<string>();
  for (const result of results) {
    const key = labelsKey(result.labels);
    if (seen.has(key)) {
      return [errorResult(new ExpressionError(`frame cannot uniquely be identified by its labels: has duplicate results with labels {${key}}`))];
    }
    seen.add(key);
  }
  return results;
}

/**
 * Evaluates a rule at `atMs` the way Grafana's scheduler does: runs its data source queries over
 * their relative ranges through `runQuery`, then its expressions in dependency order, then maps the
 * condition to per-dimension states. A failing query or expression makes a single Error result.
 */
export async function evaluateRule(rule: AlertRule, atMs: number, runQuery: QueryRunner, options: EvaluateOptions = {}): Promise<RuleEvaluation> {
  const values: Record<string, ExprResults> = {};
  try {
    for (const query of executionOrder(rule.data)) {
      if (query.datasourceUid === EXPRESSION_DATASOURCE_UID) {
        values[query.refId] = runExpression(query, values, atMs, options);
      } else {
        const frames = await runQuery({ refId: query.refId, datasourceUid: query.datasourceUid, model: query.model, range: rangeOf(query, atMs) });
        values[query.refId] = framesToResults(frames);
      }
    }
  } catch (error) {
    return { atMs, values, results: [errorResult(error)] };
  }
  return { atMs, values, results: conditionResults(rule, values) };
}
