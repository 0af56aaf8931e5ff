import { TransformationError } from './errors';

/** A transformation's `options` object, read defensively: dashboards are user files. */
export type Options = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed values out of one transformation's options; a wrong type names the option. */
export class OptionReader {
  constructor(
    private readonly id: string,
    private readonly options: Options,
  ) {}

  private fail(key: string, expected: string): never {
    throw new TransformationError(`option ${key} must be ${expected}, got ${JSON.stringify(this.options[key])}`, this.id);
  }

  string(key: string): string | undefined {
    const value = this.options[key];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : this.fail(key, 'a string');
  }

  boolean(key: string): boolean | undefined {
    const value = this.options[key];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'boolean' ? value : this.fail(key, 'true or false');
  }

  strings(key: string): string[] | undefined {
    const value = this.options[key];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : this.fail(key, 'a list of strings');
  }

  record(key: string): Record<string, unknown> | undefined {
    const value = this.options[key];
    if (value === undefined || value === null) return undefined;
    return isRecord(value) ? value : this.fail(key, 'an object');
  }

  /** `{name: true}` style maps (organize's excludeByName): the names set to true. */
  flags(key: string): string[] {
    return Object.entries(this.record(key) ?? {})
      .filter(([, on]) => on === true)
      .map(([name]) => name);
  }

  /** `{name: number}` maps (organize's indexByName). */
  numbers(key: string): Record<string, number> {
    const entries = Object.entries(this.record(key) ?? {});
    if (entries.some(([, v]) => typeof v !== 'number')) this.fail(key, 'a map of numbers');
    return Object.fromEntries(entries) as Record<string, number>;
  }

  /** `{name: string}` maps (organize's renameByName). */
  texts(key: string): Record<string, string> {
    const entries = Object.entries(this.record(key) ?? {});
    if (entries.some(([, v]) => typeof v !== 'string')) this.fail(key, 'a map of strings');
    return Object.fromEntries(entries) as Record<string, string>;
  }
}
