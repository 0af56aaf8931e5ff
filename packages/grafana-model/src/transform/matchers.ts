import type { Field, Frame } from '../types';
import { fieldDisplayName } from './display-name';
import { TransformationError } from './errors';
import { isRecord } from './options';

/** Whether a field takes part in a transformation (Grafana's FieldMatcher). */
export type FieldMatcher = (field: Field, frame: Frame, allFrames: readonly Frame[]) => boolean;

/**
 * A name pattern as Grafana's stringToJsRegex reads it: `/source/flags`, or else the whole name
 * must match.
 */
export function nameRegex(pattern: string): RegExp {
  const slashed = /^\/(.*)\/([gimsuy]*)$/s.exec(pattern);
  return slashed ? new RegExp(slashed[1] ?? '', slashed[2]) : new RegExp(`^${pattern}$`);
}

/** Fields whose display name is one of `names` or matches `pattern` (filterFieldsByName's include/exclude). */
export function namesOrPatternMatcher(spec: unknown, id: string): FieldMatcher | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isRecord(spec)) throw new TransformationError(`a name matcher must be an object with names or pattern, got ${JSON.stringify(spec)}`, id);
  const names = Array.isArray(spec.names) ? spec.names.filter((n): n is string => typeof n === 'string') : [];
  const pattern = typeof spec.pattern === 'string' && spec.pattern !== '' ? nameRegex(spec.pattern) : undefined;
  if (names.length === 0 && pattern === undefined) return undefined;
  const wanted = new Set(names);
  return (field, frame, allFrames) => {
    const name = fieldDisplayName(field, frame, allFrames);
    return wanted.has(name) || (pattern?.test(name) ?? false);
  };
}

/** A `MatcherConfig` (`{id, options}`) such as reduce's `fields`; only the name and type matchers are modelled. */
export function configuredMatcher(config: unknown, id: string): FieldMatcher {
  if (!isRecord(config) || typeof config.id !== 'string') throw new TransformationError(`fields must be a matcher {id, options}, got ${JSON.stringify(config)}`, id);
  const options = config.options;
  switch (config.id) {
    case 'byName':
      return (field, frame, allFrames) => fieldDisplayName(field, frame, allFrames) === options;
    case 'byNames':
      return namesOrPatternMatcher(options, id) ?? (() => false);
    case 'byRegexp':
      if (typeof options !== 'string') throw new TransformationError('byRegexp needs a pattern string', id);
      return (field, frame, allFrames) => nameRegex(options).test(fieldDisplayName(field, frame, allFrames));
    case 'byType':
      return (field) => field.type === options;
    case 'numeric':
      return (field) => field.type === 'number';
    default:
      throw new TransformationError(`field matcher "${config.id}" is not supported (byName, byNames, byRegexp, byType, numeric are)`, id);
  }
}

export const notTimeField: FieldMatcher = (field) => field.type !== 'time';
export const anyField: FieldMatcher = () => true;
