import { GUARDDUTY_CONSOLE_URL, PANELS, panelUrl, runbookUrl, type PanelLink } from '../links';
import { NOT_SAMPLE } from '../lucene';
import { durationParam, IGNORE_PENTEST_WINDOWS, numberParam, pentestClause, type ParamSpecs } from '../params';
import { countQuery, reduce, threshold, type GroupBy } from '../queries';
import type { AlertSettings } from '../settings';
import { ruleLabels, type RuleDefinition, type SeverityLabel } from './definition';

/** Findings rules query arrival time, so an update exported hours after `updatedAt` still alerts. */
export const FINDINGS_TIME_FIELD = 'ingested_at';

/**
 * One instance per account, region, band and finding type.
 *
 * The name only labels the instance, so one bucket per account is all it needs: `gdlens ingest
 * --accounts` names the documents stored before the file or a rename too (`ingest/src/accounts/
 * backfill.ts`), so every document of a listed account carries the same name and a second bucket
 * would only split its count. Exceptions, short-lived: an account removed from the file keeps its
 * name on stored documents while new ones have none (until the named ones leave the window), and a
 * worker running without the file writes unnamed documents.
 */
const FINDING_GROUP_BY: readonly GroupBy[] = [
  { field: 'account_id', size: 50, missing: 'unknown' },
  { field: 'account_name', size: 1, missing: '-' },
  { field: 'region', size: 30, missing: 'unknown' },
  { field: 'severity_label', size: 5, missing: 'unknown' },
  { field: 'finding_type', size: 10 },
];

const IMMEDIATE_PARAMS = {
  window: {
    kind: 'duration',
    defaultSec: 300,
    doc: 'How far back (in arrival time) findings are counted; an instance stays firing this long after its last matching finding arrives.',
  },
  threshold: { kind: 'number', default: 0, doc: 'The rule fires when more than this many matching findings arrived in the window.', min: 0 },
  ignorePentestWindows: IGNORE_PENTEST_WINDOWS,
} as const satisfies ParamSpecs;

interface ImmediateFindingRule {
  uid: string;
  title: string;
  severity: SeverityLabel;
  /** Lucene clause selecting the findings; the sample filter is added. */
  clause: string;
  summary: string;
  /** What happened and what the finding type means. */
  explanation: string;
  check: string;
  runbookAnchor: string;
  panel: PanelLink;
}

function immediateFindingRule(spec: ImmediateFindingRule): RuleDefinition {
  return {
    uid: spec.uid,
    group: 'findings',
    params: IMMEDIATE_PARAMS,
    build(values, settings: AlertSettings) {
      const runbook = runbookUrl(settings, spec.runbookAnchor);
      const dashboard = panelUrl(settings, spec.panel);
      return {
        uid: spec.uid,
        title: spec.title,
        condition: 'C',
        data: [
          countQuery({
            refId: 'A',
            datasourceUid: settings.datasources.findingsArrival,
            query: `(${spec.clause}) AND ${NOT_SAMPLE}${pentestClause(values, settings.pentestWindows)}`,
            timeField: FINDINGS_TIME_FIELD,
            fromSec: durationParam(values, 'window'),
            intervalSec: 60,
            groupBy: FINDING_GROUP_BY,
          }),
          reduce('B', 'A', 'sum'),
          threshold('C', 'B', 'gt', numberParam(values, 'threshold')),
        ],
        for: '0s',
        noDataState: 'OK',
        execErrState: 'Error',
        labels: ruleLabels(settings, spec.severity, 'finding'),
        annotations: {
          summary: spec.summary,
          description: [
            spec.explanation,
            'Account {{ $labels.account_id }} ({{ $labels.account_name }}), region {{ $labels.region }}, band {{ $labels.severity_label }}, finding type {{ $labels.finding_type }}; findings that arrived in the window: {{ $values.B.Value }}.',
            `Check: ${spec.check}`,
            `Dashboard: ${dashboard}`,
            `AWS console: ${GUARDDUTY_CONSOLE_URL}`,
            `Runbook: ${runbook}`,
          ].join('\n'),
          runbook_url: runbook,
          dashboard_url: dashboard,
          console_url: GUARDDUTY_CONSOLE_URL,
        },
        dashboardUid: spec.panel.dashboardUid,
        panelId: spec.panel.panelId,
        isPaused: false,
      };
    },
  };
}

/** Rule 4: an instance queried a phishing domain. */
export const phishingRule = immediateFindingRule({
  uid: 'gdlens-phishing-domain',
  title: 'Phishing domain requested (GuardDuty)',
  severity: 'high',
  clause: 'threat_name:PhishingDomainRequest',
  summary: 'Phishing domain request from account {{ $labels.account_id }} ({{ $labels.region }})',
  explanation:
    'GuardDuty saw a resource query a domain known for phishing (Trojan:EC2/PhishingDomainRequest!DNS): a user or process on it may be handing credentials to an attacker, or the resource is already compromised.',
  check: 'the instance and the domain in the finding, which user or process made the DNS request, and whether credentials were entered or used afterwards.',
  runbookAnchor: 'phishing-domain-requested',
  panel: PANELS.findingsByType,
});

/** Rule 5: one of our resources is the actor of the activity, not its target. */
export const actorRule = immediateFindingRule({
  uid: 'gdlens-resource-is-actor',
  title: 'Our resource is the actor (GuardDuty)',
  severity: 'high',
  clause: 'resource_role:ACTOR',
  summary: 'A resource in account {{ $labels.account_id }} ({{ $labels.region }}) is acting maliciously: {{ $labels.finding_type }}',
  explanation:
    'GuardDuty reports resource role ACTOR: the resource in the finding initiated the suspicious activity (scanning, attacking, mining, talking to a command server) instead of being its target. It is likely compromised.',
  check: 'isolate the resource (security group, credentials), find the process or principal behind the traffic, and look for how it was compromised.',
  runbookAnchor: 'our-resource-is-the-actor',
  panel: PANELS.findingsByType,
});

/** Rule 8: a Critical finding (severity 9.0–10.0) or an attack sequence. */
export const criticalRule = immediateFindingRule({
  uid: 'gdlens-critical-finding',
  title: 'Critical GuardDuty finding or attack sequence',
  severity: 'critical',
  clause: 'severity:>=9 OR threat_purpose:AttackSequence',
  summary: 'Critical GuardDuty finding {{ $labels.finding_type }} in account {{ $labels.account_id }} ({{ $labels.region }})',
  explanation:
    'GuardDuty rated a finding Critical (severity 9.0–10.0): it correlates several signals into an attack sequence (AttackSequence:…), meaning an attack may be in progress.',
  check: 'open the finding, read its signals in order, and follow the compromised principal or resource it names; escalate to incident response.',
  runbookAnchor: 'critical-finding',
  panel: PANELS.criticalFindings,
});
