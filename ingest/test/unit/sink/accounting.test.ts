import { Accounting, OUTCOMES } from '../../../src/sink/accounting';

describe('Accounting', () => {
  it('keeps read = indexed + updated + unchanged + stale + skipped + rejected', () => {
    const accounting = new Accounting();
    OUTCOMES.forEach((outcome, i) => {
      for (let n = 0; n <= i; n += 1) {
        accounting.recordRead();
        accounting.settle(outcome);
      }
    });
    const c = accounting.counts;
    expect(c.read).toBe(21);
    expect(c.indexed + c.updated + c.unchanged + c.stale + c.skipped + c.rejected).toBe(c.read);
    expect(accounting.pending).toBe(0);
    expect(accounting.summary()).toBe(
      'read=21 indexed=1 updated=2 unchanged=3 stale=4 skipped=5 rejected=6 (read = indexed + updated + unchanged + stale + skipped + rejected)',
    );
  });

  it('names records read but not written', () => {
    const accounting = new Accounting();
    accounting.recordRead();
    accounting.recordRead();
    accounting.settle('indexed');
    expect(accounting.pending).toBe(1);
    expect(accounting.summary()).toMatch(/\+ 1 not written\)$/);
  });
});
