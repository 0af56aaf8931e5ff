/**
 * The demo's scripted moments: records built so that a newcomer sees each kind of alert fire.
 * Everything else in the demo is real fixtures and generated volume, which page only by chance.
 */
import { findFindingType } from '@gdlens/finding-model';
import { newFinding, type World } from '../generate/findings';
import { SeededRandom } from '../generate/random';

export const DEMO_WORLD: World = {
  accounts: ['111122223333', '444455556666', '777788889999'],
  regions: ['us-east-1', 'eu-west-1'],
};

/** What each scripted record is meant to trigger (alert rule titles are in docs/alerts.md). */
export interface ScenarioRecord {
  readonly intent: string;
  readonly value: Record<string, unknown>;
}

function finding(type: string, random: SeededRandom, atMs: number, patch: (f: Record<string, unknown>) => void): Record<string, unknown> {
  const info = findFindingType(type);
  if (info === undefined) throw new RangeError(`demo scenario: unknown finding type ${type}`);
  const value = newFinding(info, DEMO_WORLD, random, atMs, false, false);
  patch(value);
  return value;
}

const service = (f: Record<string, unknown>): Record<string, unknown> => f['service'] as Record<string, unknown>;

/** A GuardDuty API call as CloudTrail records it (shape of the real records in the fixtures). */
function guardDutyCall(eventName: string, requestParameters: Record<string, unknown>, atMs: number, random: SeededRandom): Record<string, unknown> {
  const account = DEMO_WORLD.accounts[0] as string;
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROADEMO0000000000000:mallory',
      arn: `arn:aws:sts::${account}:assumed-role/ops-admin/mallory`,
      accountId: account,
      accessKeyId: 'ASIADEMO000000000000',
    },
    eventTime: new Date(atMs).toISOString(),
    eventSource: 'guardduty.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.45',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64',
    requestParameters,
    responseElements: null,
    requestID: random.uuid(),
    eventID: random.uuid(),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
  };
}

/** The scripted records, timed a few minutes before `nowMs` so they sit inside every alert window. */
export function scenarioRecords(nowMs: number, seed: number): ScenarioRecord[] {
  const random = new SeededRandom(seed);
  const minutesAgo = (m: number): number => nowMs - m * 60_000;
  const detectorId = random.hex(32);
  return [
    {
      intent: 'Critical finding (attack sequence)',
      value: finding('AttackSequence:IAM/CompromisedCredentials', random, minutesAgo(4), (f) => {
        f['severity'] = 9.3;
      }),
    },
    {
      intent: 'Phishing domain request',
      value: finding('Trojan:EC2/PhishingDomainRequest!DNS', random, minutesAgo(3), (f) => {
        service(f)['resourceRole'] = 'TARGET';
      }),
    },
    {
      intent: 'Our resource is the ACTOR',
      value: finding('Backdoor:EC2/C&CActivity.B!DNS', random, minutesAgo(3), (f) => {
        service(f)['resourceRole'] = 'ACTOR';
        f['severity'] = 8;
      }),
    },
    {
      intent: 'GuardDuty disabled or altered',
      value: guardDutyCall('DeleteDetector', { detectorId }, minutesAgo(2), random),
    },
  ];
}
