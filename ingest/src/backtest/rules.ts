import { DEFAULT_SETTINGS, buildRuleGroups, loadRuleGroups, type AlertSettings, type ParamOverrides, type ProvisionedRuleGroup } from '@gdlens/alerts';
import { ConfigError } from '../errors';

/**
 * The rule groups of a provisioning directory, with every rule named in `overrides` rebuilt from
 * the typed source (`@gdlens/alerts`) with those parameters: YAML has no parameters to tune, the
 * source does. Overriding a rule the directory does not hold is a configuration error. `settings`
 * carry what the rebuilt rules read besides their parameters (the pentest windows).
 */
export function backtestRuleGroups(directory: string, overrides: ParamOverrides, settings: AlertSettings = DEFAULT_SETTINGS): ProvisionedRuleGroup[] {
  const groups = loadRuleGroups(directory);
  const tuned = new Map(buildRuleGroups(settings, overrides).flatMap((group) => group.rules.map((rule) => [rule.uid, rule] as const)));
  const present = new Set(groups.flatMap((group) => group.rules.map((rule) => rule.uid)));
  for (const uid of Object.keys(overrides)) {
    if (!present.has(uid)) throw new ConfigError(`--set names rule '${uid}', which is not in ${directory}`, { rule: uid });
  }
  return groups.map((group) => ({
    ...group,
    rules: group.rules.map((rule) => (overrides[rule.uid] ? (tuned.get(rule.uid) ?? rule) : rule)),
  }));
}
