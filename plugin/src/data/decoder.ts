import { decodeFindingType, explainFindingType, type FindingTypeParts } from '@gdlens/finding-model';
import type { Band, FieldNames } from '../types';
import { type BandCounts, emptyBandCounts, highestBand } from './bands';
import { missing, ok, type Shaped } from './result';
import type { FindingRows } from './rows';

export interface DecodedType {
  findingType: string;
  parts: FindingTypeParts;
  explanation: string;
  highest?: Band;
  /** Unique findings: distinct finding ids in documents, or the terms `Count`. */
  findings: number;
  /** Summed occurrences; undefined when the frames carry no occurrence count. */
  occurrences?: number;
  /** Distinct accounts; undefined when the frames carry no account field or metric. */
  accounts?: number;
  firstSeenMs?: number;
  lastSeenMs?: number;
}

export type DecoderSortKey = 'findingType' | 'severity' | 'findings' | 'occurrences' | 'accounts' | 'firstSeen' | 'lastSeen';
export type SortDirection = 'asc' | 'desc';

interface Group {
  findings: number;
  ids: Set<string>;
  occurrences?: number;
  accountIds: Set<string>;
  accountCount?: number;
  bands: BandCounts;
  firstSeenMs?: number;
  lastSeenMs?: number;
}

const min = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const max = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/** Finding types with their decoded parts and totals, most findings first, `maxRows` kept. */
export function buildDecoder(input: FindingRows, names: FieldNames, options: { maxRows: number; showLow: boolean }): Shaped<DecodedType[]> {
  if (!input.present.has(names.findingTypeField)) {
    return missing([names.findingTypeField]);
  }
  const groups = new Map<string, Group>();
  for (const row of input.rows) {
    if (row.findingType === undefined || (!options.showLow && row.band === 'Low')) {
      continue;
    }
    let group = groups.get(row.findingType);
    if (!group) {
      group = { findings: 0, ids: new Set(), accountIds: new Set(), bands: emptyBandCounts() };
      groups.set(row.findingType, group);
    }
    // A finding id seen twice (an updated document in two frames) is one finding.
    if (row.findingId !== undefined) {
      if (group.ids.has(row.findingId)) {
        continue;
      }
      group.ids.add(row.findingId);
    }
    group.findings += row.findings;
    if (row.occurrences !== undefined) {
      group.occurrences = (group.occurrences ?? 0) + row.occurrences;
    }
    if (row.accountId !== undefined) {
      group.accountIds.add(row.accountId);
    }
    if (row.accountCount !== undefined) {
      // Distinct counts of sub-buckets do not add up; the largest is a floor for the type.
      group.accountCount = max(group.accountCount, row.accountCount);
    }
    if (row.band) {
      group.bands[row.band] += row.findings;
    }
    group.firstSeenMs = min(group.firstSeenMs, row.firstSeenMs);
    group.lastSeenMs = max(group.lastSeenMs, row.lastSeenMs);
  }
  const decoded = [...groups.entries()].map(([findingType, group]): DecodedType => {
    const parts = decodeFindingType(findingType);
    return {
      findingType,
      parts,
      explanation: explainFindingType(parts),
      highest: highestBand(group.bands),
      findings: group.findings,
      occurrences: group.occurrences,
      accounts: group.accountIds.size > 0 ? Math.max(group.accountIds.size, group.accountCount ?? 0) : group.accountCount,
      firstSeenMs: group.firstSeenMs,
      lastSeenMs: group.lastSeenMs,
    };
  });
  return ok(sortDecoded(decoded, 'findings', 'desc').slice(0, Math.max(0, options.maxRows)));
}

const BAND_RANK: Record<Band, number> = { Critical: 4, High: 3, Medium: 2, Low: 1 };

function sortValue(row: DecodedType, key: DecoderSortKey): number | string | undefined {
  switch (key) {
    case 'findingType':
      return row.findingType;
    case 'severity':
      return row.highest ? BAND_RANK[row.highest] : 0;
    case 'findings':
      return row.findings;
    case 'occurrences':
      return row.occurrences;
    case 'accounts':
      return row.accounts;
    case 'firstSeen':
      return row.firstSeenMs;
    case 'lastSeen':
      return row.lastSeenMs;
  }
}

/**
 * A sorted copy. Rows without a value sort last in either direction; ties fall back to the type
 * name so the order is stable.
 */
export function sortDecoded(rows: readonly DecodedType[], key: DecoderSortKey, direction: SortDirection): DecodedType[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left === undefined || right === undefined) {
      if (left !== right) {
        return left === undefined ? 1 : -1;
      }
    } else if (left !== right) {
      const order = typeof left === 'string' && typeof right === 'string' ? left.localeCompare(right) : Number(left) - Number(right);
      if (order !== 0) {
        return sign * order;
      }
    }
    return a.findingType.localeCompare(b.findingType);
  });
}
