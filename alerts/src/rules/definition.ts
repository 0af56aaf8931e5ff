import type { ParamSpecs, ParamValues } from '../params';
import type { AlertSettings } from '../settings';
import type { ProvisionedRule } from '../types';

/** Rule groups: rules in one group share an evaluation interval. */
export const RULE_GROUPS = {
  integrity: { name: 'gdlens-integrity', intervalSec: 60 },
  findings: { name: 'gdlens-findings', intervalSec: 60 },
  trends: { name: 'gdlens-trends', intervalSec: 300 },
} as const;

export type RuleGroupKey = keyof typeof RULE_GROUPS;

/** One alert rule as typed source: its tunables and how to build its provisioned form. */
export interface RuleDefinition {
  uid: string;
  group: RuleGroupKey;
  /** Every rule has `window` and `threshold`; others are listed in docs/alerts.md. */
  params: ParamSpecs;
  build(values: ParamValues, settings: AlertSettings): ProvisionedRule;
}

/** Severity labels, routed by the notification policy (critical/high page, warning does not repeat all day). */
export type SeverityLabel = 'critical' | 'high' | 'warning';

/** Labels every rule carries. */
export function ruleLabels(settings: AlertSettings, severity: SeverityLabel, category: string): Record<string, string> {
  return { severity, team: settings.team, category };
}
