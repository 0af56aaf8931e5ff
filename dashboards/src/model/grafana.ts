/**
 * The subset of Grafana's classic dashboard JSON model that gdlens writes. Kept deliberately
 * narrower than Grafana's own types: everything here is validated against the dashboard JSON
 * Schema in the tests, so a field we do not model cannot slip in by accident.
 */

/** The only data source plugin the gdlens dashboards query. */
export const OPENSEARCH_PLUGIN_ID = 'grafana-opensearch-datasource';

export interface DataSourceRef {
  type: string;
  uid: string;
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardLink {
  title: string;
  type: 'link' | 'dashboards';
  icon: string;
  tooltip: string;
  url?: string;
  tags: string[];
  asDropdown: boolean;
  targetBlank: boolean;
  includeVars: boolean;
  keepTime: boolean;
}

export interface Threshold {
  color: string;
  value: number | null;
}

export interface FieldConfig {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  displayName?: string;
  noValue?: string;
  links?: DashboardLink[];
  mappings?: ValueMapping[];
  color?: { mode: string; fixedColor?: string };
  thresholds?: { mode: 'absolute' | 'percentage'; steps: Threshold[] };
  custom?: Record<string, unknown>;
}

/**
 * A field override. The dashboard schema types matcher options and property values as objects,
 * so gdlens uses only object-valued forms (`byNames`, colors, cell options) and puts units,
 * links and mappings in the defaults.
 */
export interface FieldOverride {
  matcher: { id: 'byNames'; options: { mode: 'include'; names: string[] } };
  properties: { id: string; value: Record<string, unknown> }[];
}

export interface ValueMapping {
  type: 'value';
  options: Record<string, { color?: string; text?: string; index: number }>;
}

export interface Transformation {
  id: string;
  options: Record<string, unknown>;
}

/** A Lucene target of the OpenSearch data source, as its query editor saves it. */
export interface OpenSearchTarget {
  refId: string;
  datasource: DataSourceRef;
  queryType: 'lucene';
  luceneQueryType: 'Metric' | 'RawData';
  query: string;
  alias: string;
  metrics: MetricAgg[];
  bucketAggs: BucketAgg[];
  timeField: string;
  hide?: boolean;
}

export type MetricAgg =
  | { id: string; type: 'count' }
  | { id: string; type: 'sum' | 'max' | 'min' | 'avg' | 'cardinality'; field: string }
  | { id: string; type: 'raw_data'; settings: { size: string; order: 'desc' | 'asc' } };

export type BucketAgg =
  | {
      id: string;
      type: 'terms';
      field: string;
      settings: { size: string; order: 'desc' | 'asc'; orderBy: string; min_doc_count: string; missing?: string };
    }
  | {
      id: string;
      type: 'date_histogram';
      field: string;
      settings: { interval: string; min_doc_count: string; trimEdges: string };
    };

export type PanelType = 'stat' | 'timeseries' | 'table' | 'bargauge' | 'piechart' | 'text';

export interface Panel {
  id: number;
  type: PanelType;
  title: string;
  description: string;
  gridPos: GridPos;
  datasource?: DataSourceRef;
  targets?: OpenSearchTarget[];
  /** Lower bound for `$__interval`: keeps date histograms under `search.max_buckets`. */
  interval?: string;
  maxDataPoints?: number;
  links?: DashboardLink[];
  transformations?: Transformation[];
  options: Record<string, unknown>;
  fieldConfig: { defaults: FieldConfig; overrides: FieldOverride[] };
}

export interface RowPanel {
  id: number;
  type: 'row';
  title: string;
  collapsed: boolean;
  gridPos: GridPos;
  panels: Panel[];
}

export interface VariableOption {
  text: string | string[];
  value: string | string[];
  selected?: boolean;
}

export interface Variable {
  type: 'datasource' | 'query' | 'custom' | 'textbox';
  name: string;
  label: string;
  description: string;
  hide?: 0 | 1 | 2;
  query: string;
  datasource?: DataSourceRef;
  current: VariableOption;
  options: VariableOption[];
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  refresh?: 0 | 1 | 2;
  sort?: number;
  regex?: string;
  definition?: string;
}

export interface AnnotationQuery {
  name: string;
  enable: boolean;
  hide?: boolean;
  iconColor: string;
  builtIn?: number;
  type?: string;
  datasource: DataSourceRef;
  target?: Record<string, unknown>;
  /** OpenSearch data source keys the dashboard schema does not list. */
  timeField?: string;
  /** Turns each event into a region from `timeField` to this field (when the document has it). */
  timeEndField?: string;
  textField?: string;
  tagsField?: string;
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: string;
  editable: boolean;
  graphTooltip: 0 | 1 | 2;
  time: { from: string; to: string };
  timepicker: { refresh_intervals: string[] };
  refresh: string;
  schemaVersion: number;
  version: number;
  links: DashboardLink[];
  annotations: { list: AnnotationQuery[] };
  templating: { list: Variable[] };
  panels: (Panel | RowPanel)[];
}

/** An entry of `__inputs` in the import form: Grafana asks the user to pick one data source per entry. */
export interface ImportInput {
  name: string;
  label: string;
  description: string;
  type: 'datasource';
  pluginId: string;
  pluginName: string;
}

/** An entry of `__requires` in the import form. */
export interface ImportRequirement {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

export interface ImportDashboard extends Dashboard {
  __inputs: ImportInput[];
  __requires: ImportRequirement[];
}
