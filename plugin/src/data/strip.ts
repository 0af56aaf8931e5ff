import { type DataFrame, FieldType } from '@grafana/data';
import type { Band, FieldNames } from '../types';
import { type BandCounts, emptyBandCounts, toBand, visibleBands } from './bands';
import { findTimeField, labelValue, numberAt, timeAt } from './fields';
import { missing, ok, type Shaped } from './result';
import type { FindingRows } from './rows';

export interface TrendPoint {
  timeMs: number;
  findings: number;
}

export interface StripBand {
  band: Band;
  findings: number;
  /** Time-ordered points; empty when the data had totals but no histogram. */
  trend: TrendPoint[];
}

export interface SeverityStrip {
  bands: StripBand[];
  total: number;
}

/**
 * Band totals and trends. Trends come from time series split by band (a date histogram under
 * terms on the severity field: one series per band, the band in the value field's labels);
 * without them, totals come from a terms table on the severity field.
 */
export function buildSeverityStrip(
  frames: readonly DataFrame[],
  rows: FindingRows,
  names: FieldNames,
  options: { showLow: boolean }
): Shaped<SeverityStrip> {
  const trends = new Map<Band, Map<number, number>>();
  for (const frame of frames) {
    const timeField = findTimeField(frame, names.timeField);
    if (!timeField) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const band = toBand(labelValue(field.labels, names.severityField)) ?? toBand(field.config?.displayNameFromDS) ?? toBand(frame.name);
      if (!band) {
        continue;
      }
      let points = trends.get(band);
      if (!points) {
        points = new Map();
        trends.set(band, points);
      }
      for (let index = 0; index < frame.length; index++) {
        const timeMs = timeAt(timeField, index);
        const value = numberAt(field, index);
        if (timeMs !== undefined && value !== undefined) {
          points.set(timeMs, (points.get(timeMs) ?? 0) + value);
        }
      }
    }
  }
  const totals: BandCounts = emptyBandCounts();
  if (trends.size > 0) {
    for (const [band, points] of trends) {
      for (const value of points.values()) {
        totals[band] += value;
      }
    }
  } else if (rows.present.has(names.severityField)) {
    for (const row of rows.rows) {
      if (row.band) {
        totals[row.band] += row.findings;
      }
    }
  } else {
    return missing([names.severityField]);
  }
  const bands = visibleBands(options.showLow).map((band): StripBand => {
    const points = trends.get(band);
    const trend = points ? [...points.entries()].sort((a, b) => a[0] - b[0]).map(([timeMs, findings]) => ({ timeMs, findings })) : [];
    return { band, findings: totals[band], trend };
  });
  return ok({ bands, total: bands.reduce((sum, band) => sum + band.findings, 0) });
}
