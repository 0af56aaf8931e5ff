import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParamOverrides, ProvisionedRuleGroup } from '@gdlens/alerts';
import { openSearchQueryRunner } from '@gdlens/grafana-model';
import { backtestDatasources, retimeRule, type ReplayTimeField } from '../../../src/backtest/datasources';
import { runBacktest, type BacktestLine, type BacktestTransition } from '../../../src/backtest/replay';
import { backtestRuleGroups } from '../../../src/backtest/rules';
import type { ParsedRecord } from '../../../src/records';
import { recordsFromValue } from '../../../src/sources/files';
import type { StoreNames } from '../../../src/store/names';
import { FIXTURES, rawFinding } from '../helpers';

export const RULES_DIR = path.resolve(__dirname, '../../../../provisioning/alerting');
export const MINUTE_MS = 60_000;

/** The real foxsec finding with the fields a scenario controls. It is a sample finding upstream, so `sample` is set explicitly. */
export function finding(spec: {
  id: string;
  account: string;
  type: string;
  severity: number;
  region?: string;
  role?: 'TARGET' | 'ACTOR';
  sample?: boolean;
  updatedAt?: string;
}): ParsedRecord {
  const raw = structuredClone(rawFinding()) as Record<string, unknown> & { service: Record<string, unknown> };
  raw['id'] = spec.id;
  raw['accountId'] = spec.account;
  raw['region'] = spec.region ?? 'us-east-1';
  raw['type'] = spec.type;
  raw['severity'] = spec.severity;
  raw['title'] = spec.sample ? `[SAMPLE] ${spec.type}` : spec.type;
  raw['createdAt'] = spec.updatedAt ?? '2026-01-15T11:00:00.000Z';
  raw['updatedAt'] = spec.updatedAt ?? '2026-01-15T11:00:00.000Z';
  raw['service'] = { ...raw.service, resourceRole: spec.role ?? 'TARGET', additionalInfo: { sample: spec.sample ?? false }, count: 1 };
  const [record] = recordsFromValue(raw, { file: `scenario-${spec.id}`, line: 1 });
  if (!record || record.kind !== 'finding') throw new Error(`scenario finding did not map: ${JSON.stringify(record)}`);
  return record;
}

/** Line `line` (1-based) of a real CloudTrail fixture, with overrides, as a parsed record. */
export function cloudTrail(file: string, line: number, overrides: Record<string, unknown>): ParsedRecord {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim() !== '')[line - 1];
  if (text === undefined) throw new Error(`${file} has no line ${line}`);
  const raw = { ...(JSON.parse(text) as Record<string, unknown>), ...overrides };
  const [record] = recordsFromValue(raw, { file, line });
  if (!record || record.kind !== 'cloudtrail') throw new Error(`fixture record did not map: ${JSON.stringify(record)}`);
  return record;
}

/** The provisioned rule groups restricted to one rule, tuned and retimed as the CLI does. */
export function ruleOnly(uid: string, timeField: ReplayTimeField, overrides: ParamOverrides = {}): ProvisionedRuleGroup[] {
  return backtestRuleGroups(RULES_DIR, overrides)
    .map((group) => ({ ...group, rules: group.rules.filter((rule) => rule.uid === uid).map((rule) => retimeRule(rule, timeField)) }))
    .filter((group) => group.rules.length > 0);
}

export interface Replay {
  transitions: BacktestTransition[];
  lines: BacktestLine[];
}

/** Replays one rule over `[fromMs, fromMs + minutes]` at one-minute steps. */
export async function replay(
  url: string,
  names: StoreNames,
  uid: string,
  fromMs: number,
  minutes: number,
  options: { timeField?: ReplayTimeField; overrides?: ParamOverrides } = {},
): Promise<Replay> {
  const timeField = options.timeField ?? 'ingested_at';
  const lines: BacktestLine[] = [];
  const { transitions } = await runBacktest({
    groups: ruleOnly(uid, timeField, options.overrides),
    fromMs,
    toMs: fromMs + minutes * MINUTE_MS,
    stepMs: MINUTE_MS,
    runQuery: openSearchQueryRunner(backtestDatasources(url, names, timeField)),
    onLine: (line) => lines.push(line),
  });
  return { transitions, lines };
}

/** `+Nm From->To {label=value…}` with only the labels asked for, sorted, for exact comparisons. */
export function describeTransitions(transitions: readonly BacktestTransition[], fromMs: number, labelNames: readonly string[]): string[] {
  return transitions
    .map((t) => {
      const minutes = (Date.parse(t.time) - fromMs) / MINUTE_MS;
      const labels = labelNames
        .filter((name) => name in t.labels)
        .map((name) => `${name}=${t.labels[name]}`)
        .join(' ');
      return `+${minutes}m ${t.from}->${t.to} {${labels}}`;
    })
    .sort((a, b) => Number(a.slice(1, a.indexOf('m'))) - Number(b.slice(1, b.indexOf('m'))) || a.localeCompare(b));
}
