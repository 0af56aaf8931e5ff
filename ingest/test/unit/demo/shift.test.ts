import { primaryTimeMs, rankOffsets, shiftRecord } from '../../../src/demo/shift';

const HOUR_MS = 3_600_000;

describe('primaryTimeMs', () => {
  it('reads updatedAt from a bare finding and from an EventBridge envelope', () => {
    const finding = { id: 'f1', type: 'Recon:EC2/PortProbeUnprotectedPort', updatedAt: '2025-02-25 20:40:06.721' };
    expect(primaryTimeMs(finding)).toBe(Date.parse('2025-02-25T20:40:06.721Z'));
    expect(primaryTimeMs({ 'detail-type': 'GuardDuty Finding', time: '2019-01-01T00:00:00Z', detail: finding })).toBe(Date.parse('2025-02-25T20:40:06.721Z'));
  });

  it('reads eventTime from a CloudTrail record and from an EventBridge API-call event', () => {
    const record = { eventName: 'DeleteDetector', eventTime: '2020-05-01T10:00:00Z' };
    expect(primaryTimeMs(record)).toBe(Date.parse('2020-05-01T10:00:00Z'));
    expect(primaryTimeMs({ 'detail-type': 'AWS API Call via CloudTrail', detail: record })).toBe(Date.parse('2020-05-01T10:00:00Z'));
  });

  it('gives undefined for values without a known time', () => {
    expect(primaryTimeMs({ hello: 'world' })).toBeUndefined();
    expect(primaryTimeMs('text')).toBeUndefined();
    expect(primaryTimeMs({ id: 'f', type: 't', updatedAt: 'yesterday' })).toBeUndefined();
  });
});

describe('shiftRecord', () => {
  it('moves every date of a finding by the same offset and leaves the input untouched', () => {
    const input = {
      'detail-type': 'GuardDuty Finding',
      time: '2019-03-01T00:00:00Z',
      detail: {
        id: 'f1',
        type: 'Backdoor:EC2/C&CActivity.B!DNS',
        createdAt: '2019-02-28T23:00:00.000Z',
        updatedAt: '2019-03-01T00:00:00.000Z',
        service: { eventFirstSeen: '2019-02-28T22:30:00Z', eventLastSeen: '2019-03-01T00:00:00Z', count: 3 },
      },
    };
    const before = JSON.stringify(input);
    const shifted = shiftRecord(input, 2 * HOUR_MS) as typeof input;
    expect(JSON.stringify(input)).toBe(before);
    expect(shifted.time).toBe('2019-03-01T02:00:00.000Z');
    expect(shifted.detail.createdAt).toBe('2019-03-01T01:00:00.000Z');
    expect(shifted.detail.updatedAt).toBe('2019-03-01T02:00:00.000Z');
    expect(shifted.detail.service).toEqual({ eventFirstSeen: '2019-03-01T00:30:00.000Z', eventLastSeen: '2019-03-01T02:00:00.000Z', count: 3 });
  });

  it('moves a CloudTrail eventTime, including Panther-style timestamps', () => {
    const shifted = shiftRecord({ eventName: 'PutBucketPolicy', eventTime: '2022-01-01 10:00:00', requestParameters: { bucketName: 'b' } }, HOUR_MS) as Record<string, unknown>;
    expect(shifted['eventTime']).toBe('2022-01-01T11:00:00.000Z');
    expect(shifted['requestParameters']).toEqual({ bucketName: 'b' });
  });

  it('passes through values it does not recognise', () => {
    expect(shiftRecord('not json', HOUR_MS)).toBe('not json');
    expect(shiftRecord({ a: '2020-01-01T00:00:00Z' }, HOUR_MS)).toEqual({ a: '2020-01-01T00:00:00Z' });
  });
});

describe('rankOffsets', () => {
  const end = Date.parse('2026-11-27T12:00:00Z');

  it('spreads distinct times evenly over the window in their original order', () => {
    const times = [Date.parse('2019-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'), Date.parse('2023-01-01T00:00:00Z')];
    const offsets = rankOffsets(times, end, 10 * HOUR_MS);
    const placed = times.map((t, i) => t + (offsets[i] as number));
    expect(placed).toEqual([end - 10 * HOUR_MS, end, end - 5 * HOUR_MS]);
  });

  it('keeps records that shared a time together', () => {
    const same = Date.parse('2019-06-01T00:00:00Z');
    const offsets = rankOffsets([same, same, same + 1000], end, HOUR_MS);
    expect(same + (offsets[0] as number)).toBe(same + (offsets[1] as number));
    expect(same + 1000 + (offsets[2] as number)).toBe(end);
  });

  it('places a single time at the window end and leaves unknown times alone', () => {
    const t = Date.parse('2020-01-01T00:00:00Z');
    const offsets = rankOffsets([undefined, t], end, HOUR_MS);
    expect(offsets[0]).toBe(0);
    expect(t + (offsets[1] as number)).toBe(end - HOUR_MS);
  });
});
