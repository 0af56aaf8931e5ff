import type { FindingDocument } from '../../../src/records';
import { contentHash, deltaWrites, keyTime, versionKey } from '../../../src/sink/order';

function doc(updatedAt: string | undefined, count: number | undefined, extra = ''): FindingDocument {
  return {
    '@timestamp': updatedAt ?? '2026-01-01T00:00:00Z',
    source: 'aws.guardduty',
    finding_id: 'f1',
    finding_type: 'Backdoor:EC2/C&CActivity.B',
    sample: false,
    type_explanation: 'x',
    severity_label: 'High',
    ...(updatedAt === undefined ? {} : { updated_at: updatedAt }),
    ...(count === undefined ? {} : { count }),
    detail: { extra },
  } as FindingDocument;
}

describe('versionKey', () => {
  it('orders by update time, then count, then content', () => {
    const keys = [
      versionKey(doc('2026-01-02T00:00:00Z', 1)),
      versionKey(doc('2026-01-01T00:00:00Z', 50)),
      versionKey(doc('2026-01-01T00:00:00Z', 9)),
    ];
    expect([...keys].sort()).toEqual([keys[2], keys[1], keys[0]]);
  });

  it('breaks a tie between different contents the same way every time', () => {
    const a = doc('2026-01-01T00:00:00Z', 3, 'a');
    const b = doc('2026-01-01T00:00:00Z', 3, 'b');
    expect(versionKey(a)).not.toBe(versionKey(b));
    expect(versionKey(a) > versionKey(b)).toBe(contentHash(a) > contentHash(b));
  });

  it('hashes what AWS sent, not what the worker or the mapping add', () => {
    const a = doc('2026-01-01T00:00:00Z', 3);
    expect(versionKey({ ...a, ingested_at: '2026-02-01T00:00:00Z', account_name: 'prod' })).toBe(versionKey(a));
  });

  it('sorts a missing time or count first and encodes the time back', () => {
    const key = versionKey(doc(undefined, undefined));
    expect(key < versionKey(doc('1970-01-02T00:00:00Z', 0))).toBe(true);
    expect(keyTime(versionKey(doc('2026-03-04T05:06:07.089Z', 1)))).toBe('2026-03-04T05:06:07.089Z');
  });
});

describe('deltaWrites', () => {
  it('computes a first occurrence from zero and corrects its successor', () => {
    const ledger = { b: 5, a: 2, c: 9 };
    expect(deltaWrites(ledger, 'a')).toEqual({
      own: { key: 'a', count: 2, prevCount: 0, countDelta: 2, seq: 3 },
      successor: { key: 'b', count: 5, prevCount: 2, countDelta: 3, seq: 3 },
    });
    expect(deltaWrites(ledger, 'c')).toEqual({ own: { key: 'c', count: 9, prevCount: 5, countDelta: 4, seq: 3 } });
  });

  it('sums to the latest count whatever order the ledger was built in', () => {
    const entries: Array<[string, number]> = [['k1', 1], ['k2', 1], ['k3', 4], ['k4', 4], ['k5', 10]];
    const ledger: Record<string, number> = {};
    for (const [key, count] of [...entries].reverse()) ledger[key] = count;
    const sum = entries.reduce((total, [key]) => total + deltaWrites(ledger, key).own.countDelta, 0);
    expect(sum).toBe(10);
  });

  it('counts from the stored seq, and places a key at or below the floor with delta 0 at seq 0', () => {
    const ledger = { k3: 4, k4: 6, k5: 10 };
    const info = { seq: 9, floor: 'k3', keyCount: 2 };
    expect(deltaWrites(ledger, 'k4', info)).toEqual({
      own: { key: 'k4', count: 6, prevCount: 4, countDelta: 2, seq: 9 },
      successor: { key: 'k5', count: 10, prevCount: 6, countDelta: 4, seq: 9 },
    });
    expect(deltaWrites(ledger, 'k1', info)).toEqual({ own: { key: 'k1', count: 2, prevCount: 2, countDelta: 0, seq: 0 } });
    expect(deltaWrites(ledger, 'k3', { ...info, keyCount: 4 })).toEqual({ own: { key: 'k3', count: 4, prevCount: 4, countDelta: 0, seq: 0 } });
  });
});
