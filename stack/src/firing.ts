/** Which rules a backtest saw firing, from `gdlens backtest` JSON lines. */
export interface FiringRule {
  readonly ruleUid: string;
  /** Each firing instance's labels, e.g. `account_id=111122223333`. */
  readonly instances: string[];
  readonly firstFiringAt: string;
}

interface BacktestLine {
  readonly time: string;
  readonly rule_uid: string;
  readonly state: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export function firingRules(jsonLines: string): FiringRule[] {
  const byRule = new Map<string, { instances: Set<string>; first: string }>();
  for (const line of jsonLines.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    const entry = JSON.parse(line) as BacktestLine;
    if (entry.state !== 'Alerting') continue;
    const labels = Object.entries(entry.labels ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .sort()
      .join(',');
    const seen = byRule.get(entry.rule_uid) ?? { instances: new Set<string>(), first: entry.time };
    seen.instances.add(labels);
    if (entry.time < seen.first) seen.first = entry.time;
    byRule.set(entry.rule_uid, seen);
  }
  return [...byRule.entries()]
    .map(([ruleUid, seen]) => ({ ruleUid, instances: [...seen.instances].sort(), firstFiringAt: seen.first }))
    .sort((a, b) => a.ruleUid.localeCompare(b.ruleUid));
}
