import type { Field, Frame } from '../types';
import { fieldDisplayName } from './display-name';
import { OptionReader, type Options } from './options';

const ID = 'groupingToMatrix';

/** What an empty cell holds (Grafana's SpecialValue). */
function emptyCell(emptyValue: string): unknown {
  switch (emptyValue) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case 'zero':
      return 0;
    default:
      // 'empty', and whatever Grafana does not know, as Grafana does.
      return '';
  }
}

/**
 * Grafana's `groupingToMatrix`: one row per distinct `rowField` value, one column per distinct
 * `columnField` value (first-seen order), cells from `valueField` (the last value wins when a
 * pair repeats) or `emptyValue`. Fields are found by display name. It works on a single frame
 * only: with several frames, or a named field missing, the frames pass unchanged, as in Grafana.
 */
export function groupingToMatrix(frames: readonly Frame[], options: Options): Frame[] {
  const read = new OptionReader(ID, options);
  const columnName = read.string('columnField') || 'Time';
  const rowName = read.string('rowField') || 'Time';
  const valueName = read.string('valueField') || 'Value';
  const empty = emptyCell(read.string('emptyValue') || 'empty');
  const [frame] = frames;
  if (frame === undefined || frames.length !== 1) return [...frames];
  const find = (name: string): Field | undefined => frame.fields.find((field) => fieldDisplayName(field) === name);
  const columnField = find(columnName);
  const rowField = find(rowName);
  const valueField = find(valueName);
  if (columnField === undefined || rowField === undefined || valueField === undefined) return [...frames];

  const columns = [...new Set(columnField.values)];
  const rows = [...new Set(rowField.values)];
  const cells = new Map<unknown, Map<unknown, unknown>>();
  valueField.values.forEach((value, i) => {
    const column = columnField.values[i];
    const cell = cells.get(column) ?? new Map<unknown, unknown>();
    cell.set(rowField.values[i], value);
    cells.set(column, cell);
  });
  const fields: Field[] = [{ name: `${rowName}\\${columnName}`, type: rowField.type, config: {}, values: rows }];
  // The value field's display name (e.g. from organize) is dropped: the columns are named by their values.
  const { displayName: _displayName, ...config } = valueField.config ?? {};
  for (const column of columns) {
    const cell = cells.get(column);
    fields.push({ name: String(column), type: valueField.type, config: { ...config }, values: rows.map((row) => cell?.get(row) ?? empty) });
  }
  return [{ fields }];
}
