import {
  conditionResults,
  evaluateRule,
  noData,
  number,
  RuleStateMachine,
  scalar,
  series,
  type AlertRule,
  type EvalResult,
  type Frame,
  type QueryRunner,
} from '../../src';

const MINUTE = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    uid: 'r1',
    title: 'High findings',
    condition: 'C',
    data: [
      { refId: 'A', datasourceUid: 'os', relativeTimeRange: { from: 600, to: 0 }, model: {} },
      { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
      { refId: 'C', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] } },
    ],
    ...overrides,
  };
}

const alerting = (labels = {}): EvalResult => ({ state: 'Alerting', labels, value: 1 });
const normal = (labels = {}): EvalResult => ({ state: 'Normal', labels, value: 0 });

/** Steps the machine once a minute and returns the state of the dimension after each step. */
function run(machine: RuleStateMachine, steps: EvalResult[][], labels = {}): string[] {
  return steps.map((results, i) => {
    machine.step(T0 + i * MINUTE, results);
    const instance = machine.current.find((x) => JSON.stringify(x.resultLabels) === JSON.stringify(labels));
    return instance ? instance.state : 'absent';
  });
}

// pkg/services/ngalert/eval/eval.go evaluateExecutionResult.
describe('condition → results', () => {
  it('null → NoData, 0 → Normal, anything else (NaN included) → Alerting', () => {
    const values = { C: [number({ h: 'a' }, null), number({ h: 'b' }, 0), number({ h: 'c' }, 2), number({ h: 'd' }, Number.NaN), number({ h: 'e' }, -1)] };
    expect(conditionResults(rule(), values).map((r) => r.state)).toEqual(['NoData', 'Normal', 'Alerting', 'Alerting', 'Alerting']);
  });
  it('a scalar condition has no labels', () => {
    expect(conditionResults(rule(), { C: [scalar(3)] })).toEqual([{ state: 'Alerting', labels: {}, value: 3 }]);
  });
  it('a series as condition is an Error ("only reduced data can be alerted on")', () => {
    const [result] = conditionResults(rule(), { C: [series({}, [[1, 1]])] });
    expect(result?.state).toBe('Error');
    expect(result?.error).toMatch(/only reduced data can be alerted on/);
  });
  it('duplicate labels make a single Error', () => {
    const results = conditionResults(rule(), { C: [number({ h: 'a' }, 1), number({ h: 'a' }, 0)] });
    expect(results).toHaveLength(1);
    expect(results[0]?.error).toMatch(/duplicate results with labels \{h=a\}/);
  });
  it('a data source query that returned nothing is NoData labelled datasource_uid and ref_id', () => {
    expect(conditionResults(rule(), { A: [noData()], B: [noData()], C: [noData()] })).toEqual([
      { state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } },
    ]);
  });
  it('an empty condition is NoData without labels', () => {
    expect(conditionResults(rule(), { A: [], B: [], C: [] })).toEqual([{ state: 'NoData', labels: {} }]);
  });
});

