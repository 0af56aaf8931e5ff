import { cloudTrailToDocument } from '../../../src/cloudtrail/to-document';
import { realCloudTrailRecord } from '../helpers';

const record = realCloudTrailRecord();

describe('cloudTrailToDocument', () => {
  it('derives the top-level fields and keeps the record as it is', () => {
    const result = cloudTrailToDocument({ ...record, readOnly: 'true', requestParameters: { bucketName: 'b' } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document).toMatchObject({
      '@timestamp': '2024-07-30T21:31:21.000Z',
      source: 'aws.cloudtrail',
      account_id: record['recipientAccountId'],
      region: record['awsRegion'],
      user_arn: (record['userIdentity'] as { arn: string }).arn,
      user_type: 'AssumedRole',
      error_code: 'Client.UnauthorizedOperation',
      bucket_name: 'b',
      read_only: true,
      source_ip: '200.249.253.51',
      eventTime: record['eventTime'],
      eventName: record['eventName'],
    });
  });

  it.each([
    ['AWS Internal', 'source_host'],
    ['cloudtrail.amazonaws.com', 'source_host'],
    ['256.44.44.11', 'source_host'],
    ['08.1.250.216', 'source_host'],
    ['2001:db8::1', 'source_ip'],
    ['192.0.2.10', 'source_ip'],
  ])('puts sourceIPAddress %s in %s', (address, field) => {
    const result = cloudTrailToDocument({ ...record, sourceIPAddress: address });
    expect(result.ok && result.document[field]).toBe(address);
    expect(result.ok && Object.keys(result.document).filter((k) => k === 'source_ip' || k === 'source_host')).toEqual([field]);
  });

  it('rejects a record without eventName or a valid eventTime', () => {
    const { eventName: _n, ...noName } = record;
    const { eventTime: _t, ...noTime } = record;
    expect(cloudTrailToDocument(noName)).toMatchObject({ ok: false, reason: expect.stringContaining('no eventName') });
    expect(cloudTrailToDocument(noTime)).toMatchObject({ ok: false, reason: expect.stringContaining('no eventTime') });
    expect(cloudTrailToDocument({ ...record, eventTime: '...' })).toMatchObject({ ok: false, reason: expect.stringContaining('invalid eventTime') });
  });

  it('keeps its own source and @timestamp when a record carries fields of those names', () => {
    const result = cloudTrailToDocument({ ...record, source: 'pipeline', '@timestamp': 'x' });
    expect(result.ok && [result.document.source, result.document['@timestamp']]).toEqual(['aws.cloudtrail', '2024-07-30T21:31:21.000Z']);
  });
});
