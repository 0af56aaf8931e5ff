import { wholeNumber } from '../../src/cli/args';
import { UsageError } from '../../src/errors';

describe('wholeNumber', () => {
  it('gives the fallback when the flag is absent and the number when it is given', () => {
    expect(wholeNumber(undefined, '--findings', 3000)).toBe(3000);
    expect(wholeNumber('12', '--findings', 3000)).toBe(12);
    expect(wholeNumber('0', '--seed', 7, 0)).toBe(0);
  });

  it.each([
    ['0', 1, "--n must be a whole number ≥ 1, got '0'"],
    ['1.5', 1, "--n must be a whole number ≥ 1, got '1.5'"],
    ['abc', 0, "--n must be a whole number ≥ 0, got 'abc'"],
    ['-2', 0, "--n must be a whole number ≥ 0, got '-2'"],
  ])('rejects %s (min %d) with a usage error naming the flag', (text, min, message) => {
    expect(() => wholeNumber(text, '--n', 5, min)).toThrow(UsageError);
    expect(() => wholeNumber(text, '--n', 5, min)).toThrow(message);
  });
});
