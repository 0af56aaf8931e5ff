import { formatDurationSec } from '../duration';
import { GUARDDUTY_CONSOLE_HOME_URL, GUARDDUTY_CONSOLE_URL, PANELS, panelUrl, runbookUrl } from '../links';
import { NOT_SAMPLE } from '../lucene';
import { durationParam, IGNORE_PENTEST_WINDOWS, numberParam, pentestClause } from '../params';
import { countQuery, math, reduce, threshold, type GroupBy } from '../queries';
import { ruleLabels, type RuleDefinition } from './definition';
import { FINDINGS_TIME_FIELD } from './findings';

const DAY_SEC = 86400;
const WEEK_SEC = 7 * DAY_SEC;

/** The name only labels an account's instance: why one bucket is right, see `FINDING_GROUP_BY` in `./findings`. */
const ACCOUNT_GROUP_BY: readonly GroupBy[] = [
  { field: 'account_id', size: 50, missing: 'unknown' },
  { field: 'account_name', size: 1, missing: '-' },
];

/**
 * Every account id in the index, with zero-valued series for accounts that had no matching
 * document in the range. No account name here: with `min_doc_count: 0` a nested name term
 * would be picked among all names of the index, not the account's own.
 */
const EVERY_ACCOUNT: readonly GroupBy[] = [{ field: 'account_id', size: 100, minDocCount: 0, missing: 'unknown' }];

/** Rounds a window down to whole minutes, at least one. */
function minuteInterval(seconds: number): number {
  return Math.max(60, Math.floor(seconds / 60) * 60);
}

/** Rule 6: Backdoor findings over all findings, per account. */
export const backdoorRatioRule: RuleDefinition = {
  uid: 'gdlens-backdoor-ratio',
  group: 'findings',
  params: {
    window: { kind: 'duration', defaultSec: 1800, doc: 'Arrival-time window both counts cover.' },
    threshold: { kind: 'number', default: 0.1, doc: 'Fires when Backdoor findings / all findings is above this ratio.', min: 0 },
    ignorePentestWindows: IGNORE_PENTEST_WINDOWS,
  },
  build(values, settings) {
    const windowSec = durationParam(values, 'window');
    const intervalSec = minuteInterval(windowSec / 6);
    const count = (refId: string, query: string) =>
      countQuery({
        refId,
        datasourceUid: settings.datasources.findingsArrival,
        query,
        timeField: FINDINGS_TIME_FIELD,
        fromSec: windowSec,
        intervalSec,
        groupBy: ACCOUNT_GROUP_BY,
      });
    const dashboard = panelUrl(settings, PANELS.threatsByAccount);
    const runbook = runbookUrl(settings, 'backdoor-ratio');
    return {
      uid: this.uid,
      title: 'Backdoor findings above their usual share',
      condition: 'F',
      data: [
        count('A', `threat_purpose:Backdoor AND ${NOT_SAMPLE}${pentestClause(values, settings.pentestWindows)}`),
        count('B', `${NOT_SAMPLE}${pentestClause(values, settings.pentestWindows)}`),
        reduce('C', 'A', 'sum'),
        reduce('D', 'B', 'sum'),
        // `($D == 0)` is 1 only when there are no findings at all, so the division never divides by zero.
        math('E', '$C / ($D + ($D == 0))'),
        threshold('F', 'E', 'gt', numberParam(values, 'threshold')),
      ],
      for: '0s',
      noDataState: 'OK',
      execErrState: 'Error',
      labels: ruleLabels(settings, 'high', 'finding'),
      annotations: {
        summary: 'Backdoor findings are {{ humanizePercentage $values.E.Value }} of findings in account {{ $labels.account_id }}',
        description: [
          `In account {{ $labels.account_id }} ({{ $labels.account_name }}), {{ $values.C.Value }} of the {{ $values.D.Value }} findings that arrived in the last ${formatDurationSec(windowSec)} are Backdoor findings (ratio {{ $values.E.Value }}, threshold ${numberParam(values, 'threshold')}).`,
          'Backdoor:… findings (bands high and medium) mean a resource talks to a command-and-control server, takes part in a denial of service, or runs a spam or backdoor service: someone else controls it.',
          'Check: which resources the Backdoor findings name, whether they share an image, role or deployment, and isolate them.',
          `Dashboard: ${dashboard}`,
          `AWS console: ${GUARDDUTY_CONSOLE_HOME_URL}`,
          `Runbook: ${runbook}`,
        ].join('\n'),
        runbook_url: runbook,
        dashboard_url: dashboard,
      },
      dashboardUid: PANELS.threatsByAccount.dashboardUid,
      panelId: PANELS.threatsByAccount.panelId,
      isPaused: false,
    };
  },
};

