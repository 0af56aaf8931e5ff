import type { AlertSettings } from './settings';

/** A dashboard panel a rule points at (Grafana adds it to notifications as `__dashboardUid__`/`__panelId__`). */
export interface PanelLink {
  dashboardUid: string;
  panelId: number;
}

/**
 * Panels the rules link to. The uids and panel ids come from the dashboards generator
 * (`dashboards/`); keep them in step when it changes a dashboard's layout.
 */
export const PANELS = {
  findingsBySeverity: { dashboardUid: 'gdlens-findings', panelId: 2 },
  findingsByType: { dashboardUid: 'gdlens-findings', panelId: 4 },
  findingsFreshness: { dashboardUid: 'gdlens-pipeline', panelId: 1 },
  guardDutyIntegrity: { dashboardUid: 'gdlens-integrity', panelId: 1 },
  exportIntegrity: { dashboardUid: 'gdlens-integrity', panelId: 2 },
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
