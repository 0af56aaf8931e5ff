import type { Frame } from '../types';
import { fieldDisplayName } from './display-name';
import { filterFields } from './filter-by-name';
import { OptionReader, type Options } from './options';

/**
 * `organize`: Grafana's filter, order and rename in that order, each by display name. Excluded
 * fields go; `includeByName`, when it lists any, keeps only those; fields are sorted by
 * `indexByName` (unlisted ones last, in their order); `renameByName` sets the display name, which
 * is what later transformations and the table header see (`field.name` stays).
 */
export function organize(frames: readonly Frame[], options: Options): Frame[] {
  const read = new OptionReader('organize', options);
  const excluded = new Set(read.flags('excludeByName'));
  const included = new Set(read.flags('includeByName'));
  const filtered = filterFields(
    frames,
    included.size === 0 ? undefined : (field, frame, all) => included.has(fieldDisplayName(field, frame, all)),
    excluded.size === 0 ? undefined : (field, frame, all) => excluded.has(fieldDisplayName(field, frame, all)),
  );

  const indexByName = read.numbers('indexByName');
  const position = (name: string): number => (Number.isInteger(indexByName[name]) ? (indexByName[name] as number) : Number.MAX_SAFE_INTEGER);
  const ordered =
    Object.keys(indexByName).length === 0
      ? filtered
      : filtered.map((frame) => ({
          ...frame,
          // Array.prototype.sort is stable: unlisted fields keep their order.
          fields: [...frame.fields].sort((a, b) => position(fieldDisplayName(a, frame, filtered)) - position(fieldDisplayName(b, frame, filtered))),
        }));

  const renameByName = read.texts('renameByName');
  if (Object.keys(renameByName).length === 0) return ordered;
  return ordered.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      const renamed = renameByName[fieldDisplayName(field, frame)];
      return renamed === undefined || renamed === '' ? field : { ...field, config: { ...field.config, displayName: renamed } };
    }),
  }));
}
