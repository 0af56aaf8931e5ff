import { testOpenSearchUrl, uniqueIndexName } from '@gdlens/opensearch-local';
import { math, number } from '@gdlens/grafana-model';
import type { ParsedRecord } from '../../../src/records';
import { writeHeartbeat } from '../../../src/sink/heartbeat';
import { Accounting } from '../../../src/sink/accounting';
import { storeNames } from '../../../src/store/names';
import { runCli } from '../../../src/cli/run';
import { COMMANDS } from '../../../src/cli/commands';
import { cliContext } from '../../unit/helpers';
import { createTestStore, type TestStore } from '../helpers';
import { MINUTE_MS, cloudTrail, describeTransitions, finding, replay } from './scenario';

/** The replay's reference time: scenario data arrives (ingested_at) minutes after it. */
const T = Date.parse('2026-01-15T12:00:00Z');
const HOUR_MS = 60 * MINUTE_MS;
const AIRBNB = 'airbnb-streamalert-cloudtrail.jsonl';
const PANTHER = 'panther-analysis-cloudtrail-s3-guardduty.jsonl';

const ACCOUNT_LABELS = ['account_id'];

describe('gdlens backtest: every rule replayed over scenario data in a real OpenSearch', () => {
  let store: TestStore;

  /** Writes records as if they arrived at `atMs` (the writer stamps `ingested_at` from its clock). */
  async function arriveAt(atMs: number, records: readonly ParsedRecord[]): Promise<void> {
    let clock = atMs;
    const writer = store.writer({ now: () => clock });
    for (const record of records) await writer.write(record);
    await writer.flush();
    clock = 0;
  }

  beforeAll(async () => {
    store = await createTestStore(testOpenSearchUrl());
    const range = (n: number, make: (i: number) => ParsedRecord): ParsedRecord[] => Array.from({ length: n }, (_, i) => make(i));

    // A quiet account and region: findings three days ago, none since.
    await arriveAt(T - 72 * HOUR_MS, range(3, (i) => finding({ id: `quiet-${i}`, account: '500000000010', region: 'eu-west-1', type: 'Recon:EC2/Portscan', severity: 5 })));
    // Baseline history for account 500000000009: 30 High findings in each of 10 past hours.
    for (let k = 0; k < 10; k += 1) {
      const atMs = T - 48 * HOUR_MS + k * 3 * HOUR_MS;
      await arriveAt(atMs, range(30, (i) => finding({ id: `hist-${k}-${i}`, account: '500000000009', type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 7.2 })));
    }

    await arriveAt(T + 1 * MINUTE_MS, [
      // Phishing, and a sample phishing finding that must not page.
      finding({ id: 'phish-1', account: '500000000001', type: 'Trojan:EC2/PhishingDomainRequest!DNS', severity: 8 }),
      finding({ id: 'phish-sample', account: '500000000002', type: 'Trojan:EC2/PhishingDomainRequest!DNS', severity: 8, sample: true }),
      // 15 sample High findings: no baseline alert for them.
      ...range(15, (i) => finding({ id: `sample-high-${i}`, account: '500000000002', type: 'Backdoor:EC2/C&CActivity.B!DNS', severity: 8, sample: true })),
      // 12 High findings for an account with no history, 11 for one with a busy history.
      ...range(12, (i) => finding({ id: `high-new-${i}`, account: '500000000008', type: 'UnauthorizedAccess:EC2/TorRelay', severity: 7.5 })),
      ...range(11, (i) => finding({ id: `high-usual-${i}`, account: '500000000009', type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 7.2 })),
    ]);
    await arriveAt(T + 2 * MINUTE_MS, [
      // Backdoor ratio 1/5 = 0.2 (fires) and 1/20 = 0.05 (does not).
      finding({ id: 'bd-1', account: '500000000006', type: 'Backdoor:EC2/C&CActivity.B!DNS', severity: 8 }),
      ...range(4, (i) => finding({ id: `bd-other-${i}`, account: '500000000006', type: 'Recon:EC2/Portscan', severity: 5 })),
      finding({ id: 'bd-2', account: '500000000007', type: 'Backdoor:EC2/C&CActivity.B!DNS', severity: 8 }),
      ...range(19, (i) => finding({ id: `bd2-other-${i}`, account: '500000000007', type: 'Recon:EC2/Portscan', severity: 5 })),
      // CloudTrail: DeleteDetector and UpdateDetector(enable:false) in one account…
      cloudTrail(AIRBNB, 14, { recipientAccountId: '300000000001' }),
      cloudTrail(AIRBNB, 15, { recipientAccountId: '300000000001', eventID: 'update-disable' }),
      // …UpdateDetector(enable:true) and a read-only GetDetector in another (neither may page)…
      cloudTrail(AIRBNB, 16, { recipientAccountId: '300000000002', eventID: 'update-enable' }),
      cloudTrail(AIRBNB, 14, { recipientAccountId: '300000000002', eventID: 'get-detector', eventName: 'GetDetector', readOnly: true }),
      // …and a DeleteDetector that was denied (still pages, labelled with its error).
      cloudTrail(AIRBNB, 14, { recipientAccountId: '300000000003', eventID: 'denied-delete', errorCode: 'AccessDenied' }),
      // A bucket policy change on the export bucket, and one on another bucket.
      cloudTrail(PANTHER, 5, { recipientAccountId: '400000000001', eventID: 'policy-export' }),
      cloudTrail(PANTHER, 5, {
        recipientAccountId: '400000000002',
        eventID: 'policy-other',
        requestParameters: { bucketName: 'unrelated-bucket', bucketPolicy: {} },
      }),
    ]);
    await arriveAt(T + 3 * MINUTE_MS, [finding({ id: 'actor-1', account: '500000000003', type: 'Recon:EC2/Portscan', severity: 5, role: 'ACTOR' })]);
    await arriveAt(T + 4 * MINUTE_MS, [
      finding({ id: 'crit-1', account: '500000000004', type: 'AttackSequence:IAM/CompromisedCredentials', severity: 9.5 }),
      finding({ id: 'high-89', account: '500000000005', type: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', severity: 8.9 }),
      finding({ id: 'crit-sample', account: '500000000002', type: 'AttackSequence:S3/CompromisedData', severity: 9.8, sample: true }),
    ]);
    await writeHeartbeat(store.client, store.names, {
      workerId: 'worker-1',
      command: 'ingest',
      startedAt: new Date(T - HOUR_MS).toISOString(),
      status: 'running',
      nowMs: T,
      input: 'files',
      accounting: new Accounting(),
    });
    await store.refresh();
  });

  afterAll(async () => {
    await store.cleanup();
  });

  it('1. GuardDuty disabled or altered: DeleteDetector, disabling UpdateDetector and a denied call page; enabling and read-only calls do not', async () => {
    const { transitions, lines } = await replay(store.url, store.names, 'gdlens-guardduty-tampered', T, 10);
    expect(describeTransitions(transitions, T, ['account_id', 'eventName', 'error_code'])).toEqual([
      '+2m Normal->Alerting {account_id=300000000001 eventName=deletedetector error_code=none}',
      '+2m Normal->Alerting {account_id=300000000001 eventName=updatedetector error_code=none}',
      '+2m Normal->Alerting {account_id=300000000003 eventName=deletedetector error_code=accessdenied}',
      '+8m Alerting->Normal {account_id=300000000001 eventName=deletedetector error_code=none}',
      '+8m Alerting->Normal {account_id=300000000001 eventName=updatedetector error_code=none}',
      '+8m Alerting->Normal {account_id=300000000003 eventName=deletedetector error_code=accessdenied}',
    ]);
    const firing = lines.find((l) => l.state === 'Alerting' && l.labels['eventName'] === 'deletedetector');
    expect(firing?.values).toMatchObject({ B: 1, C: 1 });
    expect(lines.some((l) => l.labels['account_id'] === '300000000002')).toBe(false);
    expect(lines.some((l) => l.state === 'Error')).toBe(false);
  });

  it('1. with countFailedCalls=0 the denied call does not page', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-guardduty-tampered', T, 3, {
      overrides: { 'gdlens-guardduty-tampered': { countFailedCalls: '0' } },
    });
    expect(describeTransitions(transitions, T, ['account_id', 'eventName'])).toEqual([
      '+2m Normal->Alerting {account_id=300000000001 eventName=deletedetector}',
      '+2m Normal->Alerting {account_id=300000000001 eventName=updatedetector}',
    ]);
  });

  it('2. findings export tampered: only the configured bucket pages', async () => {
    const overrides = { 'gdlens-export-tampered': { buckets: 'example-bucket' } };
    const { transitions } = await replay(store.url, store.names, 'gdlens-export-tampered', T, 10, { overrides });
    expect(describeTransitions(transitions, T, ['account_id', 'eventName'])).toEqual([
      '+2m Normal->Alerting {account_id=400000000001 eventName=putbucketpolicy}',
      '+8m Alerting->Normal {account_id=400000000001 eventName=putbucketpolicy}',
    ]);
  });

  it('2. --time-field @timestamp replays backfilled CloudTrail at its event time', async () => {
    const eventTime = Date.parse('2019-01-01T00:00:00Z');
    const overrides = { 'gdlens-export-tampered': { buckets: 'example-bucket' } };
    const from = eventTime - 2 * MINUTE_MS;
    const { transitions } = await replay(store.url, store.names, 'gdlens-export-tampered', from, 10, { timeField: '@timestamp', overrides });
    expect(describeTransitions(transitions, from, ['account_id'])).toEqual([
      '+2m Normal->Alerting {account_id=400000000001}',
      '+8m Alerting->Normal {account_id=400000000001}',
    ]);
  });

  it('3. no GuardDuty data: a pair with findings this week but none in 24h goes Pending, then Alerting after 30m', async () => {
    const { transitions, lines } = await replay(store.url, store.names, 'gdlens-no-findings', T, 31);
    expect(describeTransitions(transitions, T, ['account_id', 'region'])).toEqual([
      '+0m Normal->Pending {account_id=500000000010 region=eu-west-1}',
      '+30m Pending->Alerting {account_id=500000000010 region=eu-west-1}',
    ]);
    // Accounts that only sent sample findings are never watched.
    expect(lines.some((l) => l.labels['account_id'] === '500000000002')).toBe(false);
    expect(lines.find((l) => l.state === 'Alerting')?.labels['account_name']).toBe('-');
  });

  it('3. with a 12h window, a pair silent for 21h goes Pending and recovers when findings arrive', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-no-findings', T, 31, { overrides: { 'gdlens-no-findings': { window: '12h' } } });
    expect(describeTransitions(transitions, T, ['account_id', 'region'])).toEqual([
      '+0m Normal->Pending {account_id=500000000009 region=us-east-1}',
      '+0m Normal->Pending {account_id=500000000010 region=eu-west-1}',
      '+1m Pending->Normal {account_id=500000000009 region=us-east-1}',
      '+30m Pending->Alerting {account_id=500000000010 region=eu-west-1}',
    ]);
  });

  it('3b. worker heartbeat: fresh for 15 minutes, then Pending, then Alerting after 5 more', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-worker-heartbeat-stale', T, 22);
    expect(describeTransitions(transitions, T, [])).toEqual(['+16m Normal->Pending {}', '+21m Pending->Alerting {}']);
  });

  it('4. phishing pages at arrival and resolves after the window; the sample does not page', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-phishing-domain', T, 10);
    expect(describeTransitions(transitions, T, ['account_id', 'finding_type'])).toEqual([
      '+1m Normal->Alerting {account_id=500000000001 finding_type=trojan:ec2/phishingdomainrequest!dns}',
      '+7m Alerting->Normal {account_id=500000000001 finding_type=trojan:ec2/phishingdomainrequest!dns}',
    ]);
  });

  it('5. a resource acting as ACTOR pages immediately', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-resource-is-actor', T, 12);
    expect(describeTransitions(transitions, T, ACCOUNT_LABELS)).toEqual([
      '+3m Normal->Alerting {account_id=500000000003}',
      '+9m Alerting->Normal {account_id=500000000003}',
    ]);
  });

  it('6. Backdoor ratio: 0.2 pages, 0.05 does not, and the ratio is reported', async () => {
    const { transitions, lines } = await replay(store.url, store.names, 'gdlens-backdoor-ratio', T, 10);
    expect(describeTransitions(transitions, T, ACCOUNT_LABELS)).toEqual(['+2m Normal->Alerting {account_id=500000000006}']);
    const atTwo = lines.filter((l) => l.time === new Date(T + 2 * MINUTE_MS).toISOString());
    expect(atTwo.find((l) => l.labels['account_id'] === '500000000006')?.values).toMatchObject({ C: 1, D: 5, E: 0.2 });
    expect(atTwo.find((l) => l.labels['account_id'] === '500000000007')).toMatchObject({ state: 'Normal', values: { E: 0.05 } });
  });

  it('6. the ratio with a zero denominator is 0, not NaN or an error', () => {
    const values = { C: [number({ account_id: '1' }, 0)], D: [number({ account_id: '1' }, 0)] };
    expect(math('$C / ($D + ($D == 0))', values)).toEqual([number({ account_id: '1' }, 0)]);
  });

  it('7. more High than usual: no history + above the floor → Pending, Alerting after 10m; a busy history and samples do not page', async () => {
    const { transitions, lines } = await replay(store.url, store.names, 'gdlens-high-findings-above-baseline', T, 12);
    expect(describeTransitions(transitions, T, ACCOUNT_LABELS)).toEqual([
      '+1m Normal->Pending {account_id=500000000008}',
      '+11m Pending->Alerting {account_id=500000000008}',
    ]);
    const usual = lines.find((l) => l.labels['account_id'] === '500000000009' && l.time === new Date(T + 2 * MINUTE_MS).toISOString());
    expect(usual?.state).toBe('Normal');
    expect(usual?.values['C']).toBe(11);
    // 300 findings over 169 hourly buckets: the baseline mean and deviation Grafana's math computes.
    expect(usual?.values['M']).toBeCloseTo(300 / 169, 6);
    expect(usual?.values['S']).toBeCloseTo(Math.sqrt((10 * 900) / 169 - (300 / 169) ** 2), 6);
    expect(lines.some((l) => l.labels['account_id'] === '500000000002')).toBe(false);
  });

  it('8. a Critical finding pages; 8.9 and a sample critical do not', async () => {
    const { transitions } = await replay(store.url, store.names, 'gdlens-critical-finding', T, 12);
    expect(describeTransitions(transitions, T, ['account_id', 'severity_label'])).toEqual([
      '+4m Normal->Alerting {account_id=500000000004 severity_label=critical}',
      '+10m Alerting->Normal {account_id=500000000004 severity_label=critical}',
    ]);
  });

  it('the CLI prints one JSON line per instance per step, then the summary table', async () => {
    const cli = cliContext([
      'backtest',
      '--from',
      new Date(T + MINUTE_MS).toISOString(),
      '--to',
      new Date(T + 3 * MINUTE_MS).toISOString(),
      '--time-field',
      'ingested_at',
      '--opensearch',
      store.url,
      '--prefix',
      store.names.prefix,
      '--set',
      'gdlens-export-tampered.buckets=example-bucket',
    ]);
    expect(await runCli(cli.ctx, COMMANDS)).toBe(0);
    const output = cli.out().trimEnd().split('\n');
    const json = output.filter((line) => !line.startsWith('#')).map((line) => JSON.parse(line) as { time: string; rule_uid: string; state: string; labels: Record<string, string>; values: Record<string, number> });
    const table = output.filter((line) => line.startsWith('#'));
    expect(json.length).toBeGreaterThan(0);
    for (const line of json) expect(Object.keys(line)).toEqual(['time', 'rule_uid', 'state', 'labels', 'values']);
    expect(json).toContainEqual(
      expect.objectContaining({ time: new Date(T + MINUTE_MS).toISOString(), rule_uid: 'gdlens-phishing-domain', state: 'Alerting', values: { B: 1, C: 1 } }),
    );
    expect(json.filter((l) => l.rule_uid === 'gdlens-export-tampered' && l.state === 'Alerting').map((l) => l.time)).toEqual([
      new Date(T + 2 * MINUTE_MS).toISOString(),
      new Date(T + 3 * MINUTE_MS).toISOString(),
    ]);
    expect(table[0]).toMatch(/^# rule +evaluations +firings +alerting steps +first firing +last firing$/);
    expect(table).toHaveLength(2 + 9);
    expect(table.find((line) => line.includes('gdlens-export-tampered'))).toMatch(
      /gdlens-export-tampered +3 +1 +2 +2026-01-15T12:02:00.000Z +2026-01-15T12:03:00.000Z/,
    );
    expect(table.find((line) => line.includes('gdlens-critical-finding'))).toMatch(/gdlens-critical-finding +3 +0 +0 +- +-/);
  });

  it('a silent window: no immediate, ratio or baseline rule fires and nothing errors', async () => {
    const silentFrom = T + 3 * HOUR_MS;
    for (const uid of [
      'gdlens-guardduty-tampered',
      'gdlens-export-tampered',
      'gdlens-phishing-domain',
      'gdlens-resource-is-actor',
      'gdlens-backdoor-ratio',
      'gdlens-critical-finding',
    ]) {
      const { transitions, lines } = await replay(store.url, store.names, uid, silentFrom, 3);
      expect({ uid, transitions }).toEqual({ uid, transitions: [] });
      expect(lines.every((l) => l.state === 'Normal')).toBe(true);
    }
  });
});