/** Rule 7: more High and Critical findings than the account's usual, and more than a floor. */
export const highVolumeRule: RuleDefinition = {
  uid: 'gdlens-high-findings-above-baseline',
  group: 'trends',
  params: {
    window: { kind: 'duration', defaultSec: 3600, doc: 'Current window; the baseline is made of windows of the same size.' },
    threshold: { kind: 'number', default: 10, doc: 'Floor: the count must be above this, whatever the baseline.', min: 0 },
    k: { kind: 'number', default: 3, doc: 'Standard deviations above the baseline mean the count must exceed.', min: 0 },
    history: { kind: 'duration', defaultSec: WEEK_SEC, doc: 'How far back the baseline windows go, before the current window.' },
    for: { kind: 'duration', defaultSec: 600, doc: 'How long the count must stay above both bounds before the rule fires (Pending until then).' },
    ignorePentestWindows: IGNORE_PENTEST_WINDOWS,
  },
  build(values, settings) {
    const windowSec = durationParam(values, 'window');
    const historySec = durationParam(values, 'history');
    const floor = numberParam(values, 'threshold');
    const k = numberParam(values, 'k');
    const query = `severity:>=7 AND ${NOT_SAMPLE}${pentestClause(values, settings.pentestWindows)}`;
    const dashboard = panelUrl(settings, PANELS.highFindings);
    const runbook = runbookUrl(settings, 'more-high-findings-than-usual');
    return {
      uid: this.uid,
      title: 'More High and Critical findings than usual',
      condition: 'T',
      data: [
        countQuery({
          refId: 'A',
          datasourceUid: settings.datasources.findingsArrival,
          query,
          timeField: FINDINGS_TIME_FIELD,
          fromSec: windowSec,
          intervalSec: minuteInterval(windowSec / 12),
          groupBy: ACCOUNT_GROUP_BY,
        }),
        // The same count in windows of the same size over the history: one bucket per window.
        countQuery({
          refId: 'B',
          datasourceUid: settings.datasources.findingsArrival,
          query,
          timeField: FINDINGS_TIME_FIELD,
          fromSec: historySec + windowSec,
          toSec: windowSec,
          intervalSec: windowSec,
          groupBy: EVERY_ACCOUNT,
        }),
        reduce('C', 'A', 'sum'),
        reduce('M', 'B', 'mean', 'dropNN'),
        math('Q', '$B ** 2'),
        reduce('V', 'Q', 'mean', 'dropNN'),
        // Grafana has no stddev reducer nor sqrt: sqrt(E[x²] − E[x]²); abs() absorbs rounding below zero.
        math('S', 'abs($V - $M ** 2) ** 0.5'),
        math('E', `($C > ${floor}) && ($C > $M + ${k} * $S)`),
        threshold('T', 'E', 'gt', 0),
      ],
      for: formatDurationSec(durationParam(values, 'for')),
      noDataState: 'OK',
      execErrState: 'Error',
      labels: ruleLabels(settings, 'high', 'finding'),
      annotations: {
        summary: '{{ $values.C.Value }} High/Critical findings in account {{ $labels.account_id }}, above its usual volume',
        description: [
          `Account {{ $labels.account_id }} ({{ $labels.account_name }}) received {{ $values.C.Value }} High or Critical findings (band high: severity 7.0–8.9, critical: 9.0–10.0) in the last ${formatDurationSec(windowSec)}.`,
          `Its baseline over the previous ${formatDurationSec(historySec)}: mean {{ humanize $values.M.Value }} per ${formatDurationSec(windowSec)}, standard deviation {{ humanize $values.S.Value }}; the rule needs more than ${floor} and more than mean + ${k}×deviation.`,
          'Check: which finding types make up the rise (Findings by type panel), whether one resource or principal dominates, and whether a deployment, pentest or new integration explains it.',
          `Dashboard: ${dashboard}`,
          `AWS console: ${GUARDDUTY_CONSOLE_HOME_URL}`,
          `Runbook: ${runbook}`,
        ].join('\n'),
        runbook_url: runbook,
        dashboard_url: dashboard,
      },
      dashboardUid: PANELS.highFindings.dashboardUid,
      panelId: PANELS.highFindings.panelId,
      isPaused: false,
    };
  },
};

