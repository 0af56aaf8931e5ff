/**
 * The Prometheus text exposition format (version 0.0.4), written by hand: it is a few lines of
 * escaping rules, not worth a dependency.
 */
import { IngestError } from '../errors';

export type MetricType = 'counter' | 'gauge';

export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  /** Counters end in `_total`, by convention and so OpenMetrics scrapers accept them. */
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

/** The Content-Type a scraper expects for this format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A metric or label name that breaks the format is a programming error, caught by the unit tests. */
export class MetricFormatError extends IngestError {
  override readonly name = 'MetricFormatError';
}

/** HELP text: backslash and newline are escaped (a double quote is not). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Label values: backslash, double quote and newline are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Go's float formatting as Prometheus parses it: NaN, +Inf, -Inf, else the shortest decimal. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(family: string, labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return '';
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  for (const [name] of entries) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new MetricFormatError(`metric ${family}: invalid label name '${name}'`, { family, label: name });
  }
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Renders families in the order given: `# HELP`, `# TYPE`, then one line per sample. */
export function formatExposition(families: readonly MetricFamily[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) throw new MetricFormatError(`invalid metric name '${family.name}'`, { family: family.name });
    if (seen.has(family.name)) throw new MetricFormatError(`metric ${family.name} given twice`, { family: family.name });
    if (family.type === 'counter' && !family.name.endsWith('_total')) {
      throw new MetricFormatError(`counter ${family.name} must end in _total`, { family: family.name });
    }
    seen.add(family.name);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      if (family.type === 'counter' && !(sample.value >= 0)) {
        throw new MetricFormatError(`counter ${family.name} got ${sample.value}; counters never go down`, { family: family.name });
      }
      lines.push(`${family.name}${formatLabels(family.name, sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
