import type { Field, Frame } from '../types';
import { frameLength } from './display-name';

type Row = Record<string, unknown>;

/** Whether `row` agrees with `existing` on every column both have (null in `existing` agrees with anything). */
function mergeable(existing: Row, row: Row): boolean {
  return Object.keys(row).every((name) => !(name in existing) || existing[name] === null || existing[name] === undefined || existing[name] === row[name]);
}

/**
 * Grafana's `merge`: several tables into one. Columns are united by field name (labels and
 * display names dropped). Columns present in every frame form a row key; a row joins an earlier
 * row with the same key when they agree on every column they share, else it is a new row. When no
 * column is shared by all frames the frames pass unchanged, as in Grafana.
 */
export function merge(frames: readonly Frame[]): Frame[] {
  if (frames.length <= 1) return [...frames];
  const data = frames.filter((frame) => frame.fields.length > 0);
  if (data.length === 0) return frames.slice(0, 1);

  const columns: Field[] = [];
  const seen = new Set<string>();
  for (const frame of data) {
    for (const field of frame.fields) {
      if (seen.has(field.name)) continue;
      seen.add(field.name);
      const { displayName: _displayName, ...config } = field.config ?? {};
      columns.push({ name: field.name, type: field.type, config, values: [] });
    }
  }
  const keyNames = columns.map((c) => c.name).filter((name) => data.every((frame) => frame.fields.some((f) => f.name === name)));
  if (keyNames.length === 0) return [...frames];

  const rowsByKey = new Map<string, Row[]>();
  const order: Array<{ key: string; index: number }> = [];
  for (const frame of data) {
    const byName = new Map<string, Field>();
    // The first field of a name wins, as Grafana indexes a frame's fields by name.
    for (const field of frame.fields) if (!byName.has(field.name)) byName.set(field.name, field);
    for (let i = 0; i < frameLength(frame); i += 1) {
      const key = keyNames.map((name) => String(byName.get(name)?.values[i])).join('');
      const row: Row = Object.fromEntries([...byName].map(([name, field]) => [name, field.values[i]]));
      const rows = rowsByKey.get(key);
      if (rows === undefined) {
        rowsByKey.set(key, [row]);
        order.push({ key, index: 0 });
        continue;
      }
      let merged = false;
      for (let r = 0; r < rows.length; r += 1) {
        const existing = rows[r] as Row;
        if (!mergeable(existing, row)) continue;
        rows[r] = { ...existing, ...row };
        merged = true;
      }
      if (!merged) {
        rows.push(row);
        order.push({ key, index: rows.length - 1 });
      }
    }
  }
  for (const { key, index } of order) {
    const row = rowsByKey.get(key)?.[index];
    if (row === undefined) continue;
    for (const column of columns) column.values.push(row[column.name] ?? null);
  }
  return [{ fields: columns }];
}
