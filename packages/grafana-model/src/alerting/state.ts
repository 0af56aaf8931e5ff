import { parseIntervalMs } from '../datasource/interval';
import { labelsKey, type Labels } from '../expr/values';
import { evaluateRule, type AlertRule, type EvalResult, type QueryRunner, type RuleEvaluation } from './rule';

export type AlertState = 'Normal' | 'Pending' | 'Alerting' | 'Recovering' | 'NoData' | 'Error';

/** One alert instance (a dimension of the rule) after an evaluation. */
export interface AlertInstance {
  /** The dimension's labels from the result (e.g. `{ "finding.type": "…" }`). */
  resultLabels: Labels;
  /** Rule labels, result labels and `alertname` (plus `rulename` for DatasourceNoData/Error). */
  labels: Labels;
  state: AlertState;
  /** Why, when the state comes from NoData/Error handling or a vanished series. */
  reason?: 'NoData' | 'Error' | 'MissingSeries' | 'KeepLast';
  /** When the current state began (epoch ms). */
  startsAtMs: number;
  lastEvaluatedAtMs: number;
  value?: number | null;
  /** Consecutive evaluations without a result for this dimension. */
  missingEvals: number;
}

/** A change of state between two evaluations. */
export interface Transition {
  resultLabels: Labels;
  from: AlertState;
  to: AlertState;
  reason?: AlertInstance['reason'];
}

/** The outcome of one step: every live instance, what changed, and what was resolved and removed. */
export interface StepResult {
  atMs: number;
  instances: AlertInstance[];
  transitions: Transition[];
  /** Instances dropped after `missing_series_evals_to_resolve` evaluations without a result. */
  removed: AlertInstance[];
}

/**
 * Grafana's per-rule state manager (pkg/services/ngalert/state): feed it each evaluation's results
 * in time order and it keeps the alert instances.
 *
 * - Alerting result: Normal/NoData/Error → Pending (or straight to Alerting when `for` is 0);
 *   Pending → Alerting once `for` has elapsed since it became Pending; Recovering → Alerting.
 * - Normal result: Alerting → Recovering when `keepFiringFor` > 0 (→ Normal once it has elapsed),
 *   else Normal; Pending/NoData/Error → Normal.
 * - NoData result per `noDataState` (default NoData): the NoData state on its own
 *   `datasource_uid`/`ref_id` dimension; or, for Alerting / OK / KeepLast, applied to every existing
 *   dimension (Alerting via Pending with reason NoData, Normal (NoData), or each keeps its state).
 * - Error result per `execErrState` (default Alerting): the same, with Error.
 * - A dimension absent from the results is removed (resolved if firing) after
 *   `missing_series_evals_to_resolve` (default 2) evaluations; Error and NoData ones after 1.
 */
export class RuleStateMachine {
  private readonly instances = new Map<string, AlertInstance>();
  private readonly forMs: number;
  private readonly keepFiringForMs: number;
  private readonly missingToResolve: number;

  constructor(readonly rule: AlertRule) {
    this.forMs = rule.for ? parseIntervalMs(rule.for) : 0;
    this.keepFiringForMs = rule.keepFiringFor ? parseIntervalMs(rule.keepFiringFor) : 0;
    this.missingToResolve = rule.missing_series_evals_to_resolve ?? 2;
  }

  /** Current instances, in insertion order. */
  get current(): AlertInstance[] {
    return [...this.instances.values()].map((i) => ({ ...i, resultLabels: { ...i.resultLabels }, labels: { ...i.labels } }));
  }

  /** Dimensions currently firing, for threshold hysteresis. */
  loadedDimensions(): Labels[] {
    return [...this.instances.values()].filter((i) => i.state === 'Alerting' || i.state === 'Recovering').map((i) => ({ ...i.resultLabels }));
  }

  /** Evaluates the rule at `atMs` (with hysteresis from the current states) and steps. */
  async evaluate(atMs: number, runQuery: QueryRunner): Promise<StepResult & { evaluation: RuleEvaluation }> {
    const evaluation = await evaluateRule(this.rule, atMs, runQuery, { loadedDimensions: this.loadedDimensions() });
    return { ...this.step(atMs, evaluation.results), evaluation };
  }

