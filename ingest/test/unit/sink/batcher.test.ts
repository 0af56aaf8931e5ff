import { Batcher, MAX_REQUEST_BYTES } from '../../../src/sink/batcher';

describe('Batcher', () => {
  it('hands over a batch when the count bound is reached', () => {
    const batcher = new Batcher<number>({ flushCount: 3, flushBytes: 1000 });
    expect(batcher.add(1, 10)).toBeUndefined();
    expect(batcher.add(2, 10)).toBeUndefined();
    expect(batcher.add(3, 10)).toEqual([1, 2, 3]);
    expect(batcher.size).toBe(0);
  });

  it('never lets a batch exceed the byte bound: the item that would overflow starts the next batch', () => {
    const batcher = new Batcher<string>({ flushCount: 100, flushBytes: 100 });
    expect(batcher.add('a', 60)).toBeUndefined();
    expect(batcher.add('b', 30)).toBeUndefined();
    expect(batcher.add('c', 20)).toEqual(['a', 'b']);
    expect(batcher.sizeBytes).toBe(20);
    expect(batcher.take()).toEqual(['c']);
  });

  it('sends an item larger than the byte bound alone', () => {
    const batcher = new Batcher<string>({ flushCount: 100, flushBytes: 100 });
    expect(batcher.add('small', 10)).toBeUndefined();
    expect(batcher.add('huge', 500)).toEqual(['small']);
    expect(batcher.add('next', 10)).toEqual(['huge']);
  });

  it('keeps every item exactly once across batches', () => {
    const batcher = new Batcher<number>({ flushCount: 7, flushBytes: 64 });
    const out: number[] = [];
    for (let i = 0; i < 500; i += 1) out.push(...(batcher.add(i, (i * 37) % 23) ?? []));
    out.push(...batcher.take());
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('ramps up: batches of an eighth of flushCount, doubling up to flushCount', () => {
    const batcher = new Batcher<number>({ flushCount: 16, flushBytes: 1000 }, { rampUp: true });
    const sizes: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const ready = batcher.add(i, 1);
      if (ready) sizes.push(ready.length);
    }
    expect(sizes).toEqual([2, 4, 8, 16, 16, 16, 16, 16]);
    expect(batcher.size).toBe(100 - 94);
  });

  it('rejects bounds that would break a bulk request', () => {
    expect(() => new Batcher({ flushCount: 0, flushBytes: 10 })).toThrow(/flushCount/);
    expect(() => new Batcher({ flushCount: 1, flushBytes: MAX_REQUEST_BYTES + 1 })).toThrow(/flushBytes/);
  });
});
