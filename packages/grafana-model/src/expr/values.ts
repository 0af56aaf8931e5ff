import { ExpressionError } from '../errors';
import type { Frame } from '../types';

/** Labels identifying a series or number (a dimension of a multi-dimensional alert). */
export type Labels = Record<string, string>;

/** A point of a series; `null` is a missing value, distinct from NaN. */
export interface Point {
  timeMs: number;
  value: number | null;
}

/** A labelled time series (mathexp.Series). */
export interface SeriesValue {
  kind: 'series';
  labels: Labels;
  points: Point[];
}

/** A labelled single value, e.g. a reduced series (mathexp.Number). */
export interface NumberValue {
  kind: 'number';
  labels: Labels;
  value: number | null;
}

/** A constant without labels, e.g. `2` in `$A * 2` (mathexp.Scalar). */
export interface ScalarValue {
  kind: 'scalar';
  value: number | null;
}

/** A query that returned nothing (mathexp.NoData). */
export interface NoDataValue {
  kind: 'noData';
}

export type ExprValue = SeriesValue | NumberValue | ScalarValue | NoDataValue;

/** The output of one query or expression: every value it produced. */
export type ExprResults = ExprValue[];

/** A series from `[timeMs, value]` pairs. */
export const series = (labels: Labels, points: Array<[number, number | null]>): SeriesValue => ({
  kind: 'series',
  labels,
  points: points.map(([timeMs, value]) => ({ timeMs, value })),
});
/** A labelled number. */
export const number = (labels: Labels, value: number | null): NumberValue => ({ kind: 'number', labels, value });
/** A constant without labels. */
export const scalar = (value: number | null): ScalarValue => ({ kind: 'scalar', value });
/** The NoData value. */
export const noData = (): NoDataValue => ({ kind: 'noData' });

/** Labels of a value; scalars and NoData have none. */
export function labelsOf(value: ExprValue): Labels {
  return value.kind === 'series' || value.kind === 'number' ? value.labels : {};
}

/** data.Labels.String(): sorted `k=v` pairs, used for identity and messages. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(', ');
}

/** Same label names with the same values. */
export function labelsEqual(a: Labels, b: Labels): boolean {
  const aKeys = Object.keys(a);
  return aKeys.length === Object.keys(b).length && aKeys.every((k) => k in b && a[k] === b[k]);
}

/** True when every label of `b` is in `a` with the same value (data.Labels.Contains). */
export function labelsContain(a: Labels, b: Labels): boolean {
  return Object.keys(b).every((k) => k in a && a[k] === b[k]);
}

/**
 * What a data source query's frames become in server-side expressions (pkg/expr converter):
 * no frames, or a single frame without fields, is NoData; each time + number field pair is a
 * series labelled by the number field's labels; a table with exactly one number column gives one
 * number per row, labelled by its string columns.
 */
export function framesToResults(frames: readonly Frame[]): ExprResults {
  if (frames.length === 0 || frames.every((f) => f.fields.length === 0)) return [noData()];
  const out: ExprResults = [];
  for (const frame of frames) {
    if (frame.fields.length === 0) continue;
    const timeField = frame.fields.find((f) => f.type === 'time');
    const numberFields = frame.fields.filter((f) => f.type === 'number');
    if (timeField) {
      for (const field of numberFields) {
        out.push({
          kind: 'series',
          labels: { ...(field.labels ?? {}) },
          points: timeField.values.map((t, i) => ({ timeMs: Number(t), value: toNullableNumber(field.values[i]) })),
        });
      }
      continue;
    }
    if (numberFields.length !== 1) {
      throw new ExpressionError(
        `a table frame must have exactly one number column to be used in expressions, got ${numberFields.length}`,
      );
    }
    const valueField = numberFields[0];
    if (!valueField) continue;
    const stringFields = frame.fields.filter((f) => f.type === 'string');
    valueField.values.forEach((v, row) => {
      const labels: Labels = { ...(valueField.labels ?? {}) };
      for (const sf of stringFields) labels[sf.name] = String(sf.values[row] ?? '');
      out.push({ kind: 'number', labels, value: toNullableNumber(v) });
    });
  }
  return out;
}

function toNullableNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
