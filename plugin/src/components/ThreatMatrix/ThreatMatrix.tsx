import { cx } from '@emotion/css';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { type KeyboardEvent, useCallback, useId, useRef, useState } from 'react';
import { BANDS, TEST_IDS } from '../../constants';
import type { MatrixCell, ThreatMatrix as Matrix } from '../../data/matrix';
import type { MatrixSelection } from '../../types';
import { bandColor, bandTextColor } from '../bandColors';
import { getStyles } from './ThreatMatrix.styles';

export interface ThreatMatrixProps {
  matrix: Matrix;
  onSelect: (selection: MatrixSelection) => void;
}

interface Position {
  row: number;
  column: number;
}

const plural = (count: number): string => `${count} ${count === 1 ? 'finding' : 'findings'}`;

/** The cell's accessible name, e.g. "Backdoor × EC2: 3 findings, highest High". */
export function cellLabel(cell: MatrixCell): string {
  if (cell.findings === 0) {
    return `${cell.threatPurpose} × ${cell.resourceType}: no findings`;
  }
  const highest = cell.highest ? `highest ${cell.highest}` : 'severity unknown';
  return `${cell.threatPurpose} × ${cell.resourceType}: ${plural(cell.findings)}, ${highest}`;
}

/**
 * Threat purposes × affected resource types. One cell in the tab order at a time (roving
 * tabindex): arrows, Home and End move between cells; Enter, Space or a click selects one.
 */
