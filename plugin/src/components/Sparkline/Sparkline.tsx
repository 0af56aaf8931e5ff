import { TEST_IDS } from '../../constants';
import type { TagMarker } from '../../data/annotations';
import type { TrendPoint } from '../../data/strip';

export interface SparklineProps {
  points: readonly TrendPoint[];
  width: number;
  height: number;
  color: string;
  label: string;
  /** Lifecycle tags drawn across the line: a rule for a point in time, a band for a window. */
  markers?: readonly TagMarker[];
  markerColor?: string;
}

/** Where a marker falls on the line's time axis, in drawing units; `width` is set for a window. */
export interface MarkerSpan {
  x: number;
  width?: number;
  text: string;
}

/**
 * The markers inside the line's time span (first to last point), placed as `sparklinePath` places
 * points; windows are cut to the span. Nothing is placed on a line without a time span.
 */
export function markerSpans(points: readonly TrendPoint[], markers: readonly TagMarker[], width: number): MarkerSpan[] {
  if (points.length < 2) {
    return [];
  }
  const first = points[0]!.timeMs;
  const last = points[points.length - 1]!.timeMs;
  const spanMs = last - first;
  if (spanMs <= 0) {
    return [];
  }
  const inset = 1;
  const innerWidth = Math.max(0, width - 2 * inset);
  const x = (timeMs: number) => Number((inset + ((timeMs - first) / spanMs) * innerWidth).toFixed(1));
  return markers.flatMap((marker): MarkerSpan[] => {
    const endMs = marker.timeEndMs ?? marker.timeMs;
    if (endMs < first || marker.timeMs > last) {
      return [];
    }
    if (marker.timeEndMs === undefined) {
      return [{ x: x(marker.timeMs), text: marker.text }];
    }
    const from = x(Math.max(marker.timeMs, first));
    return [{ x: from, width: Number((x(Math.min(endMs, last)) - from).toFixed(1)), text: marker.text }];
  });
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
export function Sparkline({ points, width, height, color, label, markers = [], markerColor = 'currentColor' }: SparklineProps) {
  const spans = markerSpans(points, markers, width);
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
      {spans.map((span, index) =>
        span.width === undefined ? (
          <line key={index} data-testid={TEST_IDS.tagMarker} x1={span.x} x2={span.x} y1={0} y2={height} stroke={markerColor} strokeDasharray="2 2" vectorEffect="non-scaling-stroke">
            <title>{span.text}</title>
          </line>
        ) : (
          <rect key={index} data-testid={TEST_IDS.tagMarker} x={span.x} y={0} width={span.width} height={height} fill={markerColor} fillOpacity={0.15}>
            <title>{span.text}</title>
          </rect>
        )
      )}
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
