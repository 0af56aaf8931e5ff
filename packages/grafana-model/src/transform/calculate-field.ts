import type { Field, Frame } from '../types';
import { fieldDisplayName, frameLength } from './display-name';
import { TransformationError } from './errors';
import { configuredMatcher, namesOrPatternMatcher, type FieldMatcher } from './matchers';
import { isRecord, OptionReader, type Options } from './options';
import { FIELD_REDUCERS } from './reducers';

const ID = 'calculateField';

const BINARY: Readonly<Record<string, (left: number, right: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '^': (a, b) => a ** b,
};

/** A cell as an operand: JavaScript's arithmetic coercion, which Grafana's operators rely on (null is 0). */
function operand(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string') return Number(value);
  return Number.NaN;
}

/** An operand: a field matched by display name, or a fixed number (Grafana's BinaryValue, or the older plain string). */
type BinaryValue = { readonly field: string } | { readonly fixed: number } | undefined;

function binaryValue(raw: unknown, fieldNames: ReadonlySet<string>): BinaryValue {
  if (typeof raw === 'string') {
    // The older form: a name, unless it is a number that no field is called.
    if (Number.isNaN(Number(raw)) || fieldNames.has(raw)) return { field: raw };
    return raw === '' ? undefined : { fixed: Number(raw) };
  }
  if (!isRecord(raw)) return undefined;
  if (isRecord(raw.matcher) && raw.matcher.id === 'byName' && typeof raw.matcher.options === 'string') return { field: raw.matcher.options };
  if (isRecord(raw.matcher) && raw.matcher.id !== undefined) throw new TransformationError(`binary operand matcher "${String(raw.matcher.id)}" is not supported (byName is)`, ID);
  const fixed = typeof raw.fixed === 'number' ? raw.fixed : typeof raw.fixed === 'string' ? Number.parseFloat(raw.fixed) : Number.NaN;
  return Number.isNaN(fixed) ? undefined : { fixed };
}

function operandValues(value: BinaryValue, frame: Frame, frames: readonly Frame[]): unknown[] | undefined {
  if (value === undefined) return undefined;
  if ('fixed' in value) return new Array<number>(frameLength(frame)).fill(value.fixed);
  return frame.fields.find((f) => fieldDisplayName(f, frame, frames) === value.field)?.values;
}

/** Values for one frame, or undefined when the frame lacks what the calculation needs. */
type Creator = (frame: Frame, frames: readonly Frame[]) => unknown[] | undefined;

function binaryCreator(read: OptionReader, frames: readonly Frame[]): { creator: Creator; name: string; fixedRight: boolean } {
  const binary = read.record('binary') ?? {};
  const fieldNames = new Set(frames.flatMap((f) => f.fields.map((field) => field.name)));
  const operator = typeof binary.operator === 'string' ? binary.operator : '+';
  const operation = BINARY[operator];
  if (operation === undefined) throw new TransformationError(`binary operator "${operator}" is not one of ${Object.keys(BINARY).join(' ')}`, ID);
  const left = binaryValue(binary.left, fieldNames);
  const right = binaryValue(binary.right, fieldNames);
  const label = (v: BinaryValue): string => (v === undefined ? '' : 'field' in v ? v.field : String(v.fixed));
  return {
    name: `${label(left)} ${operator} ${label(right)}`.replace(/\$/g, ''),
    fixedRight: right !== undefined && 'fixed' in right,
    creator: (frame, all) => {
      const a = operandValues(left, frame, all);
      const b = operandValues(right, frame, all);
      if (a === undefined || b === undefined) return undefined;
      return a.map((v, i) => operation(operand(v), operand(b[i])));
    },
  };
}

function reduceRowCreator(read: OptionReader): { creator: Creator; name: string } {
  const options = read.record('reduce') ?? {};
  const reducerId = typeof options.reducer === 'string' ? options.reducer : 'sum';
  const reducer = FIELD_REDUCERS[reducerId];
  if (reducer === undefined) throw new TransformationError(`reducer "${reducerId}" is not supported (${Object.keys(FIELD_REDUCERS).join(', ')} are)`, ID);
  const include = Array.isArray(options.include) && options.include.length > 0 ? namesOrPatternMatcher({ names: options.include }, ID) : undefined;
  const matcher: FieldMatcher = include ?? configuredMatcher({ id: 'numeric' }, ID);
  return {
    name: reducer.name,
    creator: (frame, all) => {
      const columns = frame.fields.filter((f) => matcher(f, frame, all));
      return Array.from({ length: frameLength(frame) }, (_, row) => reducer.reduce({ name: 'row', type: 'number', values: columns.map((c) => c.values[row]) }));
    },
  };
}

/**
 * Grafana's `calculateField` ("Add field from calculation") in its `binary`, `reduceRow` and
 * `index` modes: a number field named by `alias` (or as Grafana names it) appended to each frame,
 * or with `replaceFields` alone beside the frame's time field. A frame that lacks an operand is
 * left as is (dropped with `replaceFields`).
 */
export function calculateField(frames: readonly Frame[], options: Options): Frame[] {
  const read = new OptionReader(ID, options);
  const mode = read.string('mode') ?? 'reduceRow';
  const replace = read.boolean('replaceFields') === true;
  const timeSeries = read.boolean('timeSeries') !== false;
  const alias = read.string('alias');

  if (mode === 'index') {
    const asPercentile = isRecord(options.index) && options.index.asPercentile === true;
    return frames.map((frame) => {
      const length = frameLength(frame);
      const field: Field = { name: alias || 'Row', type: 'number', config: asPercentile ? { unit: 'percentunit' } : {}, values: Array.from({ length }, (_, i) => (asPercentile ? i / length : i)) };
      return { ...frame, fields: replace ? [field] : [...frame.fields, field] };
    });
  }

  let calculation: { creator: Creator; name: string; fixedRight?: boolean };
  if (mode === 'binary') calculation = binaryCreator(read, frames);
  else if (mode === 'reduceRow') calculation = reduceRowCreator(read);
  else throw new TransformationError(`mode "${mode}" is not supported (binary, reduceRow, index are)`, ID);

  // Grafana first joins several time series on time (ensureColumns) unless the right operand is fixed.
  const timed = frames.filter((f) => f.fields.some((field) => field.type === 'time'));
  if (timeSeries && calculation.fixedRight !== true && frames.length > 1 && timed.length === frames.length) {
    throw new TransformationError('joining several time series frames on time before calculating (ensureColumns) is not modelled', ID);
  }

  const name = alias || calculation.name;
  return frames.flatMap((frame): Frame[] => {
    const values = calculation.creator(frame, frames);
    if (values === undefined) return replace ? [] : [frame];
    const field: Field = { name, type: 'number', config: {}, values };
    if (!replace) return [{ ...frame, fields: [...frame.fields, field] }];
    const time = timeSeries ? frame.fields.find((f) => f.type === 'time') : undefined;
    return [{ ...frame, fields: time === undefined ? [field] : [time, field] }];
  });
}
