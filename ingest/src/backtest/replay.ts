import type { ProvisionedRule, ProvisionedRuleGroup } from '@gdlens/alerts';
import { RuleStateMachine, type AlertRule, type AlertState, type Labels, type QueryRunner } from '@gdlens/grafana-model';
import { instanceValues } from './values';

/** One line of the replay: an instance's state after one evaluation. */
export interface BacktestLine {
  time: string;
  rule_uid: string;
  state: AlertState;
  labels: Labels;
  values: Record<string, number | null>;
}

/** A change of state of one instance. */
export interface BacktestTransition {
  time: string;
  rule_uid: string;
  labels: Labels;
  from: AlertState;
  to: AlertState;
}

/** How often a rule fired in the replay. */
export interface RuleSummary {
  rule_uid: string;
  title: string;
  evaluations: number;
  /** Transitions into Alerting. */
  firings: number;
  /** Instance-steps spent in Alerting. */
  alertingSteps: number;
  firstFiring?: string;
  lastFiring?: string;
}

export interface BacktestOptions {
  readonly groups: readonly ProvisionedRuleGroup[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepMs: number;
  readonly runQuery: QueryRunner;
  /** Receives every line as it is produced (the CLI prints it). */
  readonly onLine?: (line: BacktestLine) => void;
  readonly signal?: AbortSignal;
}

export interface BacktestResult {
  readonly transitions: BacktestTransition[];
  readonly summaries: RuleSummary[];
}

/** The file-provisioned rule in the form the evaluation model takes. */
function asAlertRule(rule: ProvisionedRule): AlertRule {
  return {
    uid: rule.uid,
    title: rule.title,
    condition: rule.condition,
    data: rule.data,
    for: rule.for,
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    labels: rule.labels,
    annotations: rule.annotations,
    isPaused: rule.isPaused,
  };
}

/**
 * Replays every rule at every step from `fromMs` to `toMs` (inclusive) the way Grafana's
 * scheduler evaluates it, through `@gdlens/grafana-model`: queries over their relative ranges,
 * expressions, then the state machine (`for`, noDataState, execErrState, missing series).
 * Rules are independent, so each keeps its own state across steps.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const transitions: BacktestTransition[] = [];
  const summaries: RuleSummary[] = [];
  for (const group of options.groups) {
    for (const rule of group.rules) {
      const machine = new RuleStateMachine(asAlertRule(rule));
      const summary: RuleSummary = { rule_uid: rule.uid, title: rule.title, evaluations: 0, firings: 0, alertingSteps: 0 };
      for (let atMs = options.fromMs; atMs <= options.toMs; atMs += options.stepMs) {
        options.signal?.throwIfAborted();
        const time = new Date(atMs).toISOString();
        const step = await machine.evaluate(atMs, options.runQuery);
        summary.evaluations += 1;
        for (const change of step.transitions) {
          transitions.push({ time, rule_uid: rule.uid, labels: change.resultLabels, from: change.from, to: change.to });
          if (change.to === 'Alerting') {
            summary.firings += 1;
            summary.firstFiring ??= time;
          }
        }
        for (const instance of step.instances) {
          if (instance.state === 'Alerting') {
            summary.alertingSteps += 1;
            summary.lastFiring = time;
          }
          options.onLine?.({
            time,
            rule_uid: rule.uid,
            state: instance.state,
            labels: instance.resultLabels,
            values: instanceValues(step.evaluation.values, instance.resultLabels),
          });
        }
      }
      summaries.push(summary);
    }
  }
  return { transitions, summaries };
}

/** The summary as a fixed-width table, each line starting with `#` so the output stays greppable JSON lines. */
export function summaryTable(summaries: readonly RuleSummary[]): string {
  const header = ['rule', 'evaluations', 'firings', 'alerting steps', 'first firing', 'last firing'];
  const rows = summaries.map((s) => [s.rule_uid, String(s.evaluations), String(s.firings), String(s.alertingSteps), s.firstFiring ?? '-', s.lastFiring ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `# ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
