/**
 * A terminal picture of what the dashboards would show, built from `gdlens check-dashboards --json`
 * output, so the numbers are exactly the ones the panels get from OpenSearch.
 */

export interface FrameField {
  readonly name: string;
  readonly type: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly values: readonly unknown[];
}

export interface PanelReport {
  readonly dashboard_uid: string;
  readonly panel_id: number;
  readonly title: string;
  readonly status: string;
  readonly latency_ms: number;
  readonly frames: ReadonlyArray<{ readonly name?: string; readonly fields: readonly FrameField[] }>;
}

export interface SummaryRow {
  readonly key: string;
  readonly value: number;
}

/** A Raw Data frame (documents flattened into many columns) is summarised by its row count. */
const RAW_DATA_MIN_STRING_FIELDS = 4;

/** Parts of a key that carry nothing (an unknown account name shows as '-'). */
const isBlank = (part: string): boolean => part === '' || part === '-' || part === 'null' || part === 'undefined';

function joinKey(parts: readonly string[]): string {
  return parts.filter((part) => !isBlank(part)).join(' / ');
}

/** A frame listed row by row: Raw Data (many string columns) or one with nothing to add up (annotations). */
function isListing(frame: PanelReport['frames'][number]): boolean {
  const strings = frame.fields.filter((field) => field.type === 'string').length;
  const numbers = frame.fields.filter((field) => field.type === 'number').length;
  return strings >= RAW_DATA_MIN_STRING_FIELDS || (numbers === 0 && frame.fields.length > 0);
}

/** How many rows a listing panel (Raw Data, annotations) shows, or undefined when the panel is not one. */
export function rawRowCount(report: PanelReport): number | undefined {
  const raw = report.frames.filter(isListing);
  if (raw.length === 0) return undefined;
  return raw.reduce((sum, frame) => sum + (frame.fields[0]?.values.length ?? 0), 0);
}

/** Parses the JSON-lines output of `check-dashboards --json`. */
export function parsePanelReports(jsonLines: string): PanelReport[] {
  return jsonLines
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as PanelReport);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Rows a panel shows, largest first: table frames give one row per line (string columns joined as
 * the key, the last number column as the value); series give one row per series (its labels as
 * the key, the sum of its points as the value, which is what a count-per-bucket series adds up to).
 */
export function panelRows(report: PanelReport): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const frame of report.frames) {
    if (isListing(frame)) continue;
    const strings = frame.fields.filter((field) => field.type === 'string');
    const numbers = frame.fields.filter((field) => field.type === 'number');
    const valueField = numbers[numbers.length - 1];
    if (valueField === undefined) continue;
    if (strings.length > 0) {
      valueField.values.forEach((value, i) => {
        if (!isNumber(value)) return;
        rows.push({ key: joinKey(strings.map((field) => String(field.values[i] ?? ''))), value });
      });
      continue;
    }
    for (const field of numbers) {
      const labels = Object.values(field.labels ?? {});
      const key = labels.length > 0 ? joinKey(labels) : '';
      rows.push({ key, value: field.values.filter(isNumber).reduce((sum, v) => sum + v, 0) });
    }
  }
  return rows.sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/** Renders the chosen panels as short blocks: the panel title, then its top rows. */
export function renderSummary(reports: readonly PanelReport[], panels: ReadonlyArray<{ dashboardUid: string; panelId: number }>, topRows = 5): string {
  const lines: string[] = [];
  for (const wanted of panels) {
    const report = reports.find((r) => r.dashboard_uid === wanted.dashboardUid && r.panel_id === wanted.panelId);
    if (report === undefined) continue;
    const rawRows = rawRowCount(report);
    if (rawRows !== undefined) {
      lines.push(`${report.title}: ${rawRows} rows`);
      continue;
    }
    const rows = panelRows(report);
    const only = rows[0];
    if (rows.length === 1 && only !== undefined && only.key === '') {
      lines.push(`${report.title}: ${only.value}`);
      continue;
    }
    lines.push(`${report.title}${rows.length === 0 ? ': no data' : ''}`);
    const width = Math.min(48, Math.max(...rows.slice(0, topRows).map((row) => row.key.length), 4));
    for (const row of rows.slice(0, topRows)) lines.push(`  ${row.key.padEnd(width)}  ${String(row.value).padStart(6)}`);
    if (rows.length > topRows) lines.push(`  … ${rows.length - topRows} more`);
  }
  return `${lines.join('\n')}\n`;
}
