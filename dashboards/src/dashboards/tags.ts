import { dataSourceRef } from '../datasources';
import { tagQuery } from '../filters';
import type { AnnotationQuery } from '../model/grafana';
import { tablePanel, type PanelSpec } from '../panels';
import { rawData } from '../targets';

/**
 * Deploys, releases, campaigns and pentest windows (`gdlens tag`) on every time axis. A tag with
 * an `end` is drawn as a region; the text is the tag's one-line summary, the tags its kind,
 * service, environment and account.
 */
export const TAG_ANNOTATION: AnnotationQuery = {
  name: 'Lifecycle tags',
  enable: true,
  hide: false,
  iconColor: 'purple',
  datasource: dataSourceRef('tags'),
  target: { refId: 'annotation_query', query: tagQuery() },
  timeField: '@timestamp',
  timeEndField: 'end',
  textField: 'text',
  tagsField: 'tags',
};

/** Rows shown: the impact rows of the newest tags in the range. */
export const TAG_IMPACT_ROWS = 500;

/** Columns, in display order, with the names people read. */
export const TAG_IMPACT_COLUMNS: ReadonlyArray<readonly [field: string, label: string]> = [
  ['@timestamp', 'Tag start'],
  ['tag_kind', 'Kind'],
  ['tag_name', 'Tag'],
  ['service', 'Service'],
  ['env', 'Env'],
  ['account_id', 'Account'],
  ['window', 'Window'],
  ['dimension', 'By'],
  ['value', 'Value'],
  ['before_per_hour', 'Before /h'],
  ['after_per_hour', 'After /h'],
  ['change_per_hour', 'Change /h'],
  ['partial', 'Partial'],
];

/** The "Tag impact" table: one row per tag, window and band or purpose, from `gdlens tag impact`. */
export function tagImpactPanel(): PanelSpec {
  return tablePanel({
    view: 'tag-impact',
    title: 'Tag impact',
    description:
      'New occurrences per hour (Σ count_delta by event time, sample and archived findings excluded) in the window before each tag and in the window of the same length from its start, overall ("all"), per band and per threat purpose, in the tag\'s account or in every account when the tag names none. Written by `gdlens tag impact`; "Partial" means the after-window had not ended when it was computed (its rate is over the hours elapsed). Time field: @timestamp, the tag start; window: the dashboard time range. Filtered by the account and environment variables.',
    width: 24,
    height: 10,
    targets: [rawData({ refId: 'A', source: 'tagImpact', query: tagQuery(), size: TAG_IMPACT_ROWS })],
    transformations: [
      { id: 'filterFieldsByName', options: { include: { names: TAG_IMPACT_COLUMNS.map(([field]) => field) } } },
      {
        id: 'organize',
        options: {
          excludeByName: {},
          indexByName: Object.fromEntries(TAG_IMPACT_COLUMNS.map(([field], index) => [field, index])),
          renameByName: Object.fromEntries(TAG_IMPACT_COLUMNS),
        },
      },
    ],
    // The rates are the only numbers in the table.
    defaults: { decimals: 2 },
    sortBy: 'Tag start',
    explore: { source: 'tagImpact', query: '*' },
  });
}
