import { CLOUDTRAIL_CONSOLE_URL, PANELS, panelUrl, runbookUrl } from '../links';
import { anyOf } from '../lucene';
import { durationParam, listParam, numberParam, type ParamSpecs } from '../params';
import { countQuery, reduce, threshold, type GroupBy } from '../queries';
import type { AlertSettings } from '../settings';
import type { ProvisionedRule } from '../types';
import { ruleLabels, type RuleDefinition } from './definition';
import {
  GUARDDUTY_TAMPER_EVENTS,
  KMS_EXPORT_TAMPER_EVENTS,
  S3_EXPORT_TAMPER_EVENTS,
  SUPPRESSION_FILTER_CLAUSE,
  UPDATE_DETECTOR_DISABLING_CLAUSES,
} from './guardduty-events';

/**
 * One instance per account, region, call, caller and outcome. `error_code` is `none` for a call
 * that succeeded: failed calls alert too (see docs/alerts.md), and the label tells them apart.
 */
const CLOUDTRAIL_GROUP_BY: readonly GroupBy[] = [
  { field: 'account_id', size: 50, missing: 'unknown' },
  { field: 'region', size: 30, missing: 'unknown' },
  { field: 'eventName', size: 20 },
  { field: 'user_arn', size: 10, missing: 'unknown' },
  { field: 'error_code', size: 5, missing: 'none' },
];

const CLOUDTRAIL_TIME_FIELD = 'ingested_at';

const IMMEDIATE_PARAMS = {
  window: {
    kind: 'duration',
    defaultSec: 300,
    doc: 'How far back (in arrival time) a call is looked for; an instance stays firing this long after the call arrives.',
  },
  threshold: { kind: 'number', default: 0, doc: 'The rule fires when more than this many matching calls arrived in the window.', min: 0 },
  countFailedCalls: {
    kind: 'number',
    default: 1,
    doc: '1: calls that failed (errorCode set, e.g. AccessDenied) alert too, labelled with their error_code; 0: only successful calls alert.',
    min: 0,
  },
} as const satisfies ParamSpecs;

function cloudTrailCountRule(
  settings: AlertSettings,
  spec: { uid: string; title: string; query: string; windowSec: number; threshold: number },
): Pick<ProvisionedRule, 'uid' | 'title' | 'condition' | 'data' | 'for' | 'noDataState' | 'execErrState' | 'isPaused'> {
  return {
    uid: spec.uid,
    title: spec.title,
    condition: 'C',
    data: [
      countQuery({
        refId: 'A',
        datasourceUid: settings.datasources.cloudTrailArrival,
        query: spec.query,
        timeField: CLOUDTRAIL_TIME_FIELD,
        fromSec: spec.windowSec,
        intervalSec: 60,
        groupBy: CLOUDTRAIL_GROUP_BY,
      }),
      reduce('B', 'A', 'sum'),
      threshold('C', 'B', 'gt', spec.threshold),
    ],
    // Tampering pages at the first evaluation that sees it.
    for: '0s',
    // No matching call is the normal state, not missing data.
    noDataState: 'OK',
    execErrState: 'Error',
    isPaused: false,
  };
}

function failedCallsClause(countFailed: number): string {
  return countFailed >= 1 ? '' : ' AND NOT error_code:*';
}

