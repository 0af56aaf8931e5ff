import { ExpressionError } from '../errors';
import { reduceValues } from './reduce';
import type { ExprResults, ExprValue, Point } from './values';

export type Downsampler = 'sum' | 'mean' | 'min' | 'max' | 'last';
export type Upsampler = 'pad' | 'backfilling' | 'fillna';

/**
 * The resample expression (pkg/expr/mathexp/resample.go): a point every `windowMs` from the
 * range start to its end; each point takes the values at or before it since the previous point
 * (downsampled, strict like reduce), or when there are none the last value seen (`pad`), the next
 * one (`backfilling`) or null (`fillna`). Numbers and NoData pass through.
 */
export function resample(input: ExprResults, windowMs: number, downsampler: Downsampler, upsampler: Upsampler, fromMs: number, toMs: number): ExprResults {
  const length = Math.trunc((toMs - fromMs) / windowMs);
  if (length <= 0) throw new ExpressionError('the series cannot be sampled further; the time range is shorter than the interval');
  return input.map((value): ExprValue => {
    if (value.kind !== 'series') return value;
    const source = [...value.points].sort((a, b) => a.timeMs - b.timeMs);
    const points: Point[] = [];
    let bookmark = 0;
    let lastSeen: number | null = null;
    for (let idx = 0, t = fromMs; t <= toMs && idx <= length; idx++, t += windowMs) {
      const window: Array<number | null> = [];
      while (bookmark < source.length && (source[bookmark] as Point).timeMs <= t) {
        lastSeen = (source[bookmark] as Point).value;
        window.push(lastSeen);
        bookmark++;
      }
      let v: number | null;
      if (window.length > 0) v = reduceValues(window, downsampler);
      else if (upsampler === 'pad') v = lastSeen;
      else if (upsampler === 'backfilling') v = bookmark < source.length ? (source[bookmark] as Point).value : null;
      else v = null;
      points.push({ timeMs: t, value: v });
    }
    return { kind: 'series', labels: { ...value.labels }, points };
  });
}
