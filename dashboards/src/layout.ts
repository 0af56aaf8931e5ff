import type { GridPos } from './model/grafana';

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;

/**
 * Places panels left to right, wrapping at the grid width; a row is as tall as its tallest panel.
 * Deterministic, so regenerating never moves a panel.
 */
export function flowLayout(sizes: ReadonlyArray<{ readonly width: number; readonly height: number }>): GridPos[] {
  const positions: GridPos[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const size of sizes) {
    if (x + size.width > GRID_COLUMNS) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    positions.push({ x, y, w: size.width, h: size.height });
    x += size.width;
    rowHeight = Math.max(rowHeight, size.height);
  }
  return positions;
}
