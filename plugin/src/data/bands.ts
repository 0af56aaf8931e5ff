import { BANDS } from '../constants';
import type { Band } from '../types';

/** The band a severity label names, case-insensitively; `Unknown` and anything else give undefined. */
export function toBand(label: string | undefined): Band | undefined {
  if (label === undefined) {
    return undefined;
  }
  const wanted = label.trim().toLowerCase();
  return BANDS.find((band) => band.toLowerCase() === wanted);
}

/** Per-band counts, all four bands present. */
export type BandCounts = Record<Band, number>;

export function emptyBandCounts(): BandCounts {
  return { Critical: 0, High: 0, Medium: 0, Low: 0 };
}

/** The highest band with a non-zero count. */
export function highestBand(counts: BandCounts): Band | undefined {
  return BANDS.find((band) => counts[band] > 0);
}

/** Bands shown under the `showLow` option. */
export function visibleBands(showLow: boolean): readonly Band[] {
  return showLow ? BANDS : BANDS.filter((band) => band !== 'Low');
}
