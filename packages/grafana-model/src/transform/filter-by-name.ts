import type { Frame } from '../types';
import type { FieldMatcher } from './matchers';
import { namesOrPatternMatcher } from './matchers';
import type { Options } from './options';

/**
 * Keeps the fields `include` matches, minus those `exclude` matches (Grafana's filterFields): a
 * frame left without fields is dropped; with neither matcher the frames pass unchanged.
 */
export function filterFields(frames: readonly Frame[], include: FieldMatcher | undefined, exclude: FieldMatcher | undefined): Frame[] {
  if (include === undefined && exclude === undefined) return [...frames];
  const kept: Frame[] = [];
  for (const frame of frames) {
    const fields = frame.fields.filter((field) => {
      if (exclude?.(field, frame, frames)) return false;
      return include === undefined || include(field, frame, frames);
    });
    if (fields.length > 0) kept.push({ ...frame, fields });
  }
  return kept;
}

/** `filterFieldsByName`: include/exclude by display name (`names`) or regular expression (`pattern`). */
export function filterFieldsByName(frames: readonly Frame[], options: Options): Frame[] {
  const id = 'filterFieldsByName';
  return filterFields(frames, namesOrPatternMatcher(options.include, id), namesOrPatternMatcher(options.exclude, id));
}
