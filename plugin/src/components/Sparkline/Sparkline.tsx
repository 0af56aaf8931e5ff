import { TEST_IDS } from '../../constants';
import type { TrendPoint } from '../../data/strip';

export interface SparklineProps {
  points: readonly TrendPoint[];
  width: number;
  height: number;
  color: string;
  label: string;
}

/** The polyline's `points` attribute: time across, findings up, scaled to the box with a 1px inset for the stroke. */
export function sparklinePath(points: readonly TrendPoint[], width: number, height: number): string {
  if (points.length === 0) {
    return '';
  }
  const first = points[0]!.timeMs;
  const last = points[points.length - 1]!.timeMs;
  const spanMs = last - first;
  const peak = Math.max(...points.map((point) => point.findings));
  const inset = 1;
  const innerWidth = Math.max(0, width - 2 * inset);
  const innerHeight = Math.max(0, height - 2 * inset);
  return points
    .map((point, index) => {
      // A single point, or points all at one instant, are spread evenly instead of stacked.
      const across = spanMs > 0 ? (point.timeMs - first) / spanMs : points.length > 1 ? index / (points.length - 1) : 0.5;
      const up = peak > 0 ? point.findings / peak : 0;
      return `${(inset + across * innerWidth).toFixed(1)},${(inset + (1 - up) * innerHeight).toFixed(1)}`;
    })
    .join(' ');
}

/** A small SVG trend line, as wide as its container; `width` and `height` set the drawing's units. */
export function Sparkline({ points, width, height, color, label }: SparklineProps) {
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid={TEST_IDS.sparkline}
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
    >
      {/* The box stretches to its card; the stroke keeps its width while the shape stretches. */}
      <polyline
        points={sparklinePath(points, width, height)}
        fill="none"
        stroke={color}
        strokeWidth={1.5}
        strokeLinejoin="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
