import type { OpenSearchTarget, TimeRange } from '../types';
import { GrafanaModelError } from '../errors';
import { secondsToHms } from '../datasource/interval';

/** Grafana's marker for the "All" option of a multi-value variable. */
export const ALL_VALUE = '$__all';

/** A dashboard variable as interpolation needs it. */
export interface TemplateVariable {
  name: string;
  /** The current value: a string, several values, or `$__all`. */
  current: string | string[];
  /** Every option the variable offers, used to expand "All" when there is no custom all value. */
  options?: string[];
  /** "Custom all value", inserted verbatim (not escaped) when "All" is selected. */
  allValue?: string;
}

/** Built-in variables a panel query sees. */
export interface BuiltinVariables {
  range?: TimeRange;
  /** `$__interval` text, e.g. "1m". */
  interval?: string;
  intervalMs?: number;
}

/** Formats Grafana applies with `${var:format}` (the registry in @grafana/scenes / templateSrv). */
export type VariableFormat =
  | 'lucene'
  | 'raw'
  | 'csv'
  | 'pipe'
  | 'regex'
  | 'glob'
  | 'json'
  | 'doublequote'
  | 'singlequote'
  | 'sqlstring'
  | 'percentencode'
  | 'text'
  | 'queryparam';

/**
 * Lucene escaping as Grafana does it (`luceneEscape`): numeric strings pass unchanged, otherwise
 * every Lucene special character and whitespace gets a backslash. `/` matters: unescaped it opens
 * a regular expression in `query_string`.
 */