describe('gdlens backtest on an empty and on a missing index', () => {
  const ALL_RULES = [
    'gdlens-guardduty-tampered',
    'gdlens-export-tampered',
    'gdlens-no-findings',
    'gdlens-worker-heartbeat-stale',
    'gdlens-phishing-domain',
    'gdlens-resource-is-actor',
    'gdlens-backdoor-ratio',
    'gdlens-high-findings-above-baseline',
    'gdlens-critical-finding',
  ];

  async function transitionsOfAll(url: string, names: ReturnType<typeof storeNames>): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const uid of ALL_RULES) {
      const { transitions } = await replay(url, names, uid, T, 6);
      out[uid] = describeTransitions(transitions, T, ['ref_id', 'datasource_uid']);
    }
    return out;
  }

  it('empty index: only the no-data rules alert (no data counts as alerting), and the heartbeat sees zero', async () => {
    const store = await createTestStore(testOpenSearchUrl());
    try {
      expect(await transitionsOfAll(store.url, store.names)).toEqual({
        'gdlens-guardduty-tampered': [],
        'gdlens-export-tampered': [],
        'gdlens-no-findings': [
          '+0m Normal->Pending {ref_id=A datasource_uid=gdlens-findings-arrival}',
          '+0m Normal->Pending {ref_id=B datasource_uid=gdlens-findings-arrival}',
        ],
        'gdlens-worker-heartbeat-stale': ['+0m Normal->Pending {}', '+5m Pending->Alerting {}'],
        'gdlens-phishing-domain': [],
        'gdlens-resource-is-actor': [],
        'gdlens-backdoor-ratio': [],
        'gdlens-high-findings-above-baseline': [],
        'gdlens-critical-finding': [],
      });
    } finally {
      await store.cleanup();
    }
  });

  it('missing index: NoData everywhere, which pages only for the no-data and heartbeat rules', async () => {
    const names = storeNames(uniqueIndexName('gdlmissing'));
    expect(await transitionsOfAll(testOpenSearchUrl(), names)).toEqual({
      'gdlens-guardduty-tampered': [],
      'gdlens-export-tampered': [],
      'gdlens-no-findings': [
        '+0m Normal->Pending {ref_id=A datasource_uid=gdlens-findings-arrival}',
        '+0m Normal->Pending {ref_id=B datasource_uid=gdlens-findings-arrival}',
      ],
      'gdlens-worker-heartbeat-stale': ['+0m Normal->Pending {ref_id=A datasource_uid=gdlens-pipeline}', '+5m Pending->Alerting {ref_id=A datasource_uid=gdlens-pipeline}'],
      'gdlens-phishing-domain': [],
      'gdlens-resource-is-actor': [],
      'gdlens-backdoor-ratio': [],
      'gdlens-high-findings-above-baseline': [],
      'gdlens-critical-finding': [],
    });
  });
});
