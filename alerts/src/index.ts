export * from './types';
export * from './errors';
export * from './duration';
export * from './params';
export * from './settings';
export * from './queries';
export * from './links';
export * from './notifications';
export * from './provisioning';
export * from './api';
export * from './load';
export { RULE_DEFINITIONS, RULE_GROUPS, buildRuleGroups, type RuleDefinition, type RuleGroupKey } from './rules';
export {
  GUARDDUTY_TAMPER_EVENTS,
  KMS_EXPORT_TAMPER_EVENTS,
  S3_EXPORT_TAMPER_EVENTS,
  UPDATE_DETECTOR_DISABLING_CLAUSES,
} from './rules/guardduty-events';
export { pentestExclusion } from './lucene';
