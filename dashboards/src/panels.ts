/**
 * Stock panel builders. Options carry every key the panel's JSON Schema requires, so the
 * generated JSON validates against the schemas from the foundation SDK (checked in tests).
 */
import type { DataSourceKey } from './datasources';
import { exploreLink } from './links';
import type { DashboardLink, FieldConfig, FieldOverride, OpenSearchTarget, PanelType, Transformation } from './model/grafana';
import type { ViewId } from './views';

/** A panel before layout: the dashboard assigns ids and grid positions. */
export interface PanelSpec {
  readonly view: ViewId;
  readonly type: PanelType;
  readonly title: string;
  /** What it counts (unique findings or occurrences), on which time field, over which window. */
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly targets: OpenSearchTarget[];
  readonly interval?: string;
  readonly options: Record<string, unknown>;
  readonly fieldConfig: { defaults: FieldConfig; overrides: FieldOverride[] };
  readonly transformations?: Transformation[];
  readonly links: DashboardLink[];
}

interface Common {
  readonly view: ViewId;
  readonly title: string;
  readonly description: string;
  readonly width: number;
  readonly height: number;
  readonly targets: OpenSearchTarget[];
  /** Explore link: the data source and the panel's own filter. */
  readonly explore?: { readonly source: DataSourceKey; readonly query: string };
  readonly extraLinks?: DashboardLink[];
}

/**
 * Lower bound for `$__interval` on histogram panels. At 90 days Grafana's own auto interval
 * (range / max data points) is already ≥ 1h; the floor matters for short ranges, where 1m
 * keeps a 24h chart at 1440 buckets per series.
 */
export const MIN_INTERVAL = '1m';

const SEVERITY_COLORS = { Critical: 'dark-red', High: 'red', Medium: 'orange', Low: 'blue', Unknown: 'text' } as const;

function links(common: Common): DashboardLink[] {
  const explore = common.explore === undefined ? [] : [exploreLink(common.explore.source, common.explore.query)];
  return [...explore, ...(common.extraLinks ?? [])];
}

function base(common: Common, type: PanelType): Omit<PanelSpec, 'options' | 'fieldConfig'> {
  return {
    view: common.view,
    type,
    title: common.title,
    description: common.description,
    width: common.width,
    height: common.height,
    targets: common.targets,
    links: links(common),
  };
}

/** Color overrides so a band is drawn in the same color on every panel. */
export function severityColorOverrides(): FieldOverride[] {
  return Object.entries(SEVERITY_COLORS).map(([band, color]) => ({
    matcher: { id: 'byNames', options: { mode: 'include', names: [band] } },
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }],
  }));
}

/** One number: by default the sum of the panel's histogram buckets over the time range. */
export function statPanel(
  common: Common & { readonly color?: string; readonly unit?: string; readonly reduce?: 'sum' | 'lastNotNull'; readonly transformations?: Transformation[] },
): PanelSpec {
  return {
    ...base(common, 'stat'),
    interval: MIN_INTERVAL,
    ...(common.transformations === undefined ? {} : { transformations: common.transformations }),
    options: {
      graphMode: 'area',
      colorMode: 'background',
      justifyMode: 'center',
      textMode: 'value',
      wideLayout: true,
      showPercentChange: false,
      percentChangeColorMode: 'standard',
      orientation: 'auto',
      reduceOptions: { calcs: [common.reduce ?? 'sum'], fields: '', values: false },
    },
    fieldConfig: {
      defaults: {
        unit: common.unit ?? 'none',
        ...(common.unit === undefined ? { decimals: 0 } : {}),
        noValue: '0',
        color: { mode: 'fixed', fixedColor: common.color ?? 'text' },
        links: [],
      },
      overrides: [],
    },
  };
}

/** Lines over time, one per target (aliases name them). */
export function timeSeriesPanel(common: Common & { readonly unit?: string; readonly overrides?: FieldOverride[] }): PanelSpec {
  return {
    ...base(common, 'timeseries'),
    interval: MIN_INTERVAL,
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['sum', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    fieldConfig: {
      defaults: {
        unit: common.unit ?? 'none',
        decimals: 0,
        custom: { drawStyle: 'line', lineWidth: 2, fillOpacity: 10, spanNulls: false, showPoints: 'never', axisSoftMin: 0 },
      },
      overrides: common.overrides ?? severityColorOverrides(),
    },
  };
}

/** A table of rows; `overrides` set column units and links. */
export function tablePanel(
  common: Common & {
    readonly overrides?: FieldOverride[];
    readonly transformations?: Transformation[];
    readonly sortBy?: string;
    readonly defaults?: FieldConfig;
  },
): PanelSpec {
  return {
    ...base(common, 'table'),
    ...(common.transformations === undefined ? {} : { transformations: common.transformations }),
    options: {
      frameIndex: 0,
      showHeader: true,
      cellHeight: 'sm',
      footer: { show: false, reducer: ['sum'], countRows: false },
      ...(common.sortBy === undefined ? {} : { sortBy: [{ displayName: common.sortBy, desc: true }] }),
    },
    fieldConfig: { defaults: { ...common.defaults, custom: { align: 'auto', inspect: false, filterable: true } }, overrides: common.overrides ?? [] },
  };
}

/** Horizontal bars, one per row of a terms table. */
export function barGaugePanel(common: Common & { readonly color: string }): PanelSpec {
  return {
    ...base(common, 'bargauge'),
    options: {
      displayMode: 'gradient',
      valueMode: 'color',
      namePlacement: 'left',
      showUnfilled: true,
      sizing: 'auto',
      minVizWidth: 8,
      minVizHeight: 16,
      maxVizHeight: 300,
      orientation: 'horizontal',
      legend: { displayMode: 'list', placement: 'bottom', showLegend: false, calcs: [] },
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true, limit: 50 },
    },
    fieldConfig: { defaults: { unit: 'none', decimals: 0, min: 0, color: { mode: 'fixed', fixedColor: common.color } }, overrides: [] },
  };
}

/** A pie of one terms table. */
export function pieChartPanel(common: Common): PanelSpec {
  return {
    ...base(common, 'piechart'),
    options: {
      pieType: 'donut',
      displayLabels: ['name', 'percent'],
      tooltip: { mode: 'single', sort: 'none' },
      legend: { displayMode: 'table', placement: 'right', showLegend: true, values: ['value', 'percent'], calcs: [] },
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true, limit: 50 },
      orientation: 'auto',
    },
    fieldConfig: { defaults: { unit: 'none', decimals: 0, color: { mode: 'palette-classic' } }, overrides: [] },
  };
}
