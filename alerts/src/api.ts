import { parseDurationSec } from './duration';
import type { AlertSettings } from './settings';
import type { ProvisionedRule, ProvisionedRuleGroup, RuleQuery } from './types';

/** A rule in the HTTP provisioning API's form (`ProvisionedAlertRule`). */
export interface ApiRule {
  uid: string;
  title: string;
  condition: string;
  data: RuleQuery[];
  for: string;
  noDataState: ProvisionedRule['noDataState'];
  execErrState: ProvisionedRule['execErrState'];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
  folderUID: string;
  ruleGroup: string;
  orgID: number;
}

/** A rule group in the HTTP provisioning API's form (`AlertRuleGroup`), for `PUT …/rule-groups/:group`. */
export interface ApiRuleGroup {
  title: string;
  folderUid: string;
  /** Seconds. */
  interval: number;
  rules: ApiRule[];
}

/**
 * Maps a file-provisioned rule to the API form: the folder becomes a uid, the group name and
 * org move onto the rule, and `dashboardUid`/`panelId` become the reserved annotations
 * `__dashboardUid__`/`__panelId__` that the API stores them as.
 */
export function toApiRule(rule: ProvisionedRule, group: ProvisionedRuleGroup, folderUid: string): ApiRule {
  const annotations = { ...rule.annotations };
  if (rule.dashboardUid !== undefined) annotations['__dashboardUid__'] = rule.dashboardUid;
  if (rule.panelId !== undefined) annotations['__panelId__'] = String(rule.panelId);
  return {
    uid: rule.uid,
    title: rule.title,
    condition: rule.condition,
    data: rule.data,
    for: rule.for,
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    labels: { ...rule.labels },
    annotations,
    isPaused: rule.isPaused,
    folderUID: folderUid,
    ruleGroup: group.name,
    orgID: group.orgId,
  };
}

/** Maps a file-provisioned group to the API's rule group body. */
export function toApiRuleGroup(group: ProvisionedRuleGroup, settings: Pick<AlertSettings, 'folderUid'>): ApiRuleGroup {
  return {
    title: group.name,
    folderUid: settings.folderUid,
    interval: parseDurationSec(group.interval),
    rules: group.rules.map((rule) => toApiRule(rule, group, settings.folderUid)),
  };
}
