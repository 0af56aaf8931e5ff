/**
 * The parts of a dashboard JSON `check-dashboards` needs, read defensively: the file may come from
 * a user (`DASHBOARD.json…`), so nothing is assumed beyond Grafana's model.
 */
import { ALL_VALUE, interpolate, type OpenSearchAnnotation, type OpenSearchTarget, type TemplateVariable } from '@gdlens/grafana-model';
import { DashboardCheckError } from './errors';

export interface DashboardPanel {
  readonly id: number;
  readonly title: string;
  readonly type: string;
  readonly width: number;
  readonly datasourceUid?: string;
  readonly interval?: string;
  readonly maxDataPoints?: number;
  readonly targets: OpenSearchTarget[];
  /** The panel's `transformations` as saved (applied by grafana-model's applyTransformations). */
  readonly transformations: unknown[];
}

export interface DashboardUnderCheck {
  readonly uid: string;
  readonly title: string;
  readonly variables: TemplateVariable[];
  readonly panels: DashboardPanel[];
  /** Enabled OpenSearch annotation queries, data source uid interpolated. */
  readonly annotations: OpenSearchAnnotation[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionValues(variable: Json): string[] {
  const options = Array.isArray(variable.options) ? variable.options : [];
  return options.flatMap((option) => (isObject(option) && typeof option.value === 'string' && option.value !== ALL_VALUE ? [option.value] : []));
}

function currentValue(variable: Json): string | string[] {
  const current = isObject(variable.current) ? variable.current.value : undefined;
  if (typeof current === 'string') return current;
  if (Array.isArray(current)) {
    const values = current.filter((v): v is string => typeof v === 'string');
    return values.length === 1 && values[0] === ALL_VALUE ? ALL_VALUE : values;
  }
  return '';
}

/**
 * The dashboard's variables at their saved defaults, then `overrides` (`--var name=value`, repeated
 * for several values; `All` selects all).
 */
function variablesOf(dashboard: Json, overrides: ReadonlyMap<string, readonly string[]>): TemplateVariable[] {
  const list = isObject(dashboard.templating) && Array.isArray(dashboard.templating.list) ? dashboard.templating.list : [];
  const variables: TemplateVariable[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.name !== 'string') continue;
    const override = overrides.get(entry.name);
    let current: string | string[] = currentValue(entry);
    if (override !== undefined) {
      current = override.length === 1 && (override[0] === 'All' || override[0] === ALL_VALUE) ? ALL_VALUE : override.length === 1 ? (override[0] ?? '') : [...override];
    }
    const allValue = typeof entry.allValue === 'string' && entry.allValue !== '' ? entry.allValue : undefined;
    variables.push({ name: entry.name, current, options: optionValues(entry), ...(allValue === undefined ? {} : { allValue }) });
  }
  for (const name of overrides.keys()) {
    if (!variables.some((v) => v.name === name)) throw new DashboardCheckError(`--var ${name}: the dashboard has no such variable`, { name });
  }
  return variables;
}

function panelsOf(dashboard: Json, variables: readonly TemplateVariable[]): DashboardPanel[] {
  const top = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  // Collapsed rows keep their panels inside the row.
  const flat = top.flatMap((p) => (isObject(p) && p.type === 'row' && Array.isArray(p.panels) ? [p, ...p.panels] : [p]));
  const panels: DashboardPanel[] = [];
  for (const panel of flat) {
    if (!isObject(panel) || panel.type === 'row' || typeof panel.id !== 'number') continue;
    const targets = (Array.isArray(panel.targets) ? panel.targets : []).filter((t): t is Json => isObject(t) && t.hide !== true);
    const panelUid = isObject(panel.datasource) && typeof panel.datasource.uid === 'string' ? panel.datasource.uid : undefined;
    const width = isObject(panel.gridPos) && typeof panel.gridPos.w === 'number' ? panel.gridPos.w : 24;
    panels.push({
      id: panel.id,
      title: typeof panel.title === 'string' ? panel.title : `panel ${panel.id}`,
      type: typeof panel.type === 'string' ? panel.type : '',
      width,
      ...(panelUid === undefined ? {} : { datasourceUid: interpolate(panelUid, variables) }),
      ...(typeof panel.interval === 'string' && panel.interval !== '' ? { interval: panel.interval } : {}),
      ...(typeof panel.maxDataPoints === 'number' ? { maxDataPoints: panel.maxDataPoints } : {}),
      transformations: Array.isArray(panel.transformations) ? panel.transformations : [],
      targets: targets.map((t) => {
        const target = { ...t } as unknown as OpenSearchTarget;
        const uid = isObject(t.datasource) && typeof t.datasource.uid === 'string' ? t.datasource.uid : panelUid;
        if (uid !== undefined) target.datasource = { ...(isObject(t.datasource) ? t.datasource : {}), uid: interpolate(uid, variables) };
        return target;
      }),
    });
  }
  return panels;
}

const OPENSEARCH_PLUGIN_ID = 'grafana-opensearch-datasource';

function annotationsOf(dashboard: Json, variables: readonly TemplateVariable[]): OpenSearchAnnotation[] {
  const list = isObject(dashboard.annotations) && Array.isArray(dashboard.annotations.list) ? dashboard.annotations.list : [];
  return list.flatMap((entry): OpenSearchAnnotation[] => {
    if (!isObject(entry) || entry.enable === false || !isObject(entry.datasource) || entry.datasource.type !== OPENSEARCH_PLUGIN_ID) return [];
    const uid = typeof entry.datasource.uid === 'string' ? interpolate(entry.datasource.uid, variables) : undefined;
    return [{ ...(entry as OpenSearchAnnotation), datasource: { type: OPENSEARCH_PLUGIN_ID, ...(uid === undefined ? {} : { uid }) } }];
  });
}

/** Reads a dashboard JSON (provisioned or import form) with variables at their defaults or `overrides`. */
export function readDashboard(json: unknown, file: string, overrides: ReadonlyMap<string, readonly string[]> = new Map()): DashboardUnderCheck {
  if (!isObject(json) || typeof json.uid !== 'string') throw new DashboardCheckError(`${file}: not a dashboard (no uid)`, { file });
  const variables = variablesOf(json, overrides);
  return {
    uid: json.uid,
    title: typeof json.title === 'string' ? json.title : json.uid,
    variables,
    panels: panelsOf(json, variables),
    annotations: annotationsOf(json, variables),
  };
}
