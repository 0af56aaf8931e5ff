import { DashboardsError } from './errors';
import { DATA_SOURCES, dataSourceRef, type DataSourceKey } from './datasources';
import { aggField } from './fields';
import { EXCLUDE_ARCHIVED, EXCLUDE_SAMPLE, MATCH_ALL, type FilterField } from './filters';
import { OPENSEARCH_PLUGIN_ID, type Variable } from './model/grafana';

/** The "All" selection of a multi-value variable. */
const ALL_SELECTED = { text: ['All'], value: ['$__all'], selected: true };

/** Values a terms lookup returns for a filter variable; more than this many accounts needs typing. */
export const VARIABLE_TERMS_SIZE = 500;

/** A data source picker limited to OpenSearch, preset to the provisioned uid. */
export function dataSourceVariable(key: DataSourceKey): Variable {
  const spec = DATA_SOURCES.find((d) => d.key === key);
  if (spec?.variable === undefined) throw new DashboardsError(`data source ${key} has no variable`, { key });
  return {
    type: 'datasource',
    name: spec.variable,
    label: `${spec.name} data source`,
    description: spec.description,
    query: OPENSEARCH_PLUGIN_ID,
    regex: '',
    current: { text: spec.name, value: spec.uid, selected: true },
    options: [],
    hide: 0,
    refresh: 1,
  };
}

const FILTER_LABELS: Record<FilterField, string> = {
  account_id: 'Account',
  region: 'Region',
  severity_label: 'Severity',
  threat_purpose: 'Threat purpose',
  resource_type_affected: 'Resource type',
};

/**
 * A multi-value filter whose options are the field's values in the findings index. "All" is `*`,
 * which Grafana inserts without escaping; a query `field:*` matches every finding that has the
 * field (every mapped finding has these five).
 */
export function filterVariable(field: FilterField): Variable {
  return termsVariable(field, FILTER_LABELS[field], `Filters every finding panel on ${field}; values come from the findings index`, 'findings');
}

/** A multi-value filter named after a keyword field, whose options are that field's values in one index. */
function termsVariable(field: string, label: string, description: string, source: DataSourceKey): Variable {
  const query = JSON.stringify({ find: 'terms', field: aggField(field), size: VARIABLE_TERMS_SIZE });
  return {
    type: 'query',
    name: field,
    label,
    description,
    query,
    definition: query,
    datasource: dataSourceRef(source),
    current: ALL_SELECTED,
    options: [],
    multi: true,
    includeAll: true,
    allValue: MATCH_ALL,
    refresh: 2,
    sort: 1,
    hide: 0,
  };
}

/** Severity is a closed list, so it needs no lookup and keeps the bands in severity order. */
export function severityVariable(): Variable {
  const bands = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];
  return {
    type: 'custom',
    name: 'severity_label',
    label: FILTER_LABELS.severity_label,
    description: 'GuardDuty severity band: Critical 9.0-10.0, High 7.0-8.9, Medium 4.0-6.9, Low 1.0-3.9',
    query: bands.join(','),
    current: ALL_SELECTED,
    options: bands.map((band) => ({ text: band, value: band, selected: false })),
    multi: true,
    includeAll: true,
    allValue: MATCH_ALL,
    hide: 0,
  };
}

function toggleVariable(name: 'sample' | 'archived', label: string, excludeClause: string, description: string): Variable {
  return {
    type: 'custom',
    name,
    label,
    description,
    query: `no : ${excludeClause},yes : ${MATCH_ALL}`,
    current: { text: 'no', value: excludeClause, selected: true },
    options: [
      { text: 'no', value: excludeClause, selected: true },
      { text: 'yes', value: MATCH_ALL, selected: false },
    ],
    multi: false,
    includeAll: false,
    hide: 0,
  };
}

/** Sample findings (`[SAMPLE]`, generated from the console) are left out unless asked for. */
export function sampleVariable(): Variable {
  return toggleVariable('sample', 'Include sample findings', EXCLUDE_SAMPLE, 'GuardDuty sample findings (additionalInfo.sample) are excluded by default');
}

/** Archived findings are left out by default so counts match the console's active view. */
export function archivedVariable(): Variable {
  return toggleVariable('archived', 'Include archived findings', EXCLUDE_ARCHIVED, 'Archived findings are excluded by default, as in the GuardDuty console');
}

/** The bucket GuardDuty exports findings to; `*` watches every bucket. */
export function findingsBucketVariable(): Variable {
  return {
    type: 'textbox',
    name: 'findings_bucket',
    label: 'Findings bucket',
    description: 'Name of the S3 bucket GuardDuty exports findings to; * watches policy, ACL and logging changes on every bucket',
    query: MATCH_ALL,
    current: { text: MATCH_ALL, value: MATCH_ALL },
    options: [{ text: MATCH_ALL, value: MATCH_ALL, selected: true }],
    hide: 0,
  };
}

/**
 * The environment a lifecycle tag names (`env` on tags). Findings carry no environment, so it
 * filters only the tag annotations and the tag impact table; values come from the tags index.
 */
export function tagEnvVariable(): Variable {
  return termsVariable('env', 'Environment', 'Filters the lifecycle tag annotations and the tag impact table on the environment each tag names; values come from the tags index', 'tags');
}

/** Every filter a findings dashboard carries, after its data source pickers. */
export function findingFilterVariables(): Variable[] {
  return [
    filterVariable('account_id'),
    filterVariable('region'),
    severityVariable(),
    filterVariable('threat_purpose'),
    filterVariable('resource_type_affected'),
    sampleVariable(),
    archivedVariable(),
  ];
}
