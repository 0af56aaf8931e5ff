import { decodeFindingType, type BandLabel, type FindingTypeInfo } from '@gdlens/finding-model';
import type { SeededRandom } from './random';

/** The fixed world a generated data set lives in: accounts, regions, their resources. */
export interface World {
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

/** One generated finding that later records may update (same id, later `updatedAt`). */
export interface LiveFinding {
  finding: Record<string, unknown>;
  count: number;
}

const COUNTRIES = [
  ['Netherlands', 'NL', 'Amsterdam', 52.37, 4.89],
  ['Russia', 'RU', 'Moscow', 55.75, 37.62],
  ['China', 'CN', 'Beijing', 39.9, 116.4],
  ['United States', 'US', 'Ashburn', 39.04, -77.49],
  ['Brazil', 'BR', 'Sao Paulo', -23.55, -46.63],
  ['Germany', 'DE', 'Frankfurt', 50.11, 8.68],
] as const;
const ORGS = ['DigitalOcean, LLC', 'OVH SAS', 'Hetzner Online GmbH', 'Amazon.com, Inc.', 'Tor exit relay', 'Chinanet'];
const USERS = ['alice', 'bob', 'deploy-bot', 'ci-runner', 'admin', 'terraform'];
const IMAGES = ['nginx:1.25', 'public.ecr.aws/docker/library/redis:7', 'ghcr.io/acme/api:2.4.1', 'busybox:1.36', 'python:3.12-slim'];
const PROCESSES = [
  ['xmrig', '/tmp/.x/xmrig'],
  ['curl', '/usr/bin/curl'],
  ['nc', '/usr/bin/nc'],
  ['python3', '/usr/bin/python3'],
  ['kworkerds', '/var/tmp/kworkerds'],
] as const;
const MALWARE = ['EICAR-Test-File (not a virus)', 'Linux.Trojan.Mirai', 'Unix.Trojan.Generic', 'Win.Ransomware.Locky'];
const DOMAINS = ['pool.minexmr.com', 'xmr.pool.example', 'c2.badhost.example', 'dns.tunnel.example', 'onion.gateway.example'];
const PORTS = [22, 3389, 445, 80, 443, 3306, 5432, 6379];

// Severity drawn inside the band AWS documents for the type, or any band for types AWS leaves open.
const BAND_RANGES: Readonly<Record<BandLabel, readonly [number, number]>> = {
  Critical: [9, 10],
  High: [7, 8.9],
  Medium: [4, 6.9],
  Low: [1, 3.9],
};

function severityFor(info: FindingTypeInfo, random: SeededRandom): number {
  const band: BandLabel = info.defaultSeverity ?? random.pick<BandLabel>(['High', 'Medium', 'Medium', 'Low']);
  const [min, max] = BAND_RANGES[band];
  return Math.round((min + random.next() * (max - min)) * 10) / 10;
}

function remoteIpDetails(random: SeededRandom): Record<string, unknown> {
  const [countryName, countryCode, cityName, lat, lon] = random.pick(COUNTRIES);
  const org = random.pick(ORGS);
  return {
    ipAddressV4: random.publicIp(),
    organization: { asn: String(random.int(1000, 65000)), asnOrg: org.toUpperCase(), isp: org, org },
    country: { countryName, countryCode },
    city: { cityName },
    geoLocation: { lat, lon },
  };
}

function tags(random: SeededRandom, count: number): Record<string, string>[] {
  const keys = ['Name', 'team', 'env', 'cost-center', 'owner', 'service'];
  return keys.slice(0, count).map((key) => ({ key, value: `${key}-${random.hex(6)}` }));
}

function instanceDetails(random: SeededRandom, account: string, region: string): Record<string, unknown> {
  const vpcId = `vpc-${random.hex(17)}`;
  // Real instances often have several interfaces, each with its own groups and addresses.
  const interfaces = Array.from({ length: random.int(1, 3) }, (_, index) => {
    const privateIp = random.privateIp();
    const secondary = random.chance(0.3) ? [random.privateIp()] : [];
    return {
      ipv6Addresses: [],
      networkInterfaceId: `eni-${random.hex(17)}`,
      privateDnsName: `ip-${privateIp.replace(/\./g, '-')}.${region}.compute.internal`,
      privateIpAddress: privateIp,
      privateIpAddresses: [privateIp, ...secondary].map((ip) => ({ privateDnsName: `ip-${ip.replace(/\./g, '-')}.${region}.compute.internal`, privateIpAddress: ip })),
      subnetId: `subnet-${random.hex(17)}`,
      vpcId,
      securityGroups: Array.from({ length: random.int(1, 2) }, (__, g) => ({ groupName: `sg-${['web', 'ssh', 'db', 'default', 'batch'][(index + g) % 5]}-${random.hex(4)}`, groupId: `sg-${random.hex(17)}` })),
      ...(index === 0 ? { publicDnsName: `ec2-${random.int(1, 254)}.compute.amazonaws.com`, publicIp: random.publicIp() } : {}),
    };
  });
  return {
    instanceId: `i-${random.hex(17)}`,
    instanceType: random.pick(['t3.micro', 'm5.large', 'c6i.xlarge', 'r6g.2xlarge']),
    launchTime: '2025-11-02T08:14:09.000Z',
    platform: null,
    productCodes: [],
    iamInstanceProfile: { arn: `arn:aws:iam::${account}:instance-profile/app-${random.hex(4)}`, id: `AIPA${random.hex(16).toUpperCase()}` },
    networkInterfaces: interfaces,
    tags: tags(random, random.int(2, 5)),
    instanceState: 'running',
    availabilityZone: `${region}${random.pick(['a', 'b', 'c'])}`,
    imageId: `ami-${random.hex(17)}`,
    imageDescription: 'Amazon Linux 2023 AMI',
  };
}

function accessKeyDetails(random: SeededRandom): Record<string, unknown> {
  return { accessKeyId: `ASIA${random.hex(16).toUpperCase()}`, principalId: `AIDA${random.hex(17).toUpperCase()}`, userType: random.pick(['IAMUser', 'AssumedRole', 'Root']), userName: random.pick(USERS) };
}

function s3BucketDetails(random: SeededRandom, account: string, withObject: boolean): Record<string, unknown>[] {
  const name = `${random.pick(['logs', 'backups', 'data-lake', 'guardduty-export', 'web-assets'])}-${account}-${random.hex(4)}`;
  return [
    {
      arn: `arn:aws:s3:::${name}`,
      name,
      type: 'Destination',
      createdAt: '2024-05-11T10:22:31.000Z',
      owner: { id: random.hex(64) },
      tags: tags(random, 2),
      defaultServerSideEncryption: { encryptionType: 'AES256' },
      publicAccess: {
        permissionConfiguration: {
          bucketLevelPermissions: { accessControlList: { allowsPublicReadAccess: false, allowsPublicWriteAccess: false }, bucketPolicy: { allowsPublicReadAccess: random.chance(0.2), allowsPublicWriteAccess: false }, blockPublicAccess: { ignorePublicAcls: true, restrictPublicBuckets: true, blockPublicAcls: true, blockPublicPolicy: true } },
          accountLevelPermissions: { blockPublicAccess: { ignorePublicAcls: false, restrictPublicBuckets: false, blockPublicAcls: false, blockPublicPolicy: false } },
        },
        effectivePermission: 'NOT_PUBLIC',
      },
      ...(withObject ? { s3ObjectDetails: [{ objectArn: `arn:aws:s3:::${name}/uploads/${random.hex(8)}.zip`, key: `uploads/${random.hex(8)}.zip`, eTag: random.hex(32), hash: random.hex(64), versionId: random.hex(16) }] } : {}),
    },
  ];
}

function kubernetesDetails(random: SeededRandom): Record<string, unknown> {
  const pod = `${random.pick(['api', 'worker', 'frontend', 'miner'])}-${random.hex(10)}-${random.hex(5)}`;
  return {
    kubernetesUserDetails: { username: random.pick(['system:serviceaccount:default:default', 'kubernetes-admin', 'system:anonymous']), uid: random.uuid(), groups: ['system:authenticated'] },
    kubernetesWorkloadDetails: {
      name: pod,
      type: 'pods',
      uid: random.uuid(),
      namespace: random.pick(['default', 'prod', 'kube-system']),
      hostNetwork: random.chance(0.1),
      containers: [{ name: 'app', image: random.pick(IMAGES), imagePrefix: 'docker.io', securityContext: { privileged: random.chance(0.2) } }],
    },
  };
}

function resourceFor(resourceType: string | undefined, feature: string, random: SeededRandom, account: string, region: string): Record<string, unknown> {
  if (feature === 'Extended Threat Detection') return { resourceType: 'AttackSequence' };
  if (feature === 'Malware Protection for S3' || resourceType === 'S3') {
    return { resourceType: 'S3Bucket', s3BucketDetails: s3BucketDetails(random, account, feature === 'Malware Protection for S3'), accessKeyDetails: accessKeyDetails(random) };
  }
  if (resourceType === 'IAMUser') return { resourceType: 'AccessKey', accessKeyDetails: accessKeyDetails(random) };
  if (resourceType === 'Kubernetes') {
    return { resourceType: 'EKSCluster', eksClusterDetails: { name: `eks-${random.pick(['prod', 'staging'])}-${random.hex(4)}`, arn: `arn:aws:eks:${region}:${account}:cluster/prod`, vpcId: `vpc-${random.hex(17)}`, status: 'ACTIVE', tags: tags(random, 2), createdAt: '2024-02-01T12:00:00.000Z' }, kubernetesDetails: kubernetesDetails(random) };
  }
  if (resourceType === 'Lambda') {
    const functionName = `handler-${random.hex(4)}`;
    return { resourceType: 'Lambda', lambdaDetails: { functionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`, functionName, description: 'API handler', lastModifiedAt: '2025-10-01T09:00:00.000Z', revisionId: random.uuid(), functionVersion: '$LATEST', role: `arn:aws:iam::${account}:role/lambda-exec`, vpcConfig: { subnetIds: [`subnet-${random.hex(17)}`, `subnet-${random.hex(17)}`], vpcId: `vpc-${random.hex(17)}`, securityGroups: [{ groupName: 'lambda-egress', groupId: `sg-${random.hex(17)}` }] }, tags: tags(random, 2) } };
  }
  if (resourceType === 'RDS') {
    return { resourceType: 'RDSDBInstance', rdsDbInstanceDetails: { dbInstanceIdentifier: `db-${random.pick(['orders', 'users', 'billing'])}-${random.hex(4)}`, engine: random.pick(['aurora-postgresql', 'aurora-mysql']), engineVersion: '15.4', dbClusterIdentifier: `cluster-${random.hex(4)}`, dbInstanceArn: `arn:aws:rds:${region}:${account}:db:db-${random.hex(6)}`, tags: tags(random, 2) }, rdsDbUserDetails: { user: random.pick(['admin', 'app', 'readonly']), application: 'psql', database: 'postgres', ssl: 'true', authMethod: 'PASSWORD' } };
  }
  if (resourceType === 'ECS' || (resourceType === 'Runtime' && random.chance(0.3))) {
    return { resourceType: 'ECSCluster', ecsClusterDetails: { name: `ecs-${random.pick(['web', 'jobs'])}-${random.hex(4)}`, arn: `arn:aws:ecs:${region}:${account}:cluster/web`, status: 'ACTIVE', tags: [], taskDetails: { arn: `arn:aws:ecs:${region}:${account}:task/web/${random.hex(32)}`, definitionArn: `arn:aws:ecs:${region}:${account}:task-definition/web:12`, version: '12', startedAt: '2025-12-01T00:00:00.000Z', containers: [{ name: 'web', image: random.pick(IMAGES) }] } } };
  }
  if (resourceType === 'Runtime' && random.chance(0.5)) {
    return { resourceType: 'EKSCluster', eksClusterDetails: { name: `eks-prod-${random.hex(4)}`, arn: `arn:aws:eks:${region}:${account}:cluster/prod`, vpcId: `vpc-${random.hex(17)}`, status: 'ACTIVE' }, kubernetesDetails: kubernetesDetails(random), instanceDetails: instanceDetails(random, account, region) };
  }
  return { resourceType: 'Instance', instanceDetails: instanceDetails(random, account, region) };
}

function actionFor(type: string, resource: Record<string, unknown>, random: SeededRandom): Record<string, unknown> | undefined {
  const resourceType = resource['resourceType'];
  const local = { port: random.pick(PORTS), portName: 'Unknown' };
  if (type.includes('PortProbe')) {
    return { actionType: 'PORT_PROBE', portProbeAction: { blocked: false, portProbeDetails: Array.from({ length: random.int(1, 3) }, () => ({ localPortDetails: { port: random.pick(PORTS), portName: 'SSH' }, localIpDetails: { ipAddressV4: random.privateIp() }, remoteIpDetails: remoteIpDetails(random) })) } };
  }
  if (type.includes('!DNS') || type.includes('DNSDataExfiltration') || type.includes('DGADomainRequest')) {
    return { actionType: 'DNS_REQUEST', dnsRequestAction: { domain: random.pick(DOMAINS), protocol: 'UDP', blocked: false, domainWithSuffix: 'example' } };
  }
  if (resourceType === 'AccessKey' || resourceType === 'S3Bucket') {
    return { actionType: 'AWS_API_CALL', awsApiCallAction: { api: random.pick(['GetObject', 'ListBuckets', 'PutBucketPolicy', 'CreateUser', 'StopLogging']), serviceName: random.pick(['s3.amazonaws.com', 'iam.amazonaws.com', 'cloudtrail.amazonaws.com']), callerType: 'Remote IP', remoteIpDetails: remoteIpDetails(random), userAgent: 'aws-cli/2.15.0 Python/3.11', affectedResources: {} } };
  }
  if (resourceType === 'EKSCluster' && type.includes('Kubernetes')) {
    return { actionType: 'KUBERNETES_API_CALL', kubernetesApiCallAction: { requestUri: '/api/v1/namespaces/default/secrets', verb: 'list', sourceIps: [random.publicIp()], userAgent: 'kubectl/v1.29.0', remoteIpDetails: remoteIpDetails(random), statusCode: 200, parameters: '{}' } };
  }
  if (resourceType === 'RDSDBInstance') {
    return { actionType: 'RDS_LOGIN_ATTEMPT', rdsLoginAttemptAction: { remoteIpDetails: remoteIpDetails(random), loginAttributes: [{ user: 'admin', application: 'psql', failedLoginAttempts: random.int(5, 200), successfulLoginAttempts: random.int(0, 1) }] } };
  }
  if (resourceType === 'AttackSequence' || type.startsWith('Execution:') || type.includes('Runtime/')) return undefined;
  return { actionType: 'NETWORK_CONNECTION', networkConnectionAction: { connectionDirection: random.pick(['OUTBOUND', 'INBOUND']), remoteIpDetails: remoteIpDetails(random), remotePortDetails: { port: random.pick(PORTS), portName: 'Unknown' }, localPortDetails: local, protocol: 'TCP', blocked: false, localIpDetails: { ipAddressV4: random.privateIp() } } };
}

function extraService(type: string, feature: string, random: SeededRandom): Record<string, unknown> {
  if (feature === 'Runtime Monitoring') {
    const [name, path] = random.pick(PROCESSES);
    return { runtimeDetails: { process: { name, executablePath: path, executableSha256: random.hex(64), pid: random.int(100, 60000), user: 'root', userId: 0, uuid: random.uuid(), lineage: [{ name: 'bash', pid: random.int(2, 99), executablePath: '/bin/bash' }] }, context: { commandLineExample: `${path} --quiet` } } };
  }
  if (feature === 'Malware Protection for EC2' || feature === 'Malware Protection for Backup') {
    return { ebsVolumeScanDetails: { scanId: random.hex(32), scanStartedAt: '2026-01-01T00:00:00.000Z', scanCompletedAt: '2026-01-01T00:05:00.000Z', triggerFindingId: random.hex(32), sources: ['Bitdefender', 'Amazon'], scanDetections: { scannedItemCount: { totalGb: random.int(5, 200), files: random.int(1000, 90000), volumes: 1 }, threatsDetectedItemCount: { files: 1 }, threatDetectedByName: { itemCount: 1, uniqueThreatNameCount: 1, shortened: false, threatNames: [{ name: random.pick(MALWARE), severity: 'HIGH', itemCount: 1, filePaths: [{ filePath: `/var/tmp/${random.hex(6)}`, volumeArn: `arn:aws:ec2:volume/vol-${random.hex(17)}`, hash: random.hex(64), fileName: random.hex(6) }] }] } }, scanType: 'GUARDDUTY_INITIATED' } };
  }
  if (feature === 'Malware Protection for S3') {
    return { malwareScanDetails: { threats: [{ name: random.pick(MALWARE) }] } };
  }
  if (type.startsWith('AttackSequence')) return { featureName: 'Correlation' };
  return {};
}

/** A new finding of `info`'s type, in GuardDuty's own (S3 export) form. */
export function newFinding(info: FindingTypeInfo, world: World, random: SeededRandom, updatedAtMs: number, sample: boolean, archived: boolean): Record<string, unknown> {
  const account = random.pick(world.accounts);
  const region = random.pick(world.regions);
  const parts = decodeFindingType(info.type);
  const resource = resourceFor(parts.resourceTypeAffected, info.feature, random, account, region);
  const action = actionFor(info.type, resource, random);
  const id = random.hex(32);
  const detectorId = random.hex(32);
  const created = new Date(updatedAtMs).toISOString();
  const firstSeen = new Date(updatedAtMs - random.int(1, 600) * 1000).toISOString();
  const severity = severityFor(info, random);
  const what = parts.threatFamilyName ?? 'activity';
  const title = `${sample ? '[SAMPLE] ' : ''}${what.replace(/([a-z])([A-Z])/g, '$1 $2')} observed on ${String(resource['resourceType'])} in ${account}.`;
  return {
    schemaVersion: '2.0',
    accountId: account,
    region,
    partition: 'aws',
    id,
    arn: `arn:aws:guardduty:${region}:${account}:detector/${detectorId}/finding/${id}`,
    type: info.type,
    resource,
    service: {
      serviceName: 'guardduty',
      detectorId,
      ...(action === undefined ? {} : { action }),
      resourceRole: random.chance(0.9) ? 'TARGET' : 'ACTOR',
      additionalInfo: { value: sample ? '{"sample":true}' : '{}', type: 'default', ...(sample ? { sample: true } : {}) },
      evidence: random.chance(0.3) ? { threatIntelligenceDetails: [{ threatListName: 'ProofPoint', threatNames: [what] }] } : undefined,
      eventFirstSeen: firstSeen,
      eventLastSeen: created,
      archived,
      count: 1,
      ...extraService(info.type, info.feature, random),
    },
    severity,
    createdAt: created,
    updatedAt: created,
    title,
    description: `${title} GuardDuty saw ${what} involving ${String(resource['resourceType'])} resources in ${region}. Investigate the resource and the remote party named in the finding details, and archive the finding if the activity is expected. If it is not, rotate any exposed credentials, isolate the resource, and review CloudTrail for related API calls made by the same principal.`,
  };
}

/**
 * The same finding later: `service.count` rises, `updatedAt`/`eventLastSeen` move to `updatedAtMs`,
 * and the remote side may change, as GuardDuty's aggregation does.
 */
export function updatedFinding(live: LiveFinding, random: SeededRandom, updatedAtMs: number): Record<string, unknown> {
  const previous = live.finding;
  live.count += random.int(1, 25);
  const service = { ...(previous['service'] as Record<string, unknown>) };
  const at = new Date(updatedAtMs).toISOString();
  service['count'] = live.count;
  service['eventLastSeen'] = at;
  if (random.chance(0.05)) service['archived'] = true;
  const action = service['action'] as Record<string, unknown> | undefined;
  const connection = action?.['networkConnectionAction'] as Record<string, unknown> | undefined;
  if (action !== undefined && connection !== undefined && random.chance(0.5)) {
    service['action'] = { ...action, networkConnectionAction: { ...connection, remoteIpDetails: remoteIpDetails(random), remotePortDetails: { port: random.pick(PORTS), portName: 'Unknown' } } };
  }
  const finding = { ...previous, service, updatedAt: at };
  live.finding = finding;
  return finding;
}
