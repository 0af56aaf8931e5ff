import type { ParamOverrides } from '../params';
import { resolveParams } from '../params';
import { RuleParameterError } from '../errors';
import { formatDurationSec } from '../duration';
import type { AlertSettings } from '../settings';
import type { ProvisionedRuleGroup } from '../types';
import { RULE_GROUPS, type RuleDefinition, type RuleGroupKey } from './definition';
import { actorRule, criticalRule, phishingRule } from './findings';
import { exportTamperRule, guardDutyTamperRule } from './integrity';
import { backdoorRatioRule, heartbeatRule, highVolumeRule, noFindingsRule } from './trends';

export { RULE_GROUPS, type RuleDefinition, type RuleGroupKey } from './definition';

/** Every gdlens rule, in the order the docs list them. */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  guardDutyTamperRule,
  exportTamperRule,
  noFindingsRule,
  heartbeatRule,
  phishingRule,
  actorRule,
  backdoorRatioRule,
  highVolumeRule,
  criticalRule,
];

/**
 * Builds the provisioned rule groups with each rule's parameters (defaults, replaced by
 * `overrides`). Throws `RuleParameterError` for an override naming an unknown rule or parameter.
 */
export function buildRuleGroups(settings: AlertSettings, overrides: ParamOverrides = {}): ProvisionedRuleGroup[] {
  for (const uid of Object.keys(overrides)) {
    if (!RULE_DEFINITIONS.some((rule) => rule.uid === uid)) {
      throw new RuleParameterError(`--set names no rule '${uid}' (rules: ${RULE_DEFINITIONS.map((r) => r.uid).join(', ')})`);
    }
  }
  const groups = new Map<RuleGroupKey, ProvisionedRuleGroup>();
  for (const definition of RULE_DEFINITIONS) {
    const values = resolveParams(definition.uid, definition.params, overrides[definition.uid]);
    const groupSpec = RULE_GROUPS[definition.group];
    let group = groups.get(definition.group);
    if (!group) {
      group = { orgId: settings.orgId, name: groupSpec.name, folder: settings.folderTitle, interval: formatDurationSec(groupSpec.intervalSec), rules: [] };
      groups.set(definition.group, group);
    }
    group.rules.push(definition.build(values, settings));
  }
  return [...groups.values()];
}
