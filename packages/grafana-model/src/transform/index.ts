/**
 * Grafana's panel transformations, as pure functions over plain-JSON frames: what a panel shows
 * is its query's frames passed through `transformations` in order. Only the transformations the
 * gdlens dashboards use (and their close kin) are modelled; any other id fails by name.
 */
import type { Frame } from '../types';
import { calculateField } from './calculate-field';
import { TransformationError } from './errors';
import { filterFieldsByName } from './filter-by-name';
import { groupingToMatrix } from './grouping-to-matrix';
import { merge } from './merge';
import { isRecord, type Options } from './options';
import { organize } from './organize';
import { reduce } from './reduce';

export { TransformationError } from './errors';
export { fieldDisplayName, formatLabels, frameLength } from './display-name';

/** One entry of a panel's `transformations` list, as the dashboard JSON holds it. */
export interface TransformationConfig {
  id: string;
  options?: Record<string, unknown>;
  disabled?: boolean;
  [extra: string]: unknown;
}

type Transformer = (frames: readonly Frame[], options: Options) => Frame[];

const TRANSFORMERS: Readonly<Record<string, Transformer>> = {
  calculateField,
  filterFieldsByName,
  groupingToMatrix,
  merge: (frames) => merge(frames),
  organize,
  reduce,
};

/** Ids `applyTransformations` can run. */
export const SUPPORTED_TRANSFORMATIONS: readonly string[] = Object.keys(TRANSFORMERS).sort();

/**
 * Runs a panel's transformations over its frames, skipping disabled ones, as Grafana's
 * transformDataFrame does. The input frames are left untouched. An unknown id, a per-transformation
 * frame filter, or options that cannot be used throw a TransformationError naming the
 * transformation's position and id.
 */
export function applyTransformations(frames: readonly Frame[], transformations: readonly unknown[]): Frame[] {
  let current: Frame[] = [...frames];
  transformations.forEach((entry, position) => {
    const where = `#${position + 1}`;
    if (!isRecord(entry) || typeof entry.id !== 'string') throw new TransformationError(`${where} is not {id, options}: ${JSON.stringify(entry)}`, '?');
    if (entry.disabled === true) return;
    const transformer = TRANSFORMERS[entry.id];
    if (transformer === undefined) throw new TransformationError(`${where} is not supported (supported: ${SUPPORTED_TRANSFORMATIONS.join(', ')})`, entry.id);
    // Grafana 10.4+ can limit a transformation to some frames (`filter`) or to annotations (`topic`).
    if (entry.filter !== undefined && entry.filter !== null) throw new TransformationError(`${where}: a frame filter on a transformation is not modelled`, entry.id);
    if (entry.topic !== undefined && entry.topic !== 'series') throw new TransformationError(`${where}: topic "${String(entry.topic)}" is not modelled`, entry.id);
    const options = isRecord(entry.options) ? entry.options : {};
    try {
      current = transformer(current, options);
    } catch (error) {
      if (error instanceof TransformationError) throw new TransformationError(`${where}: ${error.message.replace(/^transformation "[^"]*": /, '')}`, entry.id);
      throw error;
    }
  });
  return current;
}
