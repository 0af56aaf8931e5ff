/**
 * Where the rules point: data source uids, folder, links. Everything a deployment may need to
 * change without touching a rule's logic.
 */
export interface AlertSettings {
  orgId: number;
  /** Folder title (file provisioning) and uid (HTTP API). */
  folderTitle: string;
  folderUid: string;
  datasources: {
    /** Findings index, time field `ingested_at`: rules alert on arrival, not on `updatedAt`. */
    findingsArrival: string;
    /** CloudTrail index, time field `ingested_at`: CloudTrail delivers 5–15 minutes after `eventTime`. */
    cloudTrailArrival: string;
    /** The worker's heartbeat index, time field `@timestamp`. */
    pipeline: string;
  };
  /** Base URL of the Grafana the rules run in, for dashboard links; empty gives site-relative links. */
  grafanaUrl: string;
  /** Where `docs/runbook.md` is published; section anchors are appended. */
  runbookUrl: string;
  /** The team label every rule carries and the notification route matches. */
  team: string;
  /** Contact point receiving gdlens alerts. */
  contactPointName: string;
  /** Webhook URL; `${GDLENS_WEBHOOK_URL}` is expanded by Grafana when it reads the file. */
  webhookUrl: string;
  /**
   * Declared pentest windows (pentest tags with an account and an end). Rules whose
   * `ignorePentestWindows` parameter is 1 leave out findings of those accounts whose event time
   * falls inside; `gdlens grafana import` and `gdlens backtest` read them from the tags index.
   */
  pentestWindows?: readonly PentestWindow[];
}

/** One account's pentest window, ISO 8601 UTC, both ends included. */
export interface PentestWindow {
  readonly accountId: string;
  readonly from: string;
  readonly to: string;
}

/** Data source uids shared with `provisioning/datasources/` (owned by the dashboards engineer). */
export const DATASOURCE_UIDS = {
  findings: 'gdlens-findings',
  findingsArrival: 'gdlens-findings-arrival',
  occurrences: 'gdlens-occurrences',
  cloudTrail: 'gdlens-cloudtrail',
  cloudTrailArrival: 'gdlens-cloudtrail-arrival',
  pipeline: 'gdlens-pipeline',
} as const;

export const DEFAULT_SETTINGS: AlertSettings = {
  orgId: 1,
  folderTitle: 'gdlens',
  folderUid: 'gdlens',
  datasources: {
    findingsArrival: DATASOURCE_UIDS.findingsArrival,
    cloudTrailArrival: DATASOURCE_UIDS.cloudTrailArrival,
    pipeline: DATASOURCE_UIDS.pipeline,
  },
  grafanaUrl: '',
  runbookUrl: 'docs/runbook.md',
  team: 'gdlens',
  contactPointName: 'gdlens-webhook',
  webhookUrl: '${GDLENS_WEBHOOK_URL}',
};
