import type { AlertSettings } from './settings';

/** A dashboard panel a rule points at (Grafana adds it to notifications as `__dashboardUid__`/`__panelId__`). */
export interface PanelLink {
  dashboardUid: string;
  panelId: number;
}

/**
 * Panels the rules link to. The uids and panel ids come from the dashboards generator
 * (`dashboards/import/*.json`, `dashboards/manifest.json`); a unit test checks each one exists.
 */
export const PANELS = {
  criticalFindings: { dashboardUid: 'gdlens-overview', panelId: 1 },
  highFindings: { dashboardUid: 'gdlens-overview', panelId: 2 },
  findingsByType: { dashboardUid: 'gdlens-threats', panelId: 1 },
  threatsByAccount: { dashboardUid: 'gdlens-threats', panelId: 3 },
  workerHeartbeat: { dashboardUid: 'gdlens-pipeline-health', panelId: 1 },
  ingestFreshness: { dashboardUid: 'gdlens-pipeline-health', panelId: 4 },
  integrityEvents: { dashboardUid: 'gdlens-integrity', panelId: 1 },
  whoChangedGuardDuty: { dashboardUid: 'gdlens-integrity', panelId: 2 },
} as const satisfies Record<string, PanelLink>;

/** `…/d/<uid>?viewPanel=<id>`, relative to the Grafana root unless `grafanaUrl` is set. */
export function panelUrl(settings: AlertSettings, panel: PanelLink): string {
  return `${settings.grafanaUrl.replace(/\/$/, '')}/d/${panel.dashboardUid}?viewPanel=${panel.panelId}`;
}

/** A section of `docs/runbook.md`; anchors are the section titles as GitHub renders them. */
export function runbookUrl(settings: AlertSettings, anchor: string): string {
  return `${settings.runbookUrl}#${anchor}`;
}

/** GuardDuty's findings page for the instance's region (the reader signs in to the labelled account). */
export const GUARDDUTY_CONSOLE_URL =
  'https://{{ $labels.region }}.console.aws.amazon.com/guardduty/home?region={{ $labels.region }}#/findings?macros=current';

/** CloudTrail event history for the instance's region, filtered on the event name. */
export const CLOUDTRAIL_CONSOLE_URL =
  'https://{{ $labels.region }}.console.aws.amazon.com/cloudtrailv2/home?region={{ $labels.region }}#/events?EventName={{ $labels.eventName }}';

/** GuardDuty's findings page without a region, for per-account rules (the console opens the last region used). */
export const GUARDDUTY_CONSOLE_HOME_URL = 'https://console.aws.amazon.com/guardduty/home#/findings?macros=current';