describe('evaluateRule', () => {
  const frames = (points: Array<[number, number]>, labels: Record<string, string>): Frame => ({
    meta: { type: 'timeseries-multi', typeVersion: [0, 0] },
    fields: [
      { name: 'Time', type: 'time', values: points.map((p) => p[0]) },
      { name: 'Value', type: 'number', labels, values: points.map((p) => p[1]) },
    ],
  });

  it('runs queries over their relative range, then expressions in dependency order', async () => {
    const calls: Array<{ refId: string; fromMs: number; toMs: number }> = [];
    const runQuery: QueryRunner = async (q) => {
      calls.push({ refId: q.refId, fromMs: q.range.fromMs, toMs: q.range.toMs });
      return [frames([[1, 2], [2, 3]], { host: 'a' }), frames([[1, 0], [2, 0]], { host: 'b' })];
    };
    // Expressions listed before what they read still run after it.
    const r = rule();
    const evaluation = await evaluateRule({ ...r, data: [...r.data].reverse() }, T0, runQuery);
    expect(calls).toEqual([{ refId: 'A', fromMs: T0 - 600_000, toMs: T0 }]);
    expect(evaluation.values.B).toEqual([number({ host: 'a' }, 5), number({ host: 'b' }, 0)]);
    expect(evaluation.results).toEqual([
      { state: 'Alerting', labels: { host: 'a' }, value: 1 },
      { state: 'Normal', labels: { host: 'b' }, value: 0 },
    ]);
  });

  it('no frames from the data source → NoData', async () => {
    const evaluation = await evaluateRule(rule(), T0, async () => []);
    expect(evaluation.results).toEqual([{ state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } }]);
  });

  it('a failing query → a single Error result', async () => {
    const evaluation = await evaluateRule(rule(), T0, async () => {
      throw new Error('bucket budget out of bounds');
    });
    expect(evaluation.results).toEqual([{ state: 'Error', labels: {}, error: 'bucket budget out of bounds' }]);
  });

  it('math with the ratio guard, per label set', async () => {
    const r: AlertRule = {
      uid: 'ratio',
      title: 'ratio',
      condition: 'F',
      data: [
        { refId: 'A', datasourceUid: 'os', model: { q: 'fail' } },
        { refId: 'B', datasourceUid: 'os', model: { q: 'all' } },
        { refId: 'C', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'sum' } },
        { refId: 'D', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'B', reducer: 'sum' } },
        { refId: 'E', datasourceUid: '__expr__', model: { type: 'math', expression: '$C / ($D + ($D == 0))' } },
        { refId: 'F', datasourceUid: '__expr__', model: { type: 'threshold', expression: 'E', conditions: [{ evaluator: { type: 'gt', params: [0.1] } }] } },
      ],
    };
    const runQuery: QueryRunner = async (q) =>
      q.model.q === 'fail'
        ? [frames([[1, 3]], { user: 'x' }), frames([[1, 0]], { user: 'y' })]
        : [frames([[1, 10]], { user: 'x' }), frames([[1, 0]], { user: 'y' })];
    const evaluation = await evaluateRule(r, T0, runQuery);
    expect(evaluation.values.E).toEqual([number({ user: 'x' }, 0.3), number({ user: 'y' }, 0)]);
    expect(evaluation.results.map((x) => x.state)).toEqual(['Alerting', 'Normal']);
  });
});

