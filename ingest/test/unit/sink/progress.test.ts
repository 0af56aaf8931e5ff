import { Accounting } from '../../../src/sink/accounting';
import { formatDuration, progressLine } from '../../../src/sink/progress';

describe('progressLine', () => {
  it('shows files, records, rate and an ETA from the bytes of finished files', () => {
    const accounting = new Accounting();
    for (let i = 0; i < 500; i += 1) {
      accounting.recordRead();
      accounting.settle(i % 5 === 0 ? 'updated' : 'indexed');
    }
    const line = progressLine(accounting, { filesTotal: 4, filesDone: 1, bytesTotal: 4000, bytesDone: 1000 }, 10_000);
    expect(line).toBe('files 1/4  500 records  50/s  ETA 30s  [read=500 indexed=400 updated=100 unchanged=0 stale=0 skipped=0 rejected=0]');
  });

  it('has no ETA for stdin or before a file is done', () => {
    const line = progressLine(new Accounting(), { filesDone: 0, bytesDone: 0 }, 1000);
    expect(line).not.toMatch(/ETA/);
    expect(line.startsWith('0 files  0 records  0/s')).toBe(true);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [61_000, '1m01s'],
    [3_725_000, '1h02m'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