/** Rule 1: a GuardDuty API call that disables or weakens detection. */
export const guardDutyTamperRule: RuleDefinition = {
  uid: 'gdlens-guardduty-tampered',
  group: 'integrity',
  params: {
    ...IMMEDIATE_PARAMS,
    eventNames: {
      kind: 'list',
      default: GUARDDUTY_TAMPER_EVENTS,
      doc: 'GuardDuty calls that always alert (UpdateDetector and Create/UpdateFilter are matched separately, on their parameters).',
    },
  },
  build(values, settings) {
    const query =
      `eventSource:"guardduty.amazonaws.com" AND NOT read_only:true AND (` +
      `${anyOf('eventName', listParam(values, 'eventNames'))}` +
      ` OR (eventName:UpdateDetector AND (${UPDATE_DETECTOR_DISABLING_CLAUSES.join(' OR ')}))` +
      ` OR (${SUPPRESSION_FILTER_CLAUSE}))` +
      failedCallsClause(numberParam(values, 'countFailedCalls'));
    return {
      ...cloudTrailCountRule(settings, {
        uid: this.uid,
        title: 'GuardDuty disabled or altered',
        query,
        windowSec: durationParam(values, 'window'),
        threshold: numberParam(values, 'threshold'),
      }),
      labels: ruleLabels(settings, 'critical', 'integrity'),
      annotations: {
        summary:
          'GuardDuty {{ $labels.eventName }} in account {{ $labels.account_id }} ({{ $labels.region }}) by {{ $labels.user_arn }}',
        description: [
          'Someone called GuardDuty {{ $labels.eventName }} in account {{ $labels.account_id }}, region {{ $labels.region }}: a call that turns off, suppresses or redirects threat detection.',
          'Caller: {{ $labels.user_arn }}. Error code: {{ $labels.error_code }} (none = the call succeeded; a failed call is an attempt and still needs an explanation).',
          'Band: critical. Calls in the window: {{ $values.B.Value }}.',
          'Check: was this a planned change (ticket, IaC run)? If not, treat the caller as compromised, restore the detector and its settings, and review what the caller did next in CloudTrail.',
          `Dashboard: ${panelUrl(settings, PANELS.whoChangedGuardDuty)}`,
          `AWS console: ${CLOUDTRAIL_CONSOLE_URL}`,
          `Runbook: ${runbookUrl(settings, 'guardduty-disabled-or-altered')}`,
        ].join('\n'),
        runbook_url: runbookUrl(settings, 'guardduty-disabled-or-altered'),
        dashboard_url: panelUrl(settings, PANELS.whoChangedGuardDuty),
        console_url: CLOUDTRAIL_CONSOLE_URL,
      },
      dashboardUid: PANELS.whoChangedGuardDuty.dashboardUid,
      panelId: PANELS.whoChangedGuardDuty.panelId,
    };
  },
};

/** Rule 2: a change to the bucket or KMS key GuardDuty exports findings to. */
export const exportTamperRule: RuleDefinition = {
  uid: 'gdlens-export-tampered',
  group: 'integrity',
  params: {
    ...IMMEDIATE_PARAMS,
    buckets: {
      kind: 'list',
      default: ['guardduty-findings-export'],
      doc: 'Names of the S3 buckets GuardDuty exports findings to (comma-separated). Set it: the default is a placeholder.',
    },
    kmsKeys: {
      kind: 'list',
      default: ['arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000'],
      doc: 'The export KMS key, as its key id and its ARN (CloudTrail records whichever the caller used). Set it: the default is a placeholder.',
    },
  },
  build(values, settings) {
    const buckets = listParam(values, 'buckets');
    const keys = listParam(values, 'kmsKeys');
    const query =
      `NOT read_only:true AND (` +
      `(eventSource:"s3.amazonaws.com" AND ${anyOf('eventName', S3_EXPORT_TAMPER_EVENTS)} AND ${anyOf('bucket_name', buckets)})` +
      ` OR (eventSource:"kms.amazonaws.com" AND ${anyOf('eventName', KMS_EXPORT_TAMPER_EVENTS)}` +
      ` AND (${anyOf('requestParameters.keyId', keys)} OR ${anyOf('resources.ARN', keys)})))` +
      failedCallsClause(numberParam(values, 'countFailedCalls'));
    return {
      ...cloudTrailCountRule(settings, {
        uid: this.uid,
        title: 'GuardDuty findings export tampered',
        query,
        windowSec: durationParam(values, 'window'),
        threshold: numberParam(values, 'threshold'),
      }),
      labels: ruleLabels(settings, 'critical', 'integrity'),
      annotations: {
        summary: '{{ $labels.eventName }} on the GuardDuty export destination in account {{ $labels.account_id }} ({{ $labels.region }})',
        description: [
          'Someone called {{ $labels.eventName }} on the bucket or KMS key that GuardDuty exports findings to, in account {{ $labels.account_id }}, region {{ $labels.region }}.',
          'Caller: {{ $labels.user_arn }}. Error code: {{ $labels.error_code }} (none = the call succeeded).',
          'Band: critical. A changed policy, ACL or public-access block can expose findings; a disabled key, lifecycle, replication or deleted bucket can stop or destroy the export that gdlens reads.',
          'Check: compare the bucket policy, ACL, public-access block, lifecycle, replication, encryption and the key policy with their reviewed versions; confirm the export destination in GuardDuty settings still works.',
          `Dashboard: ${panelUrl(settings, PANELS.integrityEvents)}`,
          `AWS console: ${CLOUDTRAIL_CONSOLE_URL}`,
          `Runbook: ${runbookUrl(settings, 'findings-export-tampered')}`,
        ].join('\n'),
        runbook_url: runbookUrl(settings, 'findings-export-tampered'),
        dashboard_url: panelUrl(settings, PANELS.integrityEvents),
        console_url: CLOUDTRAIL_CONSOLE_URL,
      },
      dashboardUid: PANELS.integrityEvents.dashboardUid,
      panelId: PANELS.integrityEvents.panelId,
    };
  },
};