// pkg/services/ngalert/state/state.go resultNormal / resultAlerting / resultNoData / resultError /
// resultKeepLast, and the stale-series handling of the state manager.
describe('RuleStateMachine', () => {
  it('for: 0 → straight to Alerting, then Normal', () => {
    expect(run(new RuleStateMachine(rule()), [[alerting()], [alerting()], [normal()]])).toEqual(['Alerting', 'Alerting', 'Normal']);
  });

  it('for: 3m → Pending until 3m have passed since it became Pending', () => {
    const states = run(new RuleStateMachine(rule({ for: '3m' })), [[alerting()], [alerting()], [alerting()], [alerting()], [normal()]]);
    expect(states).toEqual(['Pending', 'Pending', 'Pending', 'Alerting', 'Normal']);
  });

  it('a Normal result during Pending returns to Normal', () => {
    expect(run(new RuleStateMachine(rule({ for: '5m' })), [[alerting()], [normal()], [alerting()]])).toEqual(['Pending', 'Normal', 'Pending']);
  });

  it('keepFiringFor: Alerting → Recovering → Normal once it has elapsed; Alerting again skips Pending', () => {
    const machine = new RuleStateMachine(rule({ for: '2m', keepFiringFor: '2m' }));
    const states = run(machine, [[alerting()], [alerting()], [alerting()], [normal()], [normal()], [alerting()], [normal()], [normal()], [normal()]]);
    expect(states).toEqual(['Pending', 'Pending', 'Alerting', 'Recovering', 'Recovering', 'Alerting', 'Recovering', 'Recovering', 'Normal']);
  });

  it('NoData with the default noDataState is the NoData state', () => {
    const machine = new RuleStateMachine(rule());
    machine.step(T0, [{ state: 'NoData', labels: {} }]);
    expect(machine.current.map((i) => i.state)).toEqual(['NoData']);
  });

  it('noDataState Alerting goes through Pending with reason NoData and alertname DatasourceNoData', () => {
    const machine = new RuleStateMachine(rule({ noDataState: 'Alerting', for: '1m' }));
    const nd: EvalResult = { state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } };
    expect(run(machine, [[nd], [nd]], { datasource_uid: 'os', ref_id: 'A' })).toEqual(['Pending', 'Alerting']);
    expect(machine.current[0]?.reason).toBe('NoData');
    expect(machine.current[0]?.labels).toEqual({ datasource_uid: 'os', ref_id: 'A', alertname: 'DatasourceNoData', rulename: 'High findings' });
  });

  it('noDataState OK is Normal with reason NoData', () => {
    const machine = new RuleStateMachine(rule({ noDataState: 'OK' }));
    machine.step(T0, [{ state: 'NoData', labels: {} }]);
    expect(machine.current).toEqual([expect.objectContaining({ state: 'Normal', reason: 'NoData' })]);
  });

  it('execErrState defaults to Alerting; Error and OK map as named', () => {
    const error: EvalResult = { state: 'Error', labels: {}, error: 'boom' };
    const byDefault = new RuleStateMachine(rule());
    byDefault.step(T0, [error]);
    expect(byDefault.current).toEqual([expect.objectContaining({ state: 'Alerting', reason: 'Error' })]);
    const asError = new RuleStateMachine(rule({ execErrState: 'Error' }));
    asError.step(T0, [error]);
    expect(asError.current[0]?.state).toBe('Error');
    const asOk = new RuleStateMachine(rule({ execErrState: 'OK' }));
    asOk.step(T0, [error]);
    expect(asOk.current[0]?.state).toBe('Normal');
  });

  it('KeepLast keeps every existing dimension firing through NoData', () => {
    const machine = new RuleStateMachine(rule({ noDataState: 'KeepLast' }));
    machine.step(T0, [alerting({ h: 'a' }), normal({ h: 'b' })]);
    const step = machine.step(T0 + MINUTE, [{ state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } }]);
    expect(step.instances.map((i) => [i.resultLabels, i.state])).toEqual([
      [{ h: 'a' }, 'Alerting'],
      [{ h: 'b' }, 'Normal'],
    ]);
    expect(step.instances[0]?.reason).toBe('KeepLast');
  });

  // manager.go setNextStateForRule: NoData/Error mapped to Alerting/OK/KeepLast go to every dimension.
  it('noDataState Alerting applies NoData to every existing dimension (via Pending, reason NoData)', () => {
    const machine = new RuleStateMachine(rule({ noDataState: 'Alerting', for: '1m' }));
    machine.step(T0, [normal({ h: 'a' }), normal({ h: 'b' })]);
    const nd: EvalResult = { state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } };
    const first = machine.step(T0 + MINUTE, [nd]);
    expect(first.instances.map((i) => [i.resultLabels.h, i.state, i.reason])).toEqual([
      ['a', 'Pending', 'NoData'],
      ['b', 'Pending', 'NoData'],
    ]);
    const second = machine.step(T0 + 2 * MINUTE, [nd]);
    expect(second.instances.map((i) => i.state)).toEqual(['Alerting', 'Alerting']);
  });

  it('execErrState OK turns every existing dimension Normal with reason Error', () => {
    const machine = new RuleStateMachine(rule({ execErrState: 'OK' }));
    machine.step(T0, [alerting({ h: 'a' })]);
    const step = machine.step(T0 + MINUTE, [{ state: 'Error', labels: {}, error: 'boom' }]);
    expect(step.instances).toEqual([expect.objectContaining({ resultLabels: { h: 'a' }, state: 'Normal', reason: 'Error' })]);
    expect(step.transitions).toEqual([{ resultLabels: { h: 'a' }, from: 'Alerting', to: 'Normal', reason: 'Error' }]);
  });

  it('noDataState NoData keeps its own dimension; it resolves at the first evaluation with data', () => {
    const machine = new RuleStateMachine(rule());
    machine.step(T0, [{ state: 'NoData', labels: { datasource_uid: 'os', ref_id: 'A' } }]);
    const step = machine.step(T0 + MINUTE, [alerting({ h: 'a' })]);
    expect(step.removed).toEqual([expect.objectContaining({ resultLabels: { datasource_uid: 'os', ref_id: 'A' }, reason: 'MissingSeries' })]);
    expect(step.instances.map((i) => i.resultLabels)).toEqual([{ h: 'a' }]);
  });

  it('a vanished series is resolved after missing_series_evals_to_resolve evaluations (default 2)', () => {
    const machine = new RuleStateMachine(rule());
    machine.step(T0, [alerting({ h: 'a' }), alerting({ h: 'b' })]);
    const first = machine.step(T0 + MINUTE, [alerting({ h: 'b' })]);
    expect(first.instances.find((i) => i.resultLabels.h === 'a')).toEqual(expect.objectContaining({ state: 'Alerting', missingEvals: 1 }));
    const second = machine.step(T0 + 2 * MINUTE, [alerting({ h: 'b' })]);
    expect(second.removed).toEqual([expect.objectContaining({ resultLabels: { h: 'a' }, state: 'Normal', reason: 'MissingSeries' })]);
    expect(second.transitions).toEqual([{ resultLabels: { h: 'a' }, from: 'Alerting', to: 'Normal', reason: 'MissingSeries' }]);
    expect(second.instances.map((i) => i.resultLabels)).toEqual([{ h: 'b' }]);
  });

  it('missing_series_evals_to_resolve: 1 resolves at the first miss', () => {
    const machine = new RuleStateMachine(rule({ missing_series_evals_to_resolve: 1 }));
    machine.step(T0, [alerting({ h: 'a' })]);
    expect(machine.step(T0 + MINUTE, [normal({ h: 'b' })]).removed).toHaveLength(1);
  });

  it('instance labels carry the rule labels and the alertname', () => {
    const machine = new RuleStateMachine(rule({ labels: { severity: 'high' } }));
    machine.step(T0, [alerting({ host: 'a' })]);
    expect(machine.current[0]?.labels).toEqual({ severity: 'high', host: 'a', alertname: 'High findings' });
  });

  it('a paused rule does not change', () => {
    const machine = new RuleStateMachine(rule({ isPaused: true }));
    expect(machine.step(T0, [alerting()]).instances).toEqual([]);
  });

  it('evaluate() feeds the firing dimensions to threshold hysteresis', async () => {
    const hysteresisRule = rule({
      data: [
        { refId: 'A', datasourceUid: 'os', model: {} },
        { refId: 'B', datasourceUid: '__expr__', model: { type: 'reduce', expression: 'A', reducer: 'last' } },
        {
          refId: 'C',
          datasourceUid: '__expr__',
          model: { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [10] }, unloadEvaluator: { type: 'lt', params: [5] } }] },
        },
      ],
    });
    let value = 12;
    const runQuery: QueryRunner = async () => [
      {
        fields: [
          { name: 'Time', type: 'time', values: [1] },
          { name: 'Value', type: 'number', labels: {}, values: [value] },
        ],
      },
    ];
    const machine = new RuleStateMachine(hysteresisRule);
    const states: string[] = [];
    for (const v of [12, 7, 7, 4, 7]) {
      value = v;
      const step = await machine.evaluate(T0 + states.length * MINUTE, runQuery);
      states.push(step.instances[0]?.state ?? 'absent');
    }
    // 12 fires; 7 stays firing (not below the unload 5); 4 resolves; 7 does not re-fire (not above 10).
    expect(states).toEqual(['Alerting', 'Alerting', 'Alerting', 'Normal', 'Normal']);
  });
});
