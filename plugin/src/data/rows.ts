import { severityLabel } from '@gdlens/finding-model';
import { type DataFrame, type Field, FieldType } from '@grafana/data';
import { COUNT_COLUMN } from '../constants';
import type { Band, FieldNames } from '../types';
import { toBand } from './bands';
import { findField, findMetricField, findTimeField, labelValue, numberAt, stringAt, timeAt } from './fields';

/** Document fields for first and last sighting and the numeric severity (ingest's `FindingDocument`). */
const FIRST_SEEN_FIELD = 'first_seen';
const LAST_SEEN_FIELD = 'last_seen';
const SEVERITY_SCORE_FIELD = 'severity';

/**
 * One row of a terms table, one labelled series, or one finding document, reduced to what the
 * views read. A terms row or series stands for `findings` documents; a document for one.
 */
export interface FindingRow {
  findingType?: string;
  threatPurpose?: string;
  resourceType?: string;
  band?: Band;
  /** Finding documents this row stands for (the terms `Count`, a series' sum, or 1 for a document). */
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

const dimensionNames = (names: FieldNames): string[] => [names.findingTypeField, names.threatPurposeField, names.resourceTypeField, names.severityField];

/** The band of a row: the label field, else a numeric severity score (`Max severity` metric). */
function bandOf(label: string | undefined, score: number | undefined): Band | undefined {
  return toBand(label) ?? (score === undefined ? undefined : toBand(severityLabel(score)));
}

/** A table (terms rows or documents): dimension values are columns. */
function readTable(frame: DataFrame, names: FieldNames, rows: FindingRow[], present: Set<string>): void {
  const typeField = findField(frame, names.findingTypeField);
  const purposeField = findField(frame, names.threatPurposeField);
  const resourceField = findField(frame, names.resourceTypeField);
  const severityField = findField(frame, names.severityField);
  for (const [name, field] of [
    [names.findingTypeField, typeField],
    [names.threatPurposeField, purposeField],
    [names.resourceTypeField, resourceField],
    [names.severityField, severityField],
  ] as const) {
    if (field) {
      present.add(name);
    }
  }
  const idField = findField(frame, names.findingIdField);
  const isDocuments = idField !== undefined;
  // Documents carry the values; a terms table carries the count metric and metric columns.
  const countField = isDocuments ? undefined : findField(frame, COUNT_COLUMN);
  const occurrencesField = isDocuments ? findField(frame, names.occurrencesField) : findMetricField(frame, 'Sum', names.occurrencesField);
  const accountField = isDocuments ? findField(frame, names.accountField) : undefined;
  const accountCountField = isDocuments ? undefined : findMetricField(frame, 'Unique Count', names.accountField);
  const firstSeenField = isDocuments ? findField(frame, FIRST_SEEN_FIELD) ?? findField(frame, names.timeField) : findMetricField(frame, 'Min', FIRST_SEEN_FIELD);
  const lastSeenField = isDocuments ? findField(frame, LAST_SEEN_FIELD) ?? findField(frame, names.timeField) : findMetricField(frame, 'Max', LAST_SEEN_FIELD);
  const scoreField = isDocuments ? findField(frame, SEVERITY_SCORE_FIELD) : findMetricField(frame, 'Max', SEVERITY_SCORE_FIELD, false);
  for (let index = 0; index < frame.length; index++) {
    const findings = countField ? numberAt(countField, index) ?? 0 : 1;
    if (findings <= 0) {
      continue;
    }
    rows.push({
      findingType: stringAt(typeField, index),
      threatPurpose: stringAt(purposeField, index),
      resourceType: stringAt(resourceField, index),
      band: bandOf(stringAt(severityField, index), numberAt(scoreField, index)),
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

/**
 * Time series under terms (the data source's answer to nested terms ending in a date histogram):
 * each value field is labelled with its buckets' keys, and its points add up to its findings.
 */
function readSeries(frame: DataFrame, valueFields: Field[], names: FieldNames, rows: FindingRow[], present: Set<string>): void {
  const timeField = findTimeField(frame, names.timeField);
  for (const field of valueFields) {
    const labels = field.labels;
    for (const name of dimensionNames(names)) {
      if (labelValue(labels, name) !== undefined) {
        present.add(name);
      }
    }
    let findings = 0;
    let firstSeenMs: number | undefined;
    let lastSeenMs: number | undefined;
    for (let index = 0; index < frame.length; index++) {
      const value = numberAt(field, index) ?? 0;
      if (value > 0) {
        findings += value;
        const timeMs = timeAt(timeField, index);
        if (timeMs !== undefined) {
          firstSeenMs = firstSeenMs === undefined ? timeMs : Math.min(firstSeenMs, timeMs);
          lastSeenMs = lastSeenMs === undefined ? timeMs : Math.max(lastSeenMs, timeMs);
        }
      }
    }
    if (findings > 0) {
      rows.push({
        findingType: labelValue(labels, names.findingTypeField),
        threatPurpose: labelValue(labels, names.threatPurposeField),
        resourceType: labelValue(labels, names.resourceTypeField),
        band: toBand(labelValue(labels, names.severityField)),
        findings,
        firstSeenMs,
        lastSeenMs,
      });
    }
  }
}

/**
 * Reads terms tables, labelled time series and Raw Data frames into rows. Frames that carry none
 * of the dimension fields (another target's table, an unsplit series) are passed over, not
 * rejected, so a panel can mix targets.
 */
export function toFindingRows(frames: readonly DataFrame[], names: FieldNames): FindingRows {
  const rows: FindingRow[] = [];
  const present = new Set<string>();
  const dimensions = dimensionNames(names);
  for (const frame of frames) {
    if (dimensions.some((name) => findField(frame, name) !== undefined)) {
      readTable(frame, names, rows, present);
      continue;
    }
    const labelled = frame.fields.filter(
      (field) => field.type === FieldType.number && dimensions.some((name) => labelValue(field.labels, name) !== undefined)
    );
    if (labelled.length > 0) {
      readSeries(frame, labelled, names, rows, present);
    }
  }
  return { rows, present };
}
