import type { Field, Frame } from '../types';
import { fieldDisplayName } from './display-name';
import { TransformationError } from './errors';
import { guessFieldType } from './guess-type';
import { anyField, configuredMatcher, notTimeField, type FieldMatcher } from './matchers';
import { OptionReader, type Options } from './options';
import { FIELD_REDUCERS } from './reducers';

const ID = 'reduce';

function reducersOf(ids: readonly string[]): Array<{ id: string; name: string; reduce: (field: Field) => unknown }> {
  return ids.map((id) => {
    const reducer = FIELD_REDUCERS[id];
    if (reducer === undefined) throw new TransformationError(`reducer "${id}" is not supported (${Object.keys(FIELD_REDUCERS).join(', ')} are)`, ID);
    return { id, ...reducer };
  });
}

/** Distinct label keys over every field of every frame, in first-seen order. */
function labelKeys(frames: readonly Frame[]): string[] {
  const keys = new Set<string>();
  for (const frame of frames) for (const field of frame.fields) for (const key of Object.keys(field.labels ?? {})) keys.add(key);
  return [...keys];
}

/**
 * Grafana's mergeResults: the rows of every frame appended to the first frame's columns, a
 * column taking the values of the same-named, same-typed column (and the first column always the
 * first column's), so frames with different shapes line up only where they agree.
 */
function appendRows(frames: readonly Frame[]): Frame | undefined {
  const [base, ...rest] = frames;
  if (base === undefined) return undefined;
  const fields = base.fields.map((field) => ({ ...field, values: [...field.values] }));
  for (const frame of rest) {
    fields.forEach((baseField, baseIndex) => {
      frame.fields.forEach((field, index) => {
        const firstColumn = baseIndex === 0 && index === 0;
        if (firstColumn || (baseField.type === field.type && baseField.name === field.name)) baseField.values.push(...field.values);
      });
    });
  }
  const { name: _name, ...unnamed } = base;
  return { ...unnamed, fields };
}

/**
 * `seriesToRows`: one row per matching field of every frame: a `Field` column (the display name,
 * or with `labelsToFields` the field name plus one column per label key), then one column per
 * reducer titled as Grafana titles it (sum → `Total`).
 */
function seriesToRows(frames: readonly Frame[], matcher: FieldMatcher, reducerIds: readonly string[], labelsToFields: boolean): Frame[] {
  const reducers = reducersOf(reducerIds);
  const keys = labelsToFields ? labelKeys(frames) : [];
  const rows = frames.map((frame): Frame => {
    const source = frame.fields.filter((field) => matcher(field, frame, frames));
    const names = source.map((field) => (labelsToFields ? field.name : fieldDisplayName(field, frame, frames)));
    const labelColumns: Field[] = keys.map((key) => ({ name: key, type: 'string', config: {}, values: source.map((field) => field.labels?.[key] ?? null) }));
    const reduced: Field[] = reducers.map((reducer) => {
      const values = source.map((field) => reducer.reduce(field));
      return { name: reducer.name, type: guessFieldType(values), config: {}, values };
    });
    return { ...frame, fields: [{ name: 'Field', type: 'string', config: {}, values: names }, ...labelColumns, ...reduced] };
  });
  const merged = appendRows(rows);
  return merged === undefined ? [] : [merged];
}

/** `reduceFields`: each frame keeps its matching fields, each reduced to one row per reducer. */
function reduceFields(frames: readonly Frame[], matcher: FieldMatcher, reducerIds: readonly string[]): Frame[] {
  const reducers = reducersOf(reducerIds);
  return frames.flatMap((frame): Frame[] => {
    const fields = frame.fields
      .filter((field) => matcher(field, frame, frames))
      .flatMap((field) =>
        reducers.map((reducer): Field => {
          const value = reducer.reduce(field);
          const labels = reducers.length > 1 ? { ...field.labels, reducer: reducer.name } : field.labels;
          return { ...field, ...(labels === undefined ? {} : { labels }), type: guessFieldType([value]), values: [value] };
        }),
      );
    return fields.length === 0 ? [] : [{ ...frame, fields }];
  });
}

/** Grafana's `reduce` transformation; with no reducers selected the frames pass unchanged. */
export function reduce(frames: readonly Frame[], options: Options): Frame[] {
  const read = new OptionReader(ID, options);
  const reducerIds = read.strings('reducers') ?? [];
  if (reducerIds.length === 0) return [...frames];
  const mode = read.string('mode') ?? 'seriesToRows';
  if (mode !== 'seriesToRows' && mode !== 'reduceFields') throw new TransformationError(`mode "${mode}" is not one of seriesToRows, reduceFields`, ID);
  const fields = options.fields;
  const matcher =
    fields !== undefined && fields !== null
      ? configuredMatcher(fields, ID)
      : read.boolean('includeTimeField') === true && mode === 'reduceFields'
        ? anyField
        : notTimeField;
  return mode === 'reduceFields' ? reduceFields(frames, matcher, reducerIds) : seriesToRows(frames, matcher, reducerIds, read.boolean('labelsToFields') === true);
}
