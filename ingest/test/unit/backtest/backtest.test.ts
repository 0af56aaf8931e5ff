import path from 'node:path';
import { DEFAULT_SETTINGS, buildRuleGroups, type ProvisionedRule } from '@gdlens/alerts';
import { number, series } from '@gdlens/grafana-model';
import { backtestDatasources, retimeRule } from '../../../src/backtest/datasources';
import { summaryTable } from '../../../src/backtest/replay';
import { backtestRuleGroups } from '../../../src/backtest/rules';
import { instanceValues } from '../../../src/backtest/values';
import { runCli } from '../../../src/cli/run';
import { COMMANDS } from '../../../src/cli/commands';
import { ConfigError } from '../../../src/errors';
import { storeNames } from '../../../src/store/names';
import { cliContext } from '../helpers';

const RULES_DIR = path.resolve(__dirname, '../../../../provisioning/alerting');
const rules = buildRuleGroups(DEFAULT_SETTINGS).flatMap((g) => g.rules);
const rule = (uid: string): ProvisionedRule => rules.find((r) => r.uid === uid) as ProvisionedRule;
const histogramFields = (r: ProvisionedRule): unknown[] =>
  r.data.flatMap((q) => ((q.model['bucketAggs'] as Array<Record<string, unknown>> | undefined) ?? []).filter((a) => a['type'] === 'date_histogram').map((a) => a['field']));

describe('retimeRule', () => {
  it('moves findings and CloudTrail queries to the replay time field, histograms included', () => {
    for (const uid of ['gdlens-backdoor-ratio', 'gdlens-guardduty-tampered', 'gdlens-high-findings-above-baseline']) {
      const retimed = retimeRule(rule(uid), '@timestamp');
      expect(retimed.data.filter((q) => q.datasourceUid !== '__expr__').map((q) => q.model['timeField'])).toEqual(
        expect.arrayContaining(['@timestamp']),
      );
      expect(new Set(histogramFields(retimed))).toEqual(new Set(['@timestamp']));
      expect(new Set(histogramFields(rule(uid)))).toEqual(new Set(['ingested_at']));
    }
  });

  it('leaves the heartbeat query alone', () => {
    const heartbeat = rule('gdlens-worker-heartbeat-stale');
    expect(retimeRule(heartbeat, 'ingested_at')).toEqual(heartbeat);
  });
});

describe('backtestDatasources', () => {
  it('points every gdlens data source uid at its alias with the replay time field', () => {
    const datasources = backtestDatasources('http://os:9200', storeNames('acme'), 'ingested_at');
    expect(datasources['gdlens-findings-arrival']).toMatchObject({ database: 'acme-findings', timeField: 'ingested_at', url: 'http://os:9200' });
    expect(datasources['gdlens-cloudtrail-arrival']).toMatchObject({ database: 'acme-cloudtrail', timeField: 'ingested_at' });
    expect(datasources['gdlens-pipeline']).toMatchObject({ database: 'acme-heartbeats', timeField: '@timestamp' });
  });
});

describe('instanceValues', () => {
  it('takes the numbers whose labels the instance has, skipping raw series', () => {
    const values = {
      A: [series({ account_id: '1' }, [[0, 3]])],
      C: [number({ account_id: '1', account_name: 'a' }, 3), number({ account_id: '2', account_name: 'b' }, 9)],
      M: [number({ account_id: '1' }, 0.5)],
      E: [number({ account_id: '2' }, 1)],
    };
    expect(instanceValues(values, { account_id: '1', account_name: 'a' })).toEqual({ C: 3, M: 0.5 });
  });
});

describe('summaryTable', () => {
  it('aligns columns and prefixes every line with #', () => {
    const table = summaryTable([
      { rule_uid: 'a-rule', title: 'A', evaluations: 10, firings: 1, alertingSteps: 4, firstFiring: '2026-01-01T00:01:00.000Z', lastFiring: '2026-01-01T00:04:00.000Z' },
      { rule_uid: 'b', title: 'B', evaluations: 10, firings: 0, alertingSteps: 0 },
    ]).split('\n');
    expect(table).toEqual([
      '# rule    evaluations  firings  alerting steps  first firing              last firing',
      '# ------  -----------  -------  --------------  ------------------------  ------------------------',
      '# a-rule  10           1        4               2026-01-01T00:01:00.000Z  2026-01-01T00:04:00.000Z',
      '# b       10           0        0               -                         -',
    ]);
  });
});

describe('backtestRuleGroups', () => {
  it('rebuilds a tuned rule from the typed source and keeps the others as provisioned', () => {
    const groups = backtestRuleGroups(RULES_DIR, { 'gdlens-backdoor-ratio': { window: '1h' } });
    const all = groups.flatMap((g) => g.rules);
    expect(all).toHaveLength(rules.length);
    expect(all.find((r) => r.uid === 'gdlens-backdoor-ratio')?.data[0]?.relativeTimeRange).toEqual({ from: 3600, to: 0 });
    expect(all.find((r) => r.uid === 'gdlens-phishing-domain')).toEqual(rule('gdlens-phishing-domain'));
  });

  it('refuses to tune a rule the directory does not hold', () => {
    expect(() => backtestRuleGroups(path.resolve(__dirname), { 'gdlens-backdoor-ratio': { window: '1h' } })).toThrow(ConfigError);
  });
});

describe('gdlens backtest usage', () => {
  it.each([
    [['backtest', '--to', '2026-01-01T00:00:00Z', '--opensearch', 'http://x'], '--from is required'],
    [['backtest', '--from', 'yesterday', '--to', '2026-01-01T00:00:00Z'], '--from must be an ISO date-time'],
    [['backtest', '--from', '2026-01-02T00:00:00Z', '--to', '2026-01-01T00:00:00Z'], '--to must not be before --from'],
    [['backtest', '--from', '2026-01-01T00:00:00Z', '--to', '2026-01-01T01:00:00Z', '--time-field', 'updated_at', '--opensearch', 'http://x'], '--time-field must be @timestamp or ingested_at'],
    [['backtest', '--from', '2026-01-01T00:00:00Z', '--to', '2026-01-01T01:00:00Z', '--set', 'nope', '--opensearch', 'http://x'], 'RULE_UID.PARAM=VALUE'],
  ])('%j fails with %s', async (argv, message) => {
    const cli = cliContext(argv);
    expect(await runCli(cli.ctx, COMMANDS)).toBe(1);
    expect(cli.err()).toContain(message);
    expect(cli.err()).not.toContain('unexpected error');
  });

  it('an unknown rule parameter is a usage error', async () => {
    const cli = cliContext(['backtest', '--from', '2026-01-01T00:00:00Z', '--to', '2026-01-01T01:00:00Z', '--set', 'gdlens-backdoor-ratio.colour=red', '--opensearch', 'http://x']);
    expect(await runCli(cli.ctx, COMMANDS)).toBe(1);
    expect(cli.err()).toContain("has no parameter 'colour'");
    expect(cli.err()).toContain('usage: gdlens backtest');
  });
});
