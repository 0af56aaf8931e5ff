/** The views of the GuardDuty picture the dashboards must show; the manifest maps each to panels. */
export const VIEWS = [
  { id: 'counts-by-band', title: 'Counts by band: Critical, High, Medium (and Low)' },
  { id: 'types-per-purpose', title: 'Finding types per threat purpose' },
  { id: 'resource-types', title: 'Affected resource types, High/Medium/Critical' },
  { id: 'accounts', title: 'Threats by account, High/Medium/Critical, with account names' },
  { id: 'purposes', title: 'Purpose distribution, High and Medium side by side' },
  { id: 'trends', title: 'Trend lines: new occurrences and findings updated, all and per band' },
  { id: 'regions', title: 'Distribution by region, High and Medium' },
  { id: 'security-groups', title: 'Threats by security group' },
  { id: 'integrity', title: 'GuardDuty integrity: CloudTrail events that disable or alter GuardDuty or touch its findings bucket' },
  { id: 'pipeline-health', title: 'Pipeline health: heartbeat freshness, dead letters, ingest lag' },
  { id: 'findings-detail', title: 'Findings detail with console links' },
  { id: 'tag-impact', title: 'Lifecycle tags: new-occurrence rates before and after each tag, by band and by purpose' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** Where a view is shown: dashboard uid and panel ids. */
export interface ManifestEntry {
  readonly view: ViewId;
  readonly title: string;
  readonly panels: ReadonlyArray<{ readonly dashboardUid: string; readonly panelId: number; readonly panelTitle: string }>;
}