/** Rule 3: an account and region that had findings this week has (almost) none in the window. */
export const noFindingsRule: RuleDefinition = {
  uid: 'gdlens-no-findings',
  group: 'trends',
  params: {
    window: {
      kind: 'duration',
      defaultSec: 24 * 3600,
      doc: 'Arrival-time window; 24h covers four export cycles at GuardDuty’s default 6h update frequency, so an account with ongoing findings never looks silent, and a quiet one notifies at most once a day.',
    },
    threshold: { kind: 'number', default: 1, doc: 'Fires when fewer than this many finding documents arrived in the window.', min: 1 },
    history: { kind: 'duration', defaultSec: WEEK_SEC, doc: 'Only accounts and regions with findings in this period are watched.' },
    for: { kind: 'duration', defaultSec: 1800, doc: 'How long the silence must last beyond the window before the rule fires.' },
  },
  build(values, settings) {
    const windowSec = durationParam(values, 'window');
    const historySec = durationParam(values, 'history');
    const minimum = numberParam(values, 'threshold');
    const dashboard = panelUrl(settings, PANELS.ingestFreshness);
    const runbook = runbookUrl(settings, 'no-guardduty-data');
    return {
      uid: this.uid,
      title: 'No GuardDuty findings from an account and region',
      condition: 'F',
      data: [
        // Every account and region of the index, zero-filled: a silent pair keeps its series.
        countQuery({
          refId: 'A',
          datasourceUid: settings.datasources.findingsArrival,
          query: NOT_SAMPLE,
          timeField: FINDINGS_TIME_FIELD,
          fromSec: windowSec,
          intervalSec: windowSec,
          groupBy: [...EVERY_ACCOUNT, { field: 'region', size: 50, minDocCount: 0, missing: 'unknown' }],
        }),
        // The pairs worth watching: those with findings in the history.
        countQuery({
          refId: 'B',
          datasourceUid: settings.datasources.findingsArrival,
          query: NOT_SAMPLE,
          timeField: FINDINGS_TIME_FIELD,
          fromSec: historySec,
          intervalSec: DAY_SEC,
          groupBy: [...ACCOUNT_GROUP_BY.slice(0, 1), { field: 'account_name', size: 1, missing: '-' }, { field: 'region', size: 50, missing: 'unknown' }],
        }),
        reduce('C', 'A', 'sum'),
        reduce('D', 'B', 'sum'),
        // Label join: only pairs present in D (had findings) survive.
        math('E', `($C < ${minimum}) && ($D > 0)`),
        threshold('F', 'E', 'gt', 0),
      ],
      for: formatDurationSec(durationParam(values, 'for')),
      // An empty or missing index is the worst case of "no data": it alerts.
      noDataState: 'Alerting',
      execErrState: 'Error',
      labels: ruleLabels(settings, 'warning', 'freshness'),
      annotations: {
        summary: 'No GuardDuty findings from account {{ $labels.account_id }} in {{ $labels.region }} for ' + formatDurationSec(windowSec),
        description: [
          `Account {{ $labels.account_id }} ({{ $labels.account_name }}), region {{ $labels.region }}, had findings in the last ${formatDurationSec(historySec)} but fewer than ${minimum} arrived in the last ${formatDurationSec(windowSec)} ({{ $values.C.Value }}).`,
          'Either the account is quiet (GuardDuty exports only new findings and updates to active ones, updates every 15 min, 1 h or 6 h), or its detector, export or our pipeline stopped. If the "gdlens worker heartbeat stale" alert fires too, the pipeline is broken; otherwise check the account.',
          'Check: the detector status and export destination in the GuardDuty console for that region, the export bucket for new objects under AWSLogs/<account>/GuardDuty/<region>/, and the GuardDuty integrity alerts.',
          `Dashboard: ${dashboard}`,
          `AWS console: ${GUARDDUTY_CONSOLE_URL}`,
          `Runbook: ${runbook}`,
        ].join('\n'),
        runbook_url: runbook,
        dashboard_url: dashboard,
        console_url: GUARDDUTY_CONSOLE_URL,
      },
      dashboardUid: PANELS.ingestFreshness.dashboardUid,
      panelId: PANELS.ingestFreshness.panelId,
      isPaused: false,
    };
  },
};

