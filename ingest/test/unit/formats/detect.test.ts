import { gzipSync } from 'node:zlib';
import { camelCaseKeys } from '../../../src/formats/camel-case';
import { recordsFromValue } from '../../../src/formats/detect';
import type { FindingDocument, ParsedRecord } from '../../../src/records';
import { kinds, realCloudTrailRecord, realEventBridgeFinding, realInstanceFinding } from '../helpers';

const origin = { file: 'test.json', line: 7 };

/** PascalCase keys, as the AWS CLI prints GetFindings output. */
function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), pascalCase(v)]));
}

function onlyFinding(records: ParsedRecord[]): FindingDocument {
  expect(kinds(records)).toEqual(['finding']);
  const [record] = records;
  if (record?.kind !== 'finding') throw new Error('not a finding');
  return record.document;
}

describe('recordsFromValue', () => {
  it('maps an EventBridge "GuardDuty Finding" event from its detail, account from the finding', () => {
    const event = realEventBridgeFinding();
    const withOtherEnvelopeAccount = { ...event, account: '999999999999' };
    const document = onlyFinding(recordsFromValue(withOtherEnvelopeAccount, origin));
    expect(document.account_id).toBe('123456789012');
    expect(document.finding_id).toBe('70b59ed2edb335b9fd22b159aa3234a0');
    expect(document.detail).toEqual(event['detail']);
  });

  it('maps a raw S3-export finding', () => {
    const document = onlyFinding(recordsFromValue(realInstanceFinding(), origin));
    expect(document.finding_type).toBe('UnauthorizedAccess:EC2/TorRelay');
  });

  it('maps PascalCase CLI output to the same document as the camelCase finding', () => {
    const finding = realInstanceFinding();
    const fromCli = onlyFinding(recordsFromValue({ Findings: [pascalCase(finding)] }, origin));
    const fromRaw = onlyFinding(recordsFromValue(finding, origin));
    // The real finding's keys are plain camelCase, so the round trip must give them back exactly.
    expect(fromCli).toEqual(fromRaw);
    expect(camelCaseKeys(pascalCase(finding))).toEqual(finding);
  });

  it('maps every element of a Findings wrapper and a JSON array, with their positions', () => {
    const finding = realInstanceFinding();
    const wrapped = recordsFromValue({ Findings: [finding, { ...finding, id: 'second' }] }, origin);
    expect(wrapped.map((r) => r.origin)).toEqual([{ ...origin, index: 0 }, { ...origin, index: 1 }]);
    const array = recordsFromValue([finding, realEventBridgeFinding(), realCloudTrailRecord()], origin);
    expect(kinds(array)).toEqual(['finding', 'finding', 'cloudtrail']);
  });

  it('maps a CloudTrail Records file and an EventBridge "AWS API Call via CloudTrail" event', () => {
    const record = realCloudTrailRecord();
    expect(kinds(recordsFromValue({ Records: [record, record] }, origin))).toEqual(['cloudtrail', 'cloudtrail']);
    const event = { version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.s3', detail: record };
    const [mapped] = recordsFromValue(event, origin);
    expect(mapped?.kind === 'cloudtrail' && mapped.document.eventName).toBe(record['eventName']);
  });

  it('skips Malware Protection scan results and other EventBridge events, with the reason', () => {
    const scan = {
      version: '0',
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      source: 'aws.guardduty',
      detail: { schemaVersion: '1.0', scanStatus: 'COMPLETED', s3ObjectDetails: { bucketName: 'b', objectKey: 'k' }, scanResultDetails: { scanResultStatus: 'THREATS_FOUND' } },
    };
    const [record] = recordsFromValue(scan, origin);
    expect(record).toEqual({ kind: 'skipped', reason: expect.stringContaining('GuardDuty Malware Protection Object Scan Result'), origin });
  });

  it('decodes a CloudWatch Logs subscription payload (base64 gzip) holding findings, events and CloudTrail', () => {
    const messages = [realInstanceFinding(), realEventBridgeFinding(), realCloudTrailRecord()].map((m, i) => ({ id: String(i), timestamp: 0, message: JSON.stringify(m) }));
    const payload = { messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: 'g', logStream: 's', subscriptionFilters: ['f'], logEvents: messages };
    const data = gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64');
    const records = recordsFromValue({ awslogs: { data } }, origin);
    expect(kinds(records)).toEqual(['finding', 'finding', 'cloudtrail']);
    expect(records.map((r) => r.origin.index)).toEqual([0, 1, 2]);
    expect(kinds(recordsFromValue(payload, origin))).toEqual(['finding', 'finding', 'cloudtrail']);
  });

  it('skips a CONTROL_MESSAGE and rejects a log event that is not JSON', () => {
    expect(kinds(recordsFromValue({ messageType: 'CONTROL_MESSAGE', logEvents: [{ message: 'CWL CONTROL MESSAGE: Checking health of destination' }] }, origin))).toEqual(['skipped']);
    const [bad] = recordsFromValue({ messageType: 'DATA_MESSAGE', logEvents: [{ message: 'plain text' }] }, origin);
    expect(bad).toMatchObject({ kind: 'rejected', raw: 'plain text', reason: expect.stringContaining('not JSON') });
  });

  it('rejects awslogs data that is not base64 gzip JSON', () => {
    expect(recordsFromValue({ awslogs: { data: '!!!' } }, origin)[0]).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('awslogs data') });
  });

  it('rejects values of the wrong shape, keeping them whole', () => {
    expect(recordsFromValue(42, origin)[0]).toEqual({ kind: 'rejected', reason: 'expected a JSON object or array, got number', raw: '42', origin });
    expect(recordsFromValue({ hello: 'world' }, origin)[0]).toMatchObject({ kind: 'rejected', raw: '{"hello":"world"}', reason: expect.stringContaining('keys: hello') });
    expect(recordsFromValue([[1]], origin)[0]).toMatchObject({ kind: 'rejected', origin: { ...origin, index: 0 } });
  });

  it('rejects a finding missing its id or its type, naming which', () => {
    const { id: _id, ...noId } = realInstanceFinding();
    const { type: _type, ...noType } = realInstanceFinding();
    expect(recordsFromValue(noId, origin)[0]).toMatchObject({ kind: 'rejected', reason: 'finding has no id' });
    expect(recordsFromValue(noType, origin)[0]).toMatchObject({ kind: 'rejected', reason: 'finding 00f996e6c7804e4c8b4b61e60f5fc423 has no type' });
  });

  it('skips CloudTrail digests, Insights events and S3 event notifications', () => {
    const digest = { awsAccountId: '1', digestStartTime: '2024-01-01T00:00:00Z', digestEndTime: '2024-01-01T01:00:00Z', logFiles: [] };
    const insight = { eventVersion: '1.07', eventTime: '2024-01-01T00:00:00Z', eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight', insightDetails: {} };
    const notification = { eventVersion: '2.1', eventSource: 'aws:s3', eventTime: '2024-01-01T00:00:00Z', eventName: 'ObjectCreated:Put', s3: {} };
    expect(kinds(recordsFromValue([digest, insight, notification], origin))).toEqual(['skipped', 'skipped', 'skipped']);
  });
});
