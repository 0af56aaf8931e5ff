import { fitDocument, fitsFlatObject, truncateLongLeaves, TRUNCATION_MARK, CLOUDTRAIL_RULES } from '../../../src/sink/prepare';

describe('fitsFlatObject', () => {
  it.each([
    [null, true],
    [{ a: 1 }, true],
    [[{ a: 1 }, null], true],
    ['text', false],
    [5, false],
    [[1, 2], false],
  ])('%j → %s', (value, expected) => {
    expect(fitsFlatObject(value)).toBe(expected);
  });
});

describe('truncateLongLeaves', () => {
  it('leaves a short value alone (no copy)', () => {
    expect(truncateLongLeaves({ a: 'short' }, 100)).toBeUndefined();
  });

  it('cuts long leaves at a UTF-8 boundary and marks them', () => {
    const out = truncateLongLeaves({ a: { b: '€'.repeat(100) }, c: 'ok' }, 100) as { a: { b: string }; c: string };
    expect(Buffer.byteLength(out.a.b)).toBeLessThanOrEqual(100);
    expect(out.a.b.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(out.a.b).not.toContain('\uFFFD');
    expect(out.c).toBe('ok');
  });
});

describe('fitDocument', () => {
  it('returns the same object when every field fits', () => {
    const doc = { eventName: 'GetObject', requestParameters: { bucketName: 'b' } };
    expect(fitDocument(doc, CLOUDTRAIL_RULES)).toBe(doc);
  });

  it('moves conflicting shapes to gdlens_unmapped without losing them', () => {
    const doc = { eventName: { odd: true }, requestParameters: 'text', eventID: 'x' };
    expect(fitDocument(doc, CLOUDTRAIL_RULES)).toEqual({ eventID: 'x', gdlens_unmapped: { eventName: { odd: true }, requestParameters: 'text' } });
  });
});
