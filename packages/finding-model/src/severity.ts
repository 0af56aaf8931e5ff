/** A severity label as shown to users; `Unknown` is for findings whose severity could not be read. */
export type SeverityLabel = 'Critical' | 'High' | 'Medium' | 'Low' | 'Unknown';

/** A label that has a numeric band (every label but `Unknown`). */
export type BandLabel = Exclude<SeverityLabel, 'Unknown'>;

/** One severity band: `[min, max)`, or `[min, max]` when `maxInclusive`. */
export interface SeverityBand {
  label: BandLabel;
  min: number;
  max: number;
  maxInclusive: boolean;
}

/** Lowest severity value accepted. AWS documents 1.0 as the floor, but findings from before 2023 carry values in [0, 1). */
export const SEVERITY_MIN = 0;

/** Highest severity value accepted (inclusive). */
export const SEVERITY_MAX = 10;

/**
 * AWS's current bands, highest first. Each band is half-open on the right so a value such as
 * 8.95 falls in exactly one band (AWS writes them as 7.0–8.9, which leaves gaps between bands).
 * Critical is closed at 10 because 10 is the highest value GuardDuty assigns. Legacy values in
 * [0, 1) are not a band of their own: {@link classifySeverity} files them under Low.
 */
export const SEVERITY_BANDS: readonly Readonly<SeverityBand>[] = Object.freeze(
  (
    [
      { label: 'Critical', min: 9, max: 10, maxInclusive: true },
      { label: 'High', min: 7, max: 9, maxInclusive: false },
      { label: 'Medium', min: 4, max: 7, maxInclusive: false },
      { label: 'Low', min: 1, max: 4, maxInclusive: false },
    ] satisfies SeverityBand[]
  ).map((band) => Object.freeze(band)),
);

/** Bands ordered for display and comparison, most severe first. */
export const BAND_ORDER: readonly BandLabel[] = Object.freeze<BandLabel[]>(['Critical', 'High', 'Medium', 'Low']);

/** Result of reading a raw severity value. */
export type SeverityClassification =
  | { kind: 'band'; severity: number; label: BandLabel }
  /** Missing or non-numeric: keep the document and label it Unknown. */
  | { kind: 'unknown' }
  /** Numeric but outside [0, 10]: the caller rejects the record with a reason. */
  | { kind: 'out_of_range'; severity: number };

// Plain decimal notation only: Number() would also accept '0x8', '  ', '1_0'-like surprises and
// 'Infinity', none of which GuardDuty writes.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL.test(text) ? Number(text) : undefined;
  }
  return undefined;
}

function bandOf(severity: number): BandLabel | undefined {
  if (!(severity >= SEVERITY_MIN && severity <= SEVERITY_MAX)) return undefined;
  for (const band of SEVERITY_BANDS) {
    const belowMax = band.maxInclusive ? severity <= band.max : severity < band.max;
    if (severity >= band.min && belowMax) return band.label;
  }
  // Only [0, 1) is left: pre-2023 findings used it, and AWS has always called it low.
  return 'Low';
}

/**
 * Classify a raw severity value as found in a finding: a number or a numeric string such as "8.0".
 * Never throws. `-0` counts as 0; infinities are numeric and therefore out of range.
 */
export function classifySeverity(value: unknown): SeverityClassification {
  const severity = readNumber(value);
  if (severity === undefined) return { kind: 'unknown' };
  const normalised = Object.is(severity, -0) ? 0 : severity;
  const label = bandOf(normalised);
  return label === undefined ? { kind: 'out_of_range', severity: normalised } : { kind: 'band', severity: normalised, label };
}

/** Label for a numeric severity; `Unknown` for NaN or a value outside [0, 10]. */
export function severityLabel(severity: number): SeverityLabel {
  return (typeof severity === 'number' && bandOf(severity)) || 'Unknown';
}

const RANK: Readonly<Record<SeverityLabel, number>> = Object.freeze({ Critical: 4, High: 3, Medium: 2, Low: 1, Unknown: 0 });

/** Rank for sorting and comparison: Critical 4, High 3, Medium 2, Low 1, Unknown (or anything else) 0. */
export function bandRank(label: SeverityLabel): number {
  return Object.prototype.hasOwnProperty.call(RANK, label) ? RANK[label] : 0;
}