export function ThreatMatrix({ matrix, onSelect }: ThreatMatrixProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const containerRef = useRef<HTMLDivElement>(null);
  const cellRefs = useRef<Array<HTMLDivElement | null>>([]);
  const [active, setActive] = useState<Position>({ row: 0, column: 0 });
  const [hovered, setHovered] = useState<Position | null>(null);
  const rows = matrix.threatPurposes.length;
  const columns = matrix.resourceTypes.length;
  const activeRow = Math.min(active.row, rows - 1);
  const activeColumn = Math.min(active.column, columns - 1);

  const moveTo = useCallback(
    (row: number, column: number) => {
      const next = { row: Math.max(0, Math.min(rows - 1, row)), column: Math.max(0, Math.min(columns - 1, column)) };
      setActive(next);
      setHovered(next);
      cellRefs.current[next.row * columns + next.column]?.focus();
    },
    [rows, columns]
  );

  const select = (cell: MatrixCell) => {
    if (cell.findings > 0) {
      onSelect({ threatPurpose: cell.threatPurpose, resourceType: cell.resourceType });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, row: number, column: number, cell: MatrixCell) => {
    // Ctrl+Home and Ctrl+End jump to the first and last cell of the grid, as in the ARIA grid pattern.
    const moves: Record<string, Position> = {
      ArrowUp: { row: row - 1, column },
      ArrowDown: { row: row + 1, column },
      ArrowLeft: { row, column: column - 1 },
      ArrowRight: { row, column: column + 1 },
      Home: { row: event.ctrlKey ? 0 : row, column: 0 },
      End: { row: event.ctrlKey ? rows - 1 : row, column: columns - 1 },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveTo(move.row, move.column);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(cell);
    }
  };

  const hoveredCell = hovered ? matrix.cells[hovered.row]?.[hovered.column] : undefined;
  const hoveredElement = hovered ? cellRefs.current[hovered.row * columns + hovered.column] : undefined;
  // Unique per panel: a dashboard can hold several matrices.
  const tooltipId = `gdlens-matrix-tooltip-${useId()}`;

  return (
    <div className={styles.container} ref={containerRef} data-testid={TEST_IDS.matrix}>
      <div
        role="grid"
        aria-label="Threat matrix: threat purposes by affected resource type"
        className={styles.grid}
        style={{ gridTemplateColumns: `max-content repeat(${columns}, minmax(40px, 1fr))` }}
      >
        <div role="row" className={styles.row}>
          <div role="columnheader" aria-label="Threat purpose" />
          {matrix.resourceTypes.map((resourceType) => (
            <div role="columnheader" key={resourceType} className={styles.columnHeader} title={resourceType}>
              {resourceType}
            </div>
          ))}
        </div>
        {matrix.cells.map((cells, row) => (
          <div role="row" key={matrix.threatPurposes[row]} className={styles.row}>
            <div role="rowheader" className={styles.rowHeader}>
              {matrix.threatPurposes[row]}
            </div>
            {cells.map((cell, column) => {
              const isActive = row === activeRow && column === activeColumn;
              const isHovered = hovered !== null && hovered.row === row && hovered.column === column;
              return (
                <div
                  key={cell.resourceType}
                  ref={(element) => {
                    cellRefs.current[row * columns + column] = element;
                  }}
                  role="gridcell"
                  data-testid={TEST_IDS.matrixCell}
                  data-row={row}
                  data-column={column}
                  tabIndex={isActive ? 0 : -1}
                  aria-label={cellLabel(cell)}
                  aria-describedby={isHovered && cell.findings > 0 ? tooltipId : undefined}
                  className={cx(styles.cell, cell.findings === 0 && styles.emptyCell)}
                  style={{
                    background: cell.findings > 0 ? bandColor(theme, cell.highest) : 'transparent',
                    color: cell.findings > 0 ? bandTextColor(theme, cell.highest) : undefined,
                  }}
                  onClick={() => {
                    setActive({ row, column });
                    select(cell);
                  }}
                  onKeyDown={(event) => onKeyDown(event, row, column, cell)}
                  onFocus={() => {
                    setActive({ row, column });
                    setHovered({ row, column });
                  }}
                  onBlur={() => setHovered(null)}
                  onMouseEnter={() => setHovered({ row, column })}
                  onMouseLeave={() => setHovered(null)}
                >
                  {cell.findings > 0 ? cell.findings : ''}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {matrix.hiddenFindings > 0 && (
        <div className={styles.footnote}>{plural(matrix.hiddenFindings)} not shown (unclassified type, or past the row and column limits)</div>
      )}
      {hoveredCell && hoveredCell.findings > 0 && (
        <CellTooltip
          id={tooltipId}
          cell={hoveredCell}
          anchor={hoveredElement ?? null}
          containerWidth={containerRef.current?.clientWidth ?? 0}
          styles={styles}
        />
      )}
    </div>
  );
}

interface CellTooltipProps {
  id: string;
  cell: MatrixCell;
  anchor: HTMLElement | null;
  containerWidth: number;
  styles: ReturnType<typeof getStyles>;
}

/** Top finding types in a cell, each with its plain-English explanation. */
function CellTooltip({ id, cell, anchor, containerWidth, styles }: CellTooltipProps) {
  const top = anchor ? anchor.offsetTop + anchor.offsetHeight + 4 : 0;
  const maxWidth = 420;
  const left = anchor ? Math.max(0, Math.min(anchor.offsetLeft, containerWidth - maxWidth)) : 0;
  const bandSummary = BANDS.filter((band) => cell.bands[band] > 0)
    .map((band) => `${band} ${cell.bands[band]}`)
    .join(' · ');
  return (
    <div id={id} role="tooltip" data-testid={TEST_IDS.matrixTooltip} className={styles.tooltip} style={{ top, left }}>
      <div className={styles.tooltipTitle}>
        {cell.threatPurpose} × {cell.resourceType}: {plural(cell.findings)}
        {bandSummary ? ` (${bandSummary})` : ''}
      </div>
      {cell.topTypes.length > 0 && (
        <ul className={styles.tooltipList}>
          {cell.topTypes.map((type) => (
            <li key={type.findingType}>
              <div className={styles.tooltipType}>
                {type.findingType} ({type.findings})
              </div>
              <div className={styles.tooltipExplanation}>{type.explanation}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
