import { UsageError } from '../errors';

/**
 * A whole-number flag value: `fallback` when the flag is absent, a usage error naming the flag
 * when the value is not a whole number of at least `min`.
 */
export function wholeNumber(text: string | undefined, flag: string, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got '${text}'`);
  return value;
}