  /** Applies one evaluation's results at `atMs`. */
  step(atMs: number, results: readonly EvalResult[]): StepResult {
    const transitions: Transition[] = [];
    const seen = new Set<string>();
    if (this.rule.isPaused) return { atMs, instances: this.current, transitions, removed: [] };

    // NoData/Error mapped to Alerting, OK or KeepLast applies to every existing dimension
    // (manager.go setNextStateForRule → setNextStateForAll); only without any dimension yet does
    // the result get an instance of its own.
    const mapped = new Set(['Alerting', 'OK', 'KeepLast']);
    const allNoData = results.every((r) => r.state === 'NoData');
    const allError = results.length > 0 && results.every((r) => r.state === 'Error');
    const toAll =
      (allNoData && mapped.has(this.rule.noDataState ?? 'NoData')) || (allError && mapped.has(this.rule.execErrState ?? 'Alerting'));
    if (toAll && this.instances.size > 0) {
      const result: EvalResult = results[0] ?? { state: 'NoData', labels: {} };
      for (const instance of this.instances.values()) {
        const before = instance.state;
        this.apply(instance, result, atMs);
        instance.lastEvaluatedAtMs = atMs;
        instance.missingEvals = 0;
        if (instance.state !== before) transitions.push(this.transition(instance, before));
      }
      return { atMs, instances: this.current, transitions, removed: [] };
    }

    for (const result of results) {
      const key = labelsKey(result.labels);
      seen.add(key);
      let instance = this.instances.get(key);
      if (!instance) {
        instance = {
          resultLabels: { ...result.labels },
          labels: this.instanceLabels(result),
          state: 'Normal',
          startsAtMs: atMs,
          lastEvaluatedAtMs: atMs,
          missingEvals: 0,
        };
        this.instances.set(key, instance);
      }
      const before = instance.state;
      this.apply(instance, result, atMs);
      instance.lastEvaluatedAtMs = atMs;
      instance.missingEvals = 0;
      if ('value' in result) instance.value = result.value;
      if (instance.state !== before) transitions.push(this.transition(instance, before));
    }

    const removed: AlertInstance[] = [];
    for (const [key, instance] of this.instances) {
      if (seen.has(key)) continue;
      instance.missingEvals += 1;
      // Error and NoData dimensions resolve at the first miss (manager.go processMissingSeriesStates).
      const needed = instance.state === 'Error' || instance.state === 'NoData' ? 1 : this.missingToResolve;
      if (instance.missingEvals >= needed) {
        const before = instance.state;
        instance.state = 'Normal';
        instance.reason = 'MissingSeries';
        instance.startsAtMs = atMs;
        if (before !== 'Normal') transitions.push(this.transition(instance, before));
        removed.push({ ...instance });
        this.instances.delete(key);
      }
    }
    return { atMs, instances: this.current, transitions, removed };
  }

  private transition(instance: AlertInstance, from: AlertState): Transition {
    const t: Transition = { resultLabels: { ...instance.resultLabels }, from, to: instance.state };
    if (instance.reason) t.reason = instance.reason;
    return t;
  }

  /**
   * A dimension created by a NoData or Error result is Grafana's synthetic alert: alertname
   * `DatasourceNoData` / `DatasourceError` with the rule's title in `rulename`.
   */
  private instanceLabels(result: EvalResult): Labels {
    const base = { ...(this.rule.labels ?? {}), ...result.labels };
    if (result.state === 'NoData') return { ...base, alertname: 'DatasourceNoData', rulename: this.rule.title };
    if (result.state === 'Error') return { ...base, alertname: 'DatasourceError', rulename: this.rule.title };
    return { ...base, alertname: this.rule.title };
  }

  private apply(instance: AlertInstance, result: EvalResult, atMs: number): void {
    switch (result.state) {
      case 'Alerting':
        return this.alerting(instance, atMs, undefined);
      case 'Normal':
        return this.normal(instance, atMs, undefined);
      case 'NoData':
        switch (this.rule.noDataState ?? 'NoData') {
          case 'Alerting':
            return this.alerting(instance, atMs, 'NoData');
          case 'OK':
            return this.normal(instance, atMs, 'NoData');
          case 'KeepLast':
            return this.keepLast(instance, atMs);
          default:
            return this.setState(instance, 'NoData', atMs, undefined);
        }
      case 'Error':
        switch (this.rule.execErrState ?? 'Alerting') {
          case 'Error':
            return this.setState(instance, 'Error', atMs, undefined);
          case 'OK':
            return this.normal(instance, atMs, 'Error');
          case 'KeepLast':
            return this.keepLast(instance, atMs);
          default:
            return this.alerting(instance, atMs, 'Error');
        }
      default:
        return;
    }
  }

  /** resultKeepLast: Alerting stays, Pending still honours `for`, Normal stays, anything else → Normal. */
  private keepLast(instance: AlertInstance, atMs: number): void {
    switch (instance.state) {
      case 'Alerting':
        this.setState(instance, 'Alerting', atMs, 'KeepLast');
        return;
      case 'Pending':
        if (atMs - instance.startsAtMs >= this.forMs) this.setState(instance, 'Alerting', atMs, 'KeepLast');
        return;
      default:
        this.setState(instance, 'Normal', atMs, 'KeepLast');
    }
  }

  private setState(instance: AlertInstance, state: AlertState, atMs: number, reason: AlertInstance['reason']): void {
    if (instance.state !== state) instance.startsAtMs = atMs;
    instance.state = state;
    if (reason) instance.reason = reason;
    else delete instance.reason;
  }

  private alerting(instance: AlertInstance, atMs: number, reason: AlertInstance['reason']): void {
    switch (instance.state) {
      case 'Alerting':
        this.setState(instance, 'Alerting', atMs, reason);
        return;
      case 'Pending':
        if (atMs - instance.startsAtMs >= this.forMs) this.setState(instance, 'Alerting', atMs, reason);
        return;
      case 'Recovering':
        this.setState(instance, 'Alerting', atMs, reason);
        return;
      default:
        this.setState(instance, this.forMs > 0 ? 'Pending' : 'Alerting', atMs, reason);
    }
  }

  private normal(instance: AlertInstance, atMs: number, reason: AlertInstance['reason']): void {
    switch (instance.state) {
      case 'Alerting':
        this.setState(instance, this.keepFiringForMs > 0 ? 'Recovering' : 'Normal', atMs, reason);
        return;
      case 'Recovering':
        if (atMs - instance.startsAtMs >= this.keepFiringForMs) this.setState(instance, 'Normal', atMs, reason);
        return;
      case 'Normal':
        // Stays Normal; only the reason follows the latest result ("Normal (NoData)").
        if (reason) instance.reason = reason;
        else delete instance.reason;
        return;
      default:
        this.setState(instance, 'Normal', atMs, reason);
    }
  }
}
