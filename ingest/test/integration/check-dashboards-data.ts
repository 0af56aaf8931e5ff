/**
 * A controlled set of findings, CloudTrail records, a heartbeat and a dead letter, with the
 * numbers every gdlens panel must show for the window 2026-01-10T00:00Z .. 2026-01-11T00:00Z.
 */
import { enrichAccount } from '../../src/accounts/enrich';
import type { ParsedRecord } from '../../src/records';
import { recordsFromValue } from '../../src/formats/detect';

export const WINDOW = { fromMs: Date.parse('2026-01-10T00:00:00Z'), toMs: Date.parse('2026-01-11T00:00:00Z') };

interface FindingSpec {
  readonly id: string;
  readonly type: string;
  readonly severity: number;
  readonly account: string;
  readonly region: string;
  /** Security group names, one network interface each; none for a non-instance finding. */
  readonly groups?: readonly string[][];
  readonly sample?: boolean;
  readonly archived?: boolean;
  /** (updatedAt, service.count) per update, oldest first. */
  readonly updates: ReadonlyArray<readonly [string, number]>;
}

export const ACCOUNT_NAMES: Record<string, string> = { '111111111111': 'prod' };
const ACCOUNT_DIRECTORY = new Map(Object.entries(ACCOUNT_NAMES).map(([id, name]) => [id, { name }]));

export const FINDINGS: readonly FindingSpec[] = [
  { id: 'f1-critical', type: 'Backdoor:EC2/C&CActivity.B!DNS', severity: 9.5, account: '111111111111', region: 'us-east-1', groups: [['web'], ['ssh']], updates: [['2026-01-10T01:30:00Z', 1]] },
  {
    id: 'f2-high',
    type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
    severity: 8.0,
    account: '111111111111',
    region: 'us-east-1',
    groups: [['web']],
    updates: [
      ['2026-01-10T02:10:00Z', 1],
      ['2026-01-10T03:10:00Z', 3],
    ],
  },
  { id: 'f3-medium', type: 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', severity: 5.0, account: '222222222222', region: 'eu-west-1', updates: [['2026-01-10T05:00:00Z', 1]] },
  { id: 'f4-low', type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 2.0, account: '222222222222', region: 'eu-west-1', groups: [['db']], updates: [['2026-01-10T06:00:00Z', 1]] },
  { id: 'f5-high', type: 'Trojan:EC2/DNSDataExfiltration', severity: 8.5, account: '222222222222', region: 'eu-west-1', groups: [['db', 'web']], updates: [['2026-01-10T07:00:00Z', 1]] },
  { id: 'f6-sample', type: 'Backdoor:EC2/DenialOfService.Tcp', severity: 7.0, account: '111111111111', region: 'us-east-1', groups: [['web']], sample: true, updates: [['2026-01-10T08:00:00Z', 1]] },
  { id: 'f7-archived', type: 'Discovery:S3/MaliciousIPCaller', severity: 4.0, account: '111111111111', region: 'us-east-1', archived: true, updates: [['2026-01-10T09:00:00Z', 1]] },
  { id: 'f8-before', type: 'Policy:S3/BucketBlockPublicAccessDisabled', severity: 6.9, account: '333333333333', region: 'ap-south-1', updates: [['2026-01-09T12:00:00Z', 1]] },
];

function rawFinding(spec: FindingSpec, updatedAt: string, count: number): Record<string, unknown> {
  const instance = spec.groups !== undefined;
  return {
    schemaVersion: '2.0',
    accountId: spec.account,
    region: spec.region,
    partition: 'aws',
    id: spec.id,
    arn: `arn:aws:guardduty:${spec.region}:${spec.account}:detector/d0/finding/${spec.id}`,
    type: spec.type,
    resource: instance
      ? {
          resourceType: 'Instance',
          instanceDetails: {
            instanceId: `i-${spec.id}`,
            networkInterfaces: (spec.groups ?? []).map((names, n) => ({
              networkInterfaceId: `eni-${spec.id}-${n}`,
              securityGroups: names.map((groupName) => ({ groupName, groupId: `sg-${groupName}` })),
            })),
          },
        }
      : { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'AKIAEXAMPLE', userName: 'alice', userType: 'IAMUser' } },
    service: {
      serviceName: 'guardduty',
      detectorId: 'd0',
      archived: spec.archived ?? false,
      count,
      eventFirstSeen: spec.updates[0]?.[0],
      eventLastSeen: updatedAt,
      resourceRole: 'TARGET',
      additionalInfo: spec.sample === true ? { sample: true } : {},
    },
    severity: spec.severity,
    createdAt: spec.updates[0]?.[0],
    updatedAt,
    title: `${spec.sample === true ? '[SAMPLE] ' : ''}finding ${spec.id}`,
    description: 'test finding',
  };
}

/** Every update of every finding as the reader would produce it, named by the accounts-file step the worker runs. */
export function findingRecords(): ParsedRecord[] {
  return FINDINGS.flatMap((spec) =>
    spec.updates.flatMap(([updatedAt, count]) =>
      recordsFromValue(rawFinding(spec, updatedAt, count), { file: `check-dashboards-${spec.id}`, line: count }).map((record) => enrichAccount(record, ACCOUNT_DIRECTORY)),
    ),
  );
}

function cloudTrail(eventName: string, eventSource: string, time: string, requestParameters: Record<string, unknown>, id: string): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/mallory', accountId: '111111111111', userName: 'mallory' },
    eventTime: time,
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2',
    requestParameters,
    responseElements: null,
    requestID: id,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111111111111',
  };
}

/** The findings export bucket the integrity dashboard is pointed at in one of the checks. */
export const FINDINGS_BUCKET = 'gd-findings-export';

export function cloudTrailRecords(): ParsedRecord[] {
  const records = [
    cloudTrail('DeleteDetector', 'guardduty.amazonaws.com', '2026-01-10T04:00:00Z', { detectorId: 'd0' }, 'ct-1'),
    cloudTrail('PutBucketPolicy', 's3.amazonaws.com', '2026-01-10T05:00:00Z', { bucketName: FINDINGS_BUCKET, policy: '{}' }, 'ct-2'),
    cloudTrail('PutBucketPolicy', 's3.amazonaws.com', '2026-01-10T05:30:00Z', { bucketName: 'unrelated-bucket', policy: '{}' }, 'ct-3'),
    cloudTrail('DescribeInstances', 'ec2.amazonaws.com', '2026-01-10T06:00:00Z', {}, 'ct-4'),
  ];
  return recordsFromValue({ Records: records }, { file: 'check-dashboards-cloudtrail', line: 1 });
}
