import { formatDurationSec, parseDurationSec } from './duration';
import { RuleParameterError } from './errors';
import { pentestExclusion } from './lucene';
import type { PentestWindow } from './settings';

/** A tunable of one rule: a window, a threshold, a list of names… */
export type ParamSpec =
  | { kind: 'duration'; defaultSec: number; doc: string }
  | { kind: 'number'; default: number; doc: string; min?: number }
  | { kind: 'list'; default: readonly string[]; doc: string };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** Resolved parameter values: durations in seconds, numbers, string lists. */
export type ParamValues = Readonly<Record<string, number | readonly string[]>>;

/** `{ ruleUid: { param: rawText } }`, as given by `--set RULE_UID.PARAM=VALUE`. */
export type ParamOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Parses `RULE_UID.PARAM=VALUE` items into overrides; the rule and parameter are checked later. */
export function parseSetArguments(items: readonly string[]): ParamOverrides {
  const result: Record<string, Record<string, string>> = {};
  for (const item of items) {
    const match = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(item);
    if (!match) throw new RuleParameterError(`--set expects RULE_UID.PARAM=VALUE, got '${item}'`);
    const [, uid = '', param = '', value = ''] = match;
    (result[uid] ??= {})[param] = value;
  }
  return result;
}

/** Defaults of a rule's parameters, replaced by any overrides; throws on an unknown name or bad value. */
export function resolveParams(ruleUid: string, specs: ParamSpecs, overrides: Readonly<Record<string, string>> = {}): ParamValues {
  const values: Record<string, number | readonly string[]> = {};
  for (const [name, spec] of Object.entries(specs)) {
    values[name] = spec.kind === 'duration' ? spec.defaultSec : spec.default;
  }
  for (const [name, raw] of Object.entries(overrides)) {
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs).join(', ') || 'none';
      throw new RuleParameterError(`rule ${ruleUid} has no parameter '${name}' (its parameters: ${known})`);
    }
    values[name] = parseValue(ruleUid, name, spec, raw);
  }
  return values;
}

function parseValue(ruleUid: string, name: string, spec: ParamSpec, raw: string): number | readonly string[] {
  switch (spec.kind) {
    case 'duration': {
      const seconds = parseDurationSec(raw);
      if (seconds <= 0) throw new RuleParameterError(`${ruleUid}.${name} must be a positive duration, got '${raw}'`);
      return seconds;
    }
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new RuleParameterError(`${ruleUid}.${name} must be a number, got '${raw}'`);
      if (spec.min !== undefined && value < spec.min) throw new RuleParameterError(`${ruleUid}.${name} must be at least ${spec.min}, got ${value}`);
      return value;
    }
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
  }
}

/** Reads a duration parameter (seconds). */
export function durationParam(values: ParamValues, name: string): number {
  const value = values[name];
  if (typeof value !== 'number') throw new RuleParameterError(`parameter ${name} is not a duration`);
  return value;
}

/** Reads a number parameter. */
export function numberParam(values: ParamValues, name: string): number {
  const value = values[name];
  if (typeof value !== 'number') throw new RuleParameterError(`parameter ${name} is not a number`);
  return value;
}

/** Reads a list parameter. */
export function listParam(values: ParamValues, name: string): readonly string[] {
  const value = values[name];
  if (!Array.isArray(value)) throw new RuleParameterError(`parameter ${name} is not a list`);
  return value as readonly string[];
}

/** The parameter that switches a findings rule's pentest exclusion on (1) or off (0, the default). */
export const IGNORE_PENTEST_WINDOWS = {
  kind: 'number',
  default: 0,
  doc: '1: findings of an account inside one of its declared pentest windows (pentest tags with an account and an end, by event time) are left out; 0: every finding counts. See docs/tags.md.',
  min: 0,
} as const satisfies ParamSpec;

/** The pentest clause a findings rule appends to its query, per its `ignorePentestWindows` parameter. */
export function pentestClause(values: ParamValues, windows: readonly PentestWindow[] | undefined): string {
  return numberParam(values, 'ignorePentestWindows') >= 1 ? pentestExclusion(windows ?? []) : '';
}

/** Describes a parameter's default for docs and `--help`. */
export function describeDefault(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'duration':
      return formatDurationSec(spec.defaultSec);
    case 'number':
      return String(spec.default);
    case 'list':
      return spec.default.join(',');
  }
}
