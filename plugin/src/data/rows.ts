import type { DataFrame } from '@grafana/data';
import { COUNT_COLUMN } from '../constants';
import type { Band, FieldNames } from '../types';
import { toBand } from './bands';
import { findField, findMetricField, numberAt, stringAt, timeAt } from './fields';

/** Document fields for first and last sighting (ingest's `FindingDocument`). */
const FIRST_SEEN_FIELD = 'first_seen';
const LAST_SEEN_FIELD = 'last_seen';

/**
 * One row of a terms table or one finding document, reduced to what the views read. A terms row
 * stands for `findings` documents; a Raw Data row for one.
 */
export interface FindingRow {
  findingType?: string;
  threatPurpose?: string;
  resourceType?: string;
  band?: Band;
  /** Finding documents this row stands for (the terms `Count`, or 1 for a document). */
  findings: number;
  findingId?: string;
  /** Summed occurrences (`service.count`) when the frame carries them. */
  occurrences?: number;
  accountId?: string;
  /** A `Unique Count` metric: distinct accounts behind a terms row. */
  accountCount?: number;
  firstSeenMs?: number;
  lastSeenMs?: number;
}

/** The rows, and which dimension fields the frames carried (for the missing-fields message). */
export interface FindingRows {
  rows: FindingRow[];
  present: Set<string>;
}

/**
 * Reads terms tables and Raw Data frames into rows. Frames holding none of the dimension fields
 * (time series, other targets' tables) are passed over, not rejected, so a panel can mix targets.
 */
export function toFindingRows(frames: readonly DataFrame[], names: FieldNames): FindingRows {
  const rows: FindingRow[] = [];
  const present = new Set<string>();
  for (const frame of frames) {
    const typeField = findField(frame, names.findingTypeField);
    const purposeField = findField(frame, names.threatPurposeField);
    const resourceField = findField(frame, names.resourceTypeField);
    const severityField = findField(frame, names.severityField);
    if (!typeField && !purposeField && !resourceField && !severityField) {
      continue;
    }
    const dimensions: Array<[string, unknown]> = [
      [names.findingTypeField, typeField],
      [names.threatPurposeField, purposeField],
      [names.resourceTypeField, resourceField],
      [names.severityField, severityField],
    ];
    for (const [name, field] of dimensions) {
      if (field) {
        present.add(name);
      }
    }
    const idField = findField(frame, names.findingIdField);
    const accountField = findField(frame, names.accountField);
    // A document frame has a finding id; a terms table has the count metric and metric columns.
    const countField = idField ? undefined : findField(frame, COUNT_COLUMN);
    const occurrencesField = idField ? findField(frame, names.occurrencesField) : findMetricField(frame, 'Sum');
    const accountCountField = idField ? undefined : findMetricField(frame, 'Unique Count');
    const firstSeenField = idField ? findField(frame, FIRST_SEEN_FIELD) ?? findField(frame, names.timeField) : findMetricField(frame, 'Min');
    const lastSeenField = idField ? findField(frame, LAST_SEEN_FIELD) ?? findField(frame, names.timeField) : findMetricField(frame, 'Max');
    for (let index = 0; index < frame.length; index++) {
      const findings = countField ? numberAt(countField, index) ?? 0 : 1;
      if (findings <= 0) {
        continue;
      }
      rows.push({
        findingType: stringAt(typeField, index),
        threatPurpose: stringAt(purposeField, index),
        resourceType: stringAt(resourceField, index),
        band: toBand(stringAt(severityField, index)),
        findings,
        findingId: stringAt(idField, index),
        occurrences: numberAt(occurrencesField, index),
        accountId: stringAt(accountField, index),
        accountCount: numberAt(accountCountField, index),
        firstSeenMs: timeAt(firstSeenField, index),
        lastSeenMs: timeAt(lastSeenField, index),
      });
    }
  }
  return { rows, present };
}
