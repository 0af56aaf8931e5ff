import type { SeededRandom } from './random';
import type { World } from './findings';

interface CallShape {
  readonly eventSource: string;
  readonly eventName: string;
  readonly readOnly: boolean;
  readonly requestParameters: (random: SeededRandom, account: string) => Record<string, unknown> | null;
}

const bucket = (random: SeededRandom, account: string): string => `${random.pick(['guardduty-export', 'logs', 'cloudtrail-logs'])}-${account}`;
const detector = (random: SeededRandom): string => random.hex(32);

// The calls a GuardDuty view watches (tampering with GuardDuty, its export bucket and CloudTrail)
// among ordinary activity, with the request parameters CloudTrail records for each.
const CALLS: readonly CallShape[] = [
  { eventSource: 'guardduty.amazonaws.com', eventName: 'DeleteDetector', readOnly: false, requestParameters: (r) => ({ detectorId: detector(r) }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'UpdateDetector', readOnly: false, requestParameters: (r) => ({ detectorId: detector(r), enable: r.chance(0.5) }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'CreateIPSet', readOnly: false, requestParameters: (r) => ({ detectorId: detector(r), name: 'trusted', format: 'TXT', location: 'https://s3.amazonaws.com/ipsets/trusted.txt', activate: true }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'ArchiveFindings', readOnly: false, requestParameters: (r) => ({ detectorId: detector(r), findingIds: [r.hex(32)] }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'DeletePublishingDestination', readOnly: false, requestParameters: (r) => ({ detectorId: detector(r), destinationId: r.hex(32) }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'ListFindings', readOnly: true, requestParameters: (r) => ({ detectorId: detector(r), maxResults: 50 }) },
  { eventSource: 'guardduty.amazonaws.com', eventName: 'GetFindings', readOnly: true, requestParameters: (r) => ({ detectorId: detector(r), findingIds: [r.hex(32), r.hex(32)] }) },
  { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', readOnly: false, requestParameters: (r, a) => ({ bucketName: bucket(r, a), Host: `${bucket(r, a)}.s3.amazonaws.com`, bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'guardduty.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket(r, a)}/*` }] }, policy: '' }) },
  { eventSource: 's3.amazonaws.com', eventName: 'PutBucketAcl', readOnly: false, requestParameters: (r, a) => ({ bucketName: bucket(r, a), Host: `${bucket(r, a)}.s3.amazonaws.com`, acl: '' }) },
  { eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPolicy', readOnly: false, requestParameters: (r, a) => ({ bucketName: bucket(r, a), Host: `${bucket(r, a)}.s3.amazonaws.com`, policy: '' }) },
  { eventSource: 's3.amazonaws.com', eventName: 'PutBucketLogging', readOnly: false, requestParameters: (r, a) => ({ bucketName: bucket(r, a), BucketLoggingStatus: { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' }, logging: '' }) },
  { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', readOnly: false, requestParameters: (_r, a) => ({ name: `arn:aws:cloudtrail:us-east-1:${a}:trail/org-trail` }) },
  { eventSource: 'cloudtrail.amazonaws.com', eventName: 'DescribeTrails', readOnly: true, requestParameters: () => ({ includeShadowTrails: true }) },
  { eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', readOnly: true, requestParameters: (r, a) => ({ roleArn: `arn:aws:iam::${a}:role/deploy`, roleSessionName: `session-${r.hex(6)}`, durationSeconds: 3600 }) },
  { eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', readOnly: false, requestParameters: () => null },
  { eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', readOnly: false, requestParameters: (r) => ({ userName: r.pick(['alice', 'bob', 'ci-runner']) }) },
  { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', readOnly: true, requestParameters: () => ({ instancesSet: {}, filterSet: {} }) },
  { eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', readOnly: true, requestParameters: () => ({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }) },
];

/** One CloudTrail record, in the shape CloudTrail writes inside `Records`. */
export function newCloudTrailRecord(world: World, random: SeededRandom, eventTimeMs: number): Record<string, unknown> {
  const call = random.pick(CALLS);
  const account = random.pick(world.accounts);
  const region = call.eventSource === 'signin.amazonaws.com' ? 'us-east-1' : random.pick(world.regions);
  const user = random.pick(['alice', 'bob', 'ci-runner', 'admin']);
  const assumed = random.chance(0.4);
  const userIdentity = assumed
    ? { type: 'AssumedRole', principalId: `AROA${random.hex(17).toUpperCase()}:${user}`, arn: `arn:aws:sts::${account}:assumed-role/Admin/${user}`, accountId: account, accessKeyId: `ASIA${random.hex(16).toUpperCase()}`, sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${random.hex(17).toUpperCase()}`, arn: `arn:aws:iam::${account}:role/Admin`, accountId: account, userName: 'Admin' }, attributes: { creationDate: new Date(eventTimeMs - 600_000).toISOString().replace('.000', ''), mfaAuthenticated: 'false' } } }
    : { type: 'IAMUser', principalId: `AIDA${random.hex(17).toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${user}`, accountId: account, accessKeyId: `AKIA${random.hex(16).toUpperCase()}`, userName: user };
  // Calls AWS makes on a user's behalf carry a service name or "AWS Internal", not an address.
  const sourceIPAddress = random.chance(0.15) ? random.pick(['AWS Internal', 'cloudformation.amazonaws.com', 'guardduty.amazonaws.com']) : random.publicIp();
  const denied = random.chance(0.08);
  return {
    eventVersion: '1.09',
    userIdentity,
    eventTime: new Date(eventTimeMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: region,
    sourceIPAddress,
    userAgent: random.pick(['aws-cli/2.15.30 md/Botocore#1.34.69', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'Boto3/1.34.69 md/Botocore#1.34.69', 'terraform-provider-aws/5.40.0']),
    ...(denied ? { errorCode: 'AccessDenied', errorMessage: `User: ${userIdentity.arn} is not authorized to perform this operation` } : {}),
    requestParameters: call.requestParameters(random, account),
    responseElements: call.readOnly || denied ? null : { requestId: random.uuid() },
    requestID: random.uuid(),
    eventID: random.uuid(),
    readOnly: call.readOnly,
    eventType: call.eventSource === 'signin.amazonaws.com' ? 'AwsConsoleSignIn' : 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${call.eventSource.split('.')[0] ?? 'api'}.${region}.amazonaws.com` },
  };
}
