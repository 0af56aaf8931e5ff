import { formatDurationSec, parseDurationSec } from '../../src';

describe('durations', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['7d', 604800],
    ['0', 0],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDurationSec(text)).toBe(seconds);
  });

  it.each(['', '5', 'm5', '5 m', '5ms', '1h 2m'])('%j is refused', (text) => {
    expect(() => parseDurationSec(text)).toThrow(/not a duration/);
  });

  it.each([
    [0, '0s'],
    [45, '45s'],
    [600, '10m'],
    [43200, '12h'],
    [604800, '1w'],
  ])('%i seconds is written %s', (seconds, text) => {
    expect(formatDurationSec(seconds)).toBe(text);
  });
});
