import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_SETTINGS,
  GUARDDUTY_TAMPER_EVENTS,
  RULE_DEFINITIONS,
  RuleParameterError,
  buildRuleGroups,
  parseSetArguments,
  type ProvisionedRule,
} from '../../src';

const rules = buildRuleGroups(DEFAULT_SETTINGS).flatMap((group) => group.rules);
const byUid = (uid: string): ProvisionedRule => {
  const rule = rules.find((r) => r.uid === uid);
  if (!rule) throw new Error(`no rule ${uid}`);
  return rule;
};
const queryOf = (rule: ProvisionedRule, refId = 'A'): string => String(rule.data.find((q) => q.refId === refId)?.model['query']);

/** Anchors GitHub derives from `docs/runbook.md`'s headings. */
function runbookAnchors(): Set<string> {
  const text = readFileSync(resolve(__dirname, '../../../docs/runbook.md'), 'utf8');
  const anchors = new Set<string>();
  for (const match of text.matchAll(/^#{2,3} (.+)$/gm)) {
    anchors.add(
      (match[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} -]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return anchors;
}

/** The GuardDuty API's actions (API reference, "Actions"), the calls that can appear as eventName. */
const GUARDDUTY_API_ACTIONS = new Set(
  `AcceptAdministratorInvitation AcceptInvitation ArchiveFindings CreateDetector CreateFilter CreateIPSet
  CreateMalwareProtectionPlan CreateMembers CreatePublishingDestination CreateSampleFindings CreateThreatEntitySet
  CreateThreatIntelSet CreateTrustedEntitySet DeclineInvitations DeleteDetector DeleteFilter DeleteInvitations DeleteIPSet
  DeleteMalwareProtectionPlan DeleteMembers DeletePublishingDestination DeleteThreatEntitySet DeleteThreatIntelSet
  DeleteTrustedEntitySet DescribeMalwareScans DescribeOrganizationConfiguration DescribePublishingDestination
  DisableOrganizationAdminAccount DisassociateFromAdministratorAccount DisassociateFromMasterAccount DisassociateMembers
  EnableOrganizationAdminAccount GetAdministratorAccount GetCoverageStatistics GetDetector GetFilter GetFindings
  GetFindingsStatistics GetInvitationsCount GetIPSet GetMalwareProtectionPlan GetMalwareScan GetMalwareScanSettings
  GetMasterAccount GetMemberDetectors GetMembers GetOrganizationStatistics GetRemainingFreeTrialDays GetThreatEntitySet
  GetThreatIntelSet GetTrustedEntitySet GetUsageStatistics InviteMembers ListCoverage ListDetectors ListFilters ListFindings
  ListInvitations ListIPSets ListMalwareProtectionPlans ListMalwareScans ListMembers ListOrganizationAdminAccounts
  ListPublishingDestinations ListTagsForResource ListThreatEntitySets ListThreatIntelSets ListTrustedEntitySets
  SendObjectMalwareScan StartMalwareScan StartMonitoringMembers StopMonitoringMembers TagResource UnarchiveFindings
  UntagResource UpdateDetector UpdateFilter UpdateFindingsFeedback UpdateIPSet UpdateMalwareProtectionPlan
  UpdateMalwareScanSettings UpdateMemberDetectors UpdateOrganizationConfiguration UpdatePublishingDestination
  UpdateThreatEntitySet UpdateThreatIntelSet UpdateTrustedEntitySet`.split(/\s+/),
);

describe('every rule', () => {
  const anchors = runbookAnchors();

  it.each(rules.map((r) => [r.uid, r] as const))('%s: uid, title, labels and annotations an on-call person can act on', (_uid, rule) => {
    expect(rule.uid.length).toBeLessThanOrEqual(40);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.labels['team']).toBe('gdlens');
    expect(['critical', 'high', 'warning']).toContain(rule.labels['severity']);
    expect(rule.annotations['summary']).toMatch(/\S/);
    for (const part of ['Check:', 'Dashboard:', 'Runbook:']) expect(rule.annotations['description']).toContain(part);
    expect(rule.dashboardUid).toMatch(/^gdlens-/);
    expect(typeof rule.panelId).toBe('number');
    const anchor = rule.annotations['runbook_url']?.split('#')[1] ?? '';
    expect(anchors.has(anchor)).toBe(true);
  });

  it.each(rules.map((r) => [r.uid, r] as const))('%s: condition and expression inputs name existing refIds', (_uid, rule) => {
    const refIds = rule.data.map((q) => q.refId);
    expect(new Set(refIds).size).toBe(refIds.length);
    expect(refIds).toContain(rule.condition);
    for (const query of rule.data) {
      const model = query.model;
      if (query.datasourceUid !== '__expr__') continue;
      const inputs =
        model['type'] === 'math'
          ? [...String(model['expression']).matchAll(/\$([A-Z])/g)].map((m) => m[1])
          : [String(model['expression'])];
      for (const input of inputs) expect(refIds.slice(0, refIds.indexOf(query.refId))).toContain(input);
    }
    // The condition is a threshold: a threshold maps NaN to 0, so no NaN fires by accident.
    expect(rule.data.find((q) => q.refId === rule.condition)?.model['type']).toBe('threshold');
  });

  it('rules 3–8 exclude sample findings in every findings query and query arrival time', () => {
    const findingRules = rules.filter((r) => r.data.some((q) => q.datasourceUid === 'gdlens-findings-arrival'));
    expect(findingRules.map((r) => r.uid).sort()).toEqual([
      'gdlens-backdoor-ratio',
      'gdlens-critical-finding',
      'gdlens-high-findings-above-baseline',
      'gdlens-no-findings',
      'gdlens-phishing-domain',
      'gdlens-resource-is-actor',
    ]);
    for (const rule of findingRules) {
      for (const query of rule.data.filter((q) => q.datasourceUid === 'gdlens-findings-arrival')) {
        expect(String(query.model['query'])).toContain('NOT sample:true');
        expect(query.model['timeField']).toBe('ingested_at');
      }
    }
  });

  it('every findings and CloudTrail query groups by account and ends with an explicit date histogram', () => {
    for (const rule of rules.filter((r) => r.uid !== 'gdlens-worker-heartbeat-stale')) {
      for (const query of rule.data.filter((q) => q.datasourceUid !== '__expr__')) {
        const aggs = query.model['bucketAggs'] as Array<{ type: string; field: string; settings: Record<string, string> }>;
        expect(aggs[0]?.field).toBe('account_id');
        const last = aggs[aggs.length - 1];
        expect(last?.type).toBe('date_histogram');
        expect(last?.settings['interval']).not.toBe('auto');
      }
    }
  });
});

describe('rule logic', () => {
  it('GuardDuty tamper rule: every event name is a GuardDuty API action', () => {
    for (const name of GUARDDUTY_TAMPER_EVENTS) expect(GUARDDUTY_API_ACTIONS.has(name)).toBe(true);
    expect(GUARDDUTY_TAMPER_EVENTS).not.toContain('GetDetector');
    const query = queryOf(byUid('gdlens-guardduty-tampered'));
    expect(query).toContain('eventSource:"guardduty.amazonaws.com"');
    expect(query).toContain('NOT read_only:true');
    expect(query).toContain('eventName:UpdateDetector AND (requestParameters.enable:false');
    expect(query).toContain('requestParameters.action:ARCHIVE');
  });

  it('failed calls count by default and can be excluded', () => {
    expect(queryOf(byUid('gdlens-guardduty-tampered'))).not.toContain('error_code');
    const [rule] = buildRuleGroups(DEFAULT_SETTINGS, { 'gdlens-guardduty-tampered': { countFailedCalls: '0' } })
      .flatMap((g) => g.rules)
      .filter((r) => r.uid === 'gdlens-guardduty-tampered');
    expect(queryOf(rule!)).toMatch(/ AND NOT error_code:\*$/);
  });

  it('export tamper rule is scoped to the configured buckets and keys', () => {
    const [rule] = buildRuleGroups(DEFAULT_SETTINGS, {
      'gdlens-export-tampered': { buckets: 'findings-a, findings-b', kmsKeys: 'arn:aws:kms:eu-west-1:123456789012:key/k-1' },
    })
      .flatMap((g) => g.rules)
      .filter((r) => r.uid === 'gdlens-export-tampered');
    const query = queryOf(rule!);
    expect(query).toContain('bucket_name:("findings-a" OR "findings-b")');
    expect(query).toContain('requestParameters.keyId:("arn:aws:kms:eu-west-1:123456789012:key/k-1")');
    expect(query).toContain('"PutBucketLogging"');
    expect(query).toContain('"ScheduleKeyDeletion"');
  });

  it('backdoor ratio guards its division and thresholds the ratio', () => {
    const rule = byUid('gdlens-backdoor-ratio');
    expect(rule.data.find((q) => q.refId === 'E')?.model['expression']).toBe('$C / ($D + ($D == 0))');
    expect(rule.data.find((q) => q.refId === 'F')?.model['conditions']).toEqual([{ evaluator: { type: 'gt', params: [0.1] } }]);
    expect(rule.data[0]?.relativeTimeRange).toEqual({ from: 1800, to: 0 });
  });

  it('high-volume baseline uses mean and the square root of the variance, over same-size windows', () => {
    const rule = byUid('gdlens-high-findings-above-baseline');
    const history = rule.data.find((q) => q.refId === 'B');
    expect(history?.relativeTimeRange).toEqual({ from: 7 * 86400 + 3600, to: 3600 });
    const histogram = (history?.model['bucketAggs'] as Array<{ type: string; settings: Record<string, string> }>).at(-1);
    expect(histogram?.settings['interval']).toBe('1h');
    expect(rule.data.find((q) => q.refId === 'S')?.model['expression']).toBe('abs($V - $M ** 2) ** 0.5');
    expect(rule.data.find((q) => q.refId === 'E')?.model['expression']).toBe('($C > 10) && ($C > $M + 3 * $S)');
  });

  it('no-data rules alert on missing data; immediate rules do not', () => {
    expect(byUid('gdlens-no-findings').noDataState).toBe('Alerting');
    expect(byUid('gdlens-worker-heartbeat-stale').noDataState).toBe('Alerting');
    for (const uid of ['gdlens-phishing-domain', 'gdlens-critical-finding', 'gdlens-guardduty-tampered', 'gdlens-backdoor-ratio']) {
      expect(byUid(uid).noDataState).toBe('OK');
      expect(byUid(uid).for).toBe('0s');
    }
  });
});

describe('--set', () => {
  it('every rule accepts window and threshold', () => {
    for (const definition of RULE_DEFINITIONS) {
      expect(definition.params['window']?.kind).toBe('duration');
      expect(definition.params['threshold']?.kind).toBe('number');
    }
  });

  it('changes a window and a threshold', () => {
    const overrides = parseSetArguments(['gdlens-backdoor-ratio.window=1h', 'gdlens-backdoor-ratio.threshold=0.25']);
    const [rule] = buildRuleGroups(DEFAULT_SETTINGS, overrides)
      .flatMap((g) => g.rules)
      .filter((r) => r.uid === 'gdlens-backdoor-ratio');
    expect(rule?.data[0]?.relativeTimeRange).toEqual({ from: 3600, to: 0 });
    expect(rule?.data.find((q) => q.refId === 'F')?.model['conditions']).toEqual([{ evaluator: { type: 'gt', params: [0.25] } }]);
  });

  it.each([
    [['gdlens-nope.window=5m'], /names no rule 'gdlens-nope'/],
    [['gdlens-backdoor-ratio.colour=red'], /has no parameter 'colour'/],
    [['gdlens-backdoor-ratio.window=soon'], /not a duration/],
    [['gdlens-backdoor-ratio.threshold=lots'], /must be a number/],
  ])('%j is refused', (items, message) => {
    expect(() => buildRuleGroups(DEFAULT_SETTINGS, parseSetArguments(items))).toThrow(RuleParameterError);
    expect(() => buildRuleGroups(DEFAULT_SETTINGS, parseSetArguments(items))).toThrow(message);
  });

  it('refuses an item without RULE.PARAM=VALUE', () => {
    expect(() => parseSetArguments(['window=5m'])).toThrow(/RULE_UID.PARAM=VALUE/);
  });
});

describe('dashboard links', () => {
  /** Panels of the dashboards generator's output, `uid/panelId`. */
  function dashboardPanels(): Set<string> {
    const dir = resolve(__dirname, '../../../dashboards/import');
    const panels = new Set<string>();
    for (const name of require('node:fs').readdirSync(dir) as string[]) {
      if (!name.endsWith('.json')) continue;
      const json = JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as { dashboard?: Dashboard } & Dashboard;
      const dashboard = json.dashboard ?? json;
      for (const panel of dashboard.panels ?? []) panels.add(`${dashboard.uid}/${panel.id}`);
    }
    return panels;
  }
  interface Dashboard {
    uid: string;
    panels?: Array<{ id: number }>;
  }

  it('every rule links to a panel that exists in dashboards/import', () => {
    const panels = dashboardPanels();
    expect(panels.size).toBeGreaterThan(0);
    for (const rule of rules) expect(panels).toContain(`${rule.dashboardUid}/${rule.panelId}`);
  });
});

describe('docs/alerts.md', () => {
  it('documents every parameter of every rule', () => {
    const text = readFileSync(resolve(__dirname, '../../../docs/alerts.md'), 'utf8');
    for (const definition of RULE_DEFINITIONS) {
      expect(text).toContain(`\`${definition.uid}\``);
      for (const name of Object.keys(definition.params)) expect({ rule: definition.uid, documented: text.includes(`\`${name}\``) }).toEqual({ rule: definition.uid, documented: true });
    }
  });
});
