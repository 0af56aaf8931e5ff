import { dataSourceRef } from '../datasources';
import { bandClause, findingDefaultQuery, findingQuery, guardDutyChangesQuery, type Band } from '../filters';
import type { AnnotationQuery } from '../model/grafana';
import { barGaugePanel, pieChartPanel, statPanel, timeSeriesPanel, type PanelSpec } from '../panels';
import { countByTerm, countOverTime, sumOverTime } from '../targets';
import { dataSourceVariable, findingFilterVariables, tagEnvVariable } from '../variables';
import type { DashboardSpec } from './assemble';
import { FILTERS, OCCURRENCES, UNIQUE_FINDINGS } from './descriptions';
import { TAG_ANNOTATION, tagImpactPanel } from './tags';

export const OVERVIEW_UID = 'gdlens-overview';

const BAND_COLORS: Record<Band, string> = { Critical: 'dark-red', High: 'red', Medium: 'orange', Low: 'blue' };

function bandCount(band: Band): PanelSpec {
  const restriction = bandClause([band]);
  return statPanel({
    view: 'counts-by-band',
    title: `${band} findings`,
    description: `${band} findings (severity_label:${band}). ${UNIQUE_FINDINGS} ${FILTERS}`,
    width: 6,
    height: 4,
    color: BAND_COLORS[band],
    targets: [countOverTime({ refId: 'A', source: 'findings', query: findingQuery(restriction) })],
    explore: { source: 'findings', query: findingDefaultQuery(restriction) },
  });
}

/** The trend panels: all findings, then Critical, High and Medium, as separate aliased series. */
const TREND_SERIES: ReadonlyArray<{ readonly refId: string; readonly alias: string; readonly restriction?: string }> = [
  { refId: 'A', alias: 'All' },
  { refId: 'B', alias: 'Critical', restriction: bandClause(['Critical']) },
  { refId: 'C', alias: 'High', restriction: bandClause(['High']) },
  { refId: 'D', alias: 'Medium', restriction: bandClause(['Medium']) },
];

function purposes(band: Band): PanelSpec {
  const restriction = bandClause([band]);
  return pieChartPanel({
    view: 'purposes',
    title: `Threat purposes: ${band}`,
    description: `${band} findings per threat purpose (the part of the finding type before ':'), top 20. ${UNIQUE_FINDINGS} ${FILTERS}`,
    width: 12,
    height: 9,
    targets: [countByTerm({ refId: 'A', source: 'findings', query: findingQuery(restriction), term: { field: 'threat_purpose', size: 20 } })],
    explore: { source: 'findings', query: findingDefaultQuery(restriction) },
  });
}

function regions(band: Band): PanelSpec {
  const restriction = bandClause([band]);
  return barGaugePanel({
    view: 'regions',
    title: `Regions: ${band}`,
    description: `${band} findings per AWS region, top 30. ${UNIQUE_FINDINGS} ${FILTERS}`,
    width: 12,
    height: 8,
    color: BAND_COLORS[band],
    targets: [countByTerm({ refId: 'A', source: 'findings', query: findingQuery(restriction), term: { field: 'region', size: 30 } })],
    explore: { source: 'findings', query: findingDefaultQuery(restriction) },
  });
}

/** Changes to GuardDuty drawn on every time axis of the overview (bucket changes: the integrity view). */
const INTEGRITY_ANNOTATION: AnnotationQuery = {
  name: 'GuardDuty integrity events',
  enable: true,
  hide: false,
  iconColor: 'red',
  datasource: dataSourceRef('cloudtrail'),
  target: { refId: 'annotation_query', query: guardDutyChangesQuery() },
  timeField: '@timestamp',
  textField: 'eventName',
  tagsField: 'user_arn',
};

/** Counts by band, trends (with lifecycle tags), purposes, regions and tag impact: the first screen a security team opens. */
export function overviewDashboard(): DashboardSpec {
  return {
    uid: OVERVIEW_UID,
    title: 'GuardDuty overview',
    description: 'GuardDuty findings by severity band, over time, by threat purpose and by region',
    time: { from: 'now-7d', to: 'now' },
    variables: [
      dataSourceVariable('findings'),
      dataSourceVariable('occurrences'),
      dataSourceVariable('cloudtrail'),
      dataSourceVariable('tags'),
      dataSourceVariable('tagImpact'),
      ...findingFilterVariables(),
      tagEnvVariable(),
    ],
    annotations: [INTEGRITY_ANNOTATION, TAG_ANNOTATION],
    panels: [
      bandCount('Critical'),
      bandCount('High'),
      bandCount('Medium'),
      bandCount('Low'),
      timeSeriesPanel({
        view: 'trends',
        title: 'New occurrences',
        description: `New occurrences per time bucket: all findings and Critical, High, Medium. ${OCCURRENCES} ${FILTERS}`,
        width: 12,
        height: 9,
        targets: TREND_SERIES.map((s) =>
          sumOverTime({ refId: s.refId, alias: s.alias, source: 'occurrences', field: 'count_delta', query: findingQuery(s.restriction) }),
        ),
        explore: { source: 'occurrences', query: findingDefaultQuery() },
      }),
      timeSeriesPanel({
        view: 'trends',
        title: 'Findings updated',
        description: `Findings whose latest update falls in each time bucket: all findings and Critical, High, Medium. ${UNIQUE_FINDINGS} ${FILTERS}`,
        width: 12,
        height: 9,
        targets: TREND_SERIES.map((s) => countOverTime({ refId: s.refId, alias: s.alias, source: 'findings', query: findingQuery(s.restriction) })),
        explore: { source: 'findings', query: findingDefaultQuery() },
      }),
      purposes('High'),
      purposes('Medium'),
      regions('High'),
      regions('Medium'),
      tagImpactPanel(),
    ],
  };
}
