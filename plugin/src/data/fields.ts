import { type DataFrame, type Field, FieldType } from '@grafana/data';

/**
 * Keyword sub-fields that aggregations run on: gdlens maps `threat_purpose` with a lowercasing
 * normalizer and keeps the original casing in `threat_purpose.raw`; default OpenSearch dynamic
 * mappings put it in `.keyword`. A terms target names its column (or label) after the sub-field.
 */
const AGGREGATABLE_SUFFIXES = ['', '.raw', '.keyword'];

/**
 * The field a frame holds under `name` (or its `.raw`/`.keyword` sub-field). Terms tables name a
 * field after its terms field and Raw Data frames after the flattened `_source` key, so the plain
 * name matches both; the display name the data source sets is tried as well.
 */
export function findField(frame: DataFrame, name: string): Field | undefined {
  for (const suffix of AGGREGATABLE_SUFFIXES) {
    const field = frame.fields.find((candidate) => candidate.name === name + suffix);
    if (field) {
      return field;
    }
  }
  return frame.fields.find((field) => field.config?.displayNameFromDS === name);
}

/** A series label for `name` or its `.raw`/`.keyword` sub-field. */
export function labelValue(labels: Record<string, string> | undefined, name: string): string | undefined {
  if (!labels) {
    return undefined;
  }
  for (const suffix of AGGREGATABLE_SUFFIXES) {
    const value = labels[name + suffix];
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

/**
 * A terms-table metric column. The data source names it after the metric (`Sum`, `Unique Count`,
 * `Max`), adding the field (`Max last_seen`) only when the target has two metrics of that type.
 */
export function findMetricField(frame: DataFrame, metric: string, field: string, bareNameAllowed = true): Field | undefined {
  const numeric = frame.fields.filter((candidate) => candidate.type === FieldType.number);
  return (
    numeric.find((candidate) => candidate.name === `${metric} ${field}`) ??
    (bareNameAllowed ? numeric.find((candidate) => candidate.name === metric) : undefined)
  );
}

/** A non-empty string at row `index`; numbers are printed (account ids can arrive as numbers). */
export function stringAt(field: Field | undefined, index: number): string | undefined {
  const value: unknown = field?.values[index];
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

/** A finite number at row `index`, reading numeric strings too (Raw Data keeps `_source` as sent). */
export function numberAt(field: Field | undefined, index: number): number | undefined {
  const value: unknown = field?.values[index];
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Epoch milliseconds at row `index`, from epoch numbers or ISO-8601 strings. */
export function timeAt(field: Field | undefined, index: number): number | undefined {
  const value: unknown = field?.values[index];
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string' && value !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The frame's time field: a field typed `time`, else one named `timeFieldName`. */
export function findTimeField(frame: DataFrame, timeFieldName: string): Field | undefined {
  return frame.fields.find((field) => field.type === FieldType.time) ?? findField(frame, timeFieldName);
}
