import { dataSource, dataSourceRef, type DataSourceKey } from './datasources';
import type { DashboardLink } from './model/grafana';
import { rawData } from './targets';

/** Tag every gdlens dashboard carries; the dashboards link to each other through it. */
export const GDLENS_TAG = 'gdlens';

/** The link bar on every dashboard: the other gdlens dashboards, keeping time and variables. */
export function dashboardLinks(): DashboardLink[] {
  return [
    {
      title: 'gdlens dashboards',
      type: 'dashboards',
      icon: 'external link',
      tooltip: 'Other gdlens dashboards (keeps the time range and filters)',
      tags: [GDLENS_TAG],
      asDropdown: false,
      targetBlank: false,
      includeVars: true,
      keepTime: true,
    },
  ];
}

/** A link to another dashboard by uid, keeping time and variables. */
export function dashboardLink(title: string, uid: string, tooltip: string): DashboardLink {
  return {
    title,
    type: 'link',
    icon: 'dashboard',
    tooltip,
    url: `/d/${uid}`,
    tags: [],
    asDropdown: false,
    targetBlank: false,
    includeVars: true,
    keepTime: true,
  };
}

/**
 * An Explore URL showing the matching documents of a panel. The JSON is percent-encoded except
 * for `${...}` placeholders (data source variable, time range), which Grafana interpolates when
 * the link is clicked; those values are uids and epoch milliseconds, safe inside JSON.
 */
export function exploreUrl(source: DataSourceKey, query: string): string {
  const ref = dataSourceRef(source);
  const pane = {
    datasource: ref.uid,
    queries: [rawData({ refId: 'A', source, query, size: 500 })],
    range: { from: '${__from}', to: '${__to}' },
  };
  const encoded = encodeURIComponent(JSON.stringify({ gdlens: pane }));
  return `/explore?schemaVersion=1&orgId=\${__org}&panes=${encoded.replace(/%24%7B([A-Za-z0-9_]+)%7D/g, '$${$1}')}`;
}

/** A panel link to Explore with the panel's own filter (variables at their defaults; see filters.ts). */
export function exploreLink(source: DataSourceKey, query: string): DashboardLink {
  return {
    title: `Explore these ${dataSource(source).name} documents`,
    type: 'link',
    icon: 'compass',
    tooltip: "Opens Explore on the panel's data source with the panel's filter and time range (dashboard filters at their defaults)",
    url: exploreUrl(source, query),
    tags: [],
    asDropdown: false,
    targetBlank: true,
    includeVars: false,
    keepTime: false,
  };
}

/** The AWS console page of the finding in the clicked row (its region and id columns). */
export const CONSOLE_FINDING_URL =
  'https://console.aws.amazon.com/guardduty/home?region=${__data.fields.region}#/findings?search=id%3D${__data.fields.finding_id}';