/** Rule 3b: the worker stopped writing heartbeats: the pipeline is broken, not GuardDuty quiet. */
export const heartbeatRule: RuleDefinition = {
  uid: 'gdlens-worker-heartbeat-stale',
  group: 'trends',
  params: {
    window: { kind: 'duration', defaultSec: 900, doc: 'How far back a heartbeat is looked for; a running worker (gdlens ingest) rewrites its heartbeat every 30 seconds.' },
    threshold: { kind: 'number', default: 1, doc: 'Fires when fewer than this many heartbeats were written in the window.', min: 1 },
    for: { kind: 'duration', defaultSec: 300, doc: 'How long heartbeats must stay missing before the rule fires.' },
  },
  build(values, settings) {
    const windowSec = durationParam(values, 'window');
    const dashboard = panelUrl(settings, PANELS.workerHeartbeat);
    const runbook = runbookUrl(settings, 'worker-heartbeat-stale');
    return {
      uid: this.uid,
      title: 'gdlens worker heartbeat stale',
      condition: 'C',
      data: [
        countQuery({
          refId: 'A',
          datasourceUid: settings.datasources.pipeline,
          query: 'status:running',
          timeField: '@timestamp',
          fromSec: windowSec,
          intervalSec: 60,
          groupBy: [],
        }),
        reduce('B', 'A', 'sum'),
        threshold('C', 'B', 'lt', numberParam(values, 'threshold')),
      ],
      for: formatDurationSec(durationParam(values, 'for')),
      // No heartbeat index at all means no worker ever wrote: alert.
      noDataState: 'Alerting',
      execErrState: 'Error',
      labels: ruleLabels(settings, 'high', 'pipeline'),
      annotations: {
        summary: `The gdlens worker wrote no heartbeat for ${formatDurationSec(windowSec)}`,
        description: [
          `The gdlens worker wrote {{ $values.B.Value }} heartbeats in the last ${formatDurationSec(windowSec)}: it is stopped, stuck, or cannot write to OpenSearch. Findings and CloudTrail events are not arriving, so every other gdlens alert is blind until it recovers.`,
          'Check: the worker process or container and its logs, its AWS credentials (S3/SQS access), and OpenSearch health and disk watermarks.',
          `Dashboard: ${dashboard}`,
          `Runbook: ${runbook}`,
        ].join('\n'),
        runbook_url: runbook,
        dashboard_url: dashboard,
      },
      dashboardUid: PANELS.workerHeartbeat.dashboardUid,
      panelId: PANELS.workerHeartbeat.panelId,
      isPaused: false,
    };
  },
};