export function luceneEscape(value: string): string {
  if (!Number.isNaN(Number(value))) return value;
  return value.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

function formatValue(value: string | string[], format: VariableFormat | undefined, variableName: string): string {
  const values = Array.isArray(value) ? value : [value];
  const multi = Array.isArray(value);
  switch (format) {
    case 'lucene':
      if (!multi) return luceneEscape(values[0] ?? '');
      if (values.length === 0) return '__empty__';
      return `(${values.map((v) => `"${luceneEscape(v)}"`).join(' OR ')})`;
    case 'raw':
    case 'csv':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case 'regex':
      if (!multi) return regexEscape(values[0] ?? '');
      return `(${values.map(regexEscape).join('|')})`;
    case 'json':
      return JSON.stringify(value);
    case 'doublequote':
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'sqlstring':
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'percentencode':
      return multi ? encodeURIComponent(`{${values.join(',')}}`) : encodeURIComponent(values[0] ?? '');
    case 'text':
      return values.join(' + ');
    case 'queryparam':
      return values.map((v) => `var-${encodeURIComponent(variableName)}=${encodeURIComponent(v)}`).join('&');
    case 'glob':
      return multi && values.length > 1 ? `{${values.join(',')}}` : values.join(',');
    case undefined:
      // No format: Grafana uses glob for several values and the plain value otherwise.
      return multi && values.length > 1 ? `{${values.join(',')}}` : values.join(',');
    default:
      throw new GrafanaModelError(`unknown variable format "${String(format)}"`);
  }
}

const KNOWN_FORMATS = new Set<string>([
  'lucene', 'raw', 'csv', 'pipe', 'regex', 'glob', 'json', 'doublequote', 'singlequote', 'sqlstring', 'percentencode', 'text', 'queryparam',
]);

/** `$var`, `${var}`, `${var:format}`, `${var.path}` and the legacy `[[var]]` / `[[var:format]]`. */
const VARIABLE_PATTERN = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

function builtinValue(name: string, builtins: BuiltinVariables): string | undefined {
  const range = builtins.range;
  switch (name) {
    case '__interval':
      return builtins.interval;
    case '__interval_ms':
      return builtins.intervalMs === undefined ? undefined : String(builtins.intervalMs);
    case '__range':
      return range ? `${Math.round((range.toMs - range.fromMs) / 1000)}s` : undefined;
    case '__range_s':
      return range ? String(Math.round((range.toMs - range.fromMs) / 1000)) : undefined;
    case '__range_ms':
      return range ? String(range.toMs - range.fromMs) : undefined;
    case '__from':
      return range ? String(range.fromMs) : undefined;
    case '__to':
      return range ? String(range.toMs) : undefined;
    default:
      return undefined;
  }
}

/**
 * Replaces dashboard and built-in variables in `text` the way Grafana's template service does.
 * `defaultFormat` applies when a reference names no format: the OpenSearch data source uses
 * `lucene` for the query text. Unknown variables are left untouched, as Grafana leaves them.
 *
 * "All" expands to every option (formatted like a multi-value selection) unless the variable
 * has a custom all value, which is inserted verbatim.
 */
export function interpolate(
  text: string,
  variables: readonly TemplateVariable[],
  defaultFormat?: VariableFormat,
  builtins: BuiltinVariables = {},
): string {
  const byName = new Map(variables.map((v) => [v.name, v]));
  return text.replace(VARIABLE_PATTERN, (match, dollarName?: string, bracketName?: string, bracketFormat?: string, braceName?: string, _path?: string, braceFormat?: string) => {
    const name = (dollarName ?? bracketName ?? braceName) as string;
    const requested = bracketFormat ?? braceFormat;
    if (requested !== undefined && !KNOWN_FORMATS.has(requested)) {
      throw new GrafanaModelError(`unknown variable format "${requested}" in ${match}`);
    }
    const format = (requested as VariableFormat | undefined) ?? defaultFormat;
    const builtin = builtinValue(name, builtins);
    if (builtin !== undefined) return builtin;
    const variable = byName.get(name);
    if (!variable) return match;
    const current = variable.current;
    const isAll = current === ALL_VALUE || (Array.isArray(current) && current.length === 1 && current[0] === ALL_VALUE);
    if (isAll) {
      if (variable.allValue !== undefined && variable.allValue !== '') {
        return format === 'text' ? 'All' : variable.allValue;
      }
      return formatValue([...(variable.options ?? [])], format, name);
    }
    return formatValue(current, format, name);
  });
}

/**
 * Interpolates a target as the OpenSearch data source's frontend does before sending it
 * (`applyTemplateVariables`): the Lucene query with the `lucene` format (empty → `*`), filters
 * queries likewise, then every other string (alias, fields, settings) with no format.
 */
export function interpolateTarget(
  target: OpenSearchTarget,
  variables: readonly TemplateVariable[],
  builtins: BuiltinVariables = {},
): OpenSearchTarget {
  const plain = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, variables, undefined, builtins);
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
    }
    return value;
  };
  // The query first, with the lucene format (an empty query becomes `*`); then the frontend
  // interpolates the whole target again without a format (applyTemplateVariables).
  const out = plain({ ...target, query: interpolate(target.query || '*', variables, 'lucene', builtins) }) as OpenSearchTarget;
  if (target.bucketAggs) {
    // Filters queries are Lucene too; an empty one becomes `*`.
    out.bucketAggs = target.bucketAggs.map((agg) => {
      const copy = plain(agg) as NonNullable<OpenSearchTarget['bucketAggs']>[number];
      const filters = agg.settings?.filters;
      if (agg.type === 'filters' && Array.isArray(filters)) {
        copy.settings = {
          ...copy.settings,
          filters: filters.map((f: { query?: string; label?: string }) => ({
            ...f,
            query: interpolate(f.query ?? '', variables, 'lucene', builtins) || '*',
          })),
        };
      }
      return copy;
    });
  }
  return out;
}

/** `$__interval` as a dashboard would set it for an interval in ms. */
export function intervalBuiltins(intervalMs: number, range?: TimeRange): BuiltinVariables {
  return range ? { interval: secondsToHms(intervalMs / 1000), intervalMs, range } : { interval: secondsToHms(intervalMs / 1000), intervalMs };
}
