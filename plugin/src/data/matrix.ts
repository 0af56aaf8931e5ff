import { decodeFindingType, explainFindingType } from '@gdlens/finding-model';
import { TOOLTIP_TOP_TYPES } from '../constants';
import type { Band, FieldNames } from '../types';
import { type BandCounts, emptyBandCounts, highestBand } from './bands';
import { missing, ok, type Shaped } from './result';
import type { FindingRows } from './rows';

/** A finding type listed in a cell's tooltip. */
export interface CellType {
  findingType: string;
  findings: number;
  explanation: string;
}

export interface MatrixCell {
  threatPurpose: string;
  resourceType: string;
  findings: number;
  bands: BandCounts;
  /** Undefined when the cell is empty or only holds findings of unknown severity. */
  highest?: Band;
  topTypes: CellType[];
}

export interface ThreatMatrix {
  /** Row headers, most findings first. */
  threatPurposes: string[];
  /** Column headers, most findings first. */
  resourceTypes: string[];
  /** `cells[row][column]`, every combination present (empty ones with 0 findings). */
  cells: MatrixCell[][];
  /** Findings kept out because their purpose or resource could not be read, or fell past the limits. */
  hiddenFindings: number;
}

export interface MatrixLimits {
  maxRows: number;
  maxColumns: number;
  showLow: boolean;
}

interface Tally {
  findings: number;
  bands: BandCounts;
  types: Map<string, number>;
}

const cellKey = (purpose: string, resource: string): string => `${purpose}\u0000${resource}`;

/** Largest first, then by name, so the layout is stable between refreshes. */
function rank(totals: Map<string, number>, limit: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, Math.max(0, limit))
    .map(([name]) => name);
}

/**
 * Threat purposes × affected resource types. A row without purpose or resource fields is placed
 * by decoding its finding type, so a terms table on `finding_type` alone is enough.
 */
export function buildThreatMatrix(input: FindingRows, names: FieldNames, limits: MatrixLimits): Shaped<ThreatMatrix> {
  const hasAxes = input.present.has(names.threatPurposeField) && input.present.has(names.resourceTypeField);
  if (!hasAxes && !input.present.has(names.findingTypeField)) {
    return missing([names.threatPurposeField, names.resourceTypeField, names.findingTypeField].filter((name) => !input.present.has(name)));
  }
  const tallies = new Map<string, Tally>();
  const purposeTotals = new Map<string, number>();
  const resourceTotals = new Map<string, number>();
  const decoded = new Map<string, ReturnType<typeof decodeFindingType>>();
  let unplaced = 0;
  let total = 0;
  for (const row of input.rows) {
    if (!limits.showLow && row.band === 'Low') {
      continue;
    }
    total += row.findings;
    let purpose = row.threatPurpose;
    let resource = row.resourceType;
    if ((purpose === undefined || resource === undefined) && row.findingType !== undefined) {
      let parts = decoded.get(row.findingType);
      if (!parts) {
        parts = decodeFindingType(row.findingType);
        decoded.set(row.findingType, parts);
      }
      purpose ??= parts.threatPurpose;
      resource ??= parts.resourceTypeAffected;
    }
    if (purpose === undefined || resource === undefined) {
      unplaced += row.findings;
      continue;
    }
    const key = cellKey(purpose, resource);
    let tally = tallies.get(key);
    if (!tally) {
      tally = { findings: 0, bands: emptyBandCounts(), types: new Map() };
      tallies.set(key, tally);
    }
    tally.findings += row.findings;
    if (row.band) {
      tally.bands[row.band] += row.findings;
    }
    if (row.findingType !== undefined) {
      tally.types.set(row.findingType, (tally.types.get(row.findingType) ?? 0) + row.findings);
    }
    purposeTotals.set(purpose, (purposeTotals.get(purpose) ?? 0) + row.findings);
    resourceTotals.set(resource, (resourceTotals.get(resource) ?? 0) + row.findings);
  }
  const threatPurposes = rank(purposeTotals, limits.maxRows);
  const resourceTypes = rank(resourceTotals, limits.maxColumns);
  let shown = 0;
  const cells = threatPurposes.map((threatPurpose) =>
    resourceTypes.map((resourceType): MatrixCell => {
      const tally = tallies.get(cellKey(threatPurpose, resourceType));
      if (!tally) {
        return { threatPurpose, resourceType, findings: 0, bands: emptyBandCounts(), topTypes: [] };
      }
      shown += tally.findings;
      const topTypes = [...tally.types.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TOOLTIP_TOP_TYPES)
        .map(([findingType, findings]) => ({ findingType, findings, explanation: explainFindingType(findingType) }));
      return { threatPurpose, resourceType, findings: tally.findings, bands: tally.bands, highest: highestBand(tally.bands), topTypes };
    })
  );
  return ok({ threatPurposes, resourceTypes, cells, hiddenFindings: unplaced + (total - unplaced - shown) });
}
