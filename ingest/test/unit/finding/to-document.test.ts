import { findingToDocument } from '../../../src/finding/to-document';
import type { FindingDocument } from '../../../src/records';
import { fixtureRecord, realInstanceFinding } from '../helpers';

function map(finding: Record<string, unknown>): FindingDocument {
  const result = findingToDocument(finding);
  if (!result.ok) throw new Error(result.reason);
  return result.document;
}

/** The real finding with its resource and service replaced. */
function withParts(resource: Record<string, unknown>, service: Record<string, unknown> = {}): Record<string, unknown> {
  const base = realInstanceFinding();
  return { ...base, resource, service: { ...(base['service'] as object), action: undefined, ...service } };
}

describe('findingToDocument', () => {
  it('collects groups, subnets and addresses from every network interface, not only the first', () => {
    const nic = (n: number, extra: object = {}) => ({
      networkInterfaceId: `eni-${n}`,
      privateIpAddress: `10.0.${n}.1`,
      privateIpAddresses: [{ privateIpAddress: `10.0.${n}.1` }, { privateIpAddress: `10.0.${n}.2` }],
      subnetId: `subnet-${n}`,
      vpcId: 'vpc-1',
      securityGroups: [
        { groupName: `web-${n}`, groupId: `sg-${n}a` },
        { groupName: 'shared', groupId: 'sg-shared' },
      ],
      ...extra,
    });
    const document = map(withParts({ resourceType: 'Instance', instanceDetails: { instanceId: 'i-1', networkInterfaces: [nic(1, { publicIp: '198.51.100.7' }), nic(2), nic(3, { publicIp: '198.51.100.9' })] } }));
    expect(document).toMatchObject({
      instance_id: 'i-1',
      security_groups: ['web-1', 'shared', 'web-2', 'web-3'],
      security_group_ids: ['sg-1a', 'sg-shared', 'sg-2a', 'sg-3a'],
      subnet_ids: ['subnet-1', 'subnet-2', 'subnet-3'],
      vpc_id: 'vpc-1',
      public_ips: ['198.51.100.7', '198.51.100.9'],
      private_ips: ['10.0.1.1', '10.0.1.2', '10.0.2.1', '10.0.2.2', '10.0.3.1', '10.0.3.2'],
    });
  });

  it('derives the runtime fields: process, images over every container, pod', () => {
    const document = map(
      withParts(
        {
          resourceType: 'EKSCluster',
          eksClusterDetails: { name: 'prod', vpcId: 'vpc-9' },
          kubernetesDetails: {
            kubernetesUserDetails: { username: 'system:serviceaccount:default:miner' },
            kubernetesWorkloadDetails: { name: 'miner-7d9', type: 'pods', containers: [{ image: 'nginx:1' }, { image: 'xmrig:6' }] },
          },
        },
        { runtimeDetails: { process: { name: 'xmrig', executablePath: '/tmp/xmrig' } } },
      ),
    );
    expect(document).toMatchObject({ eks_cluster: 'prod', vpc_id: 'vpc-9', pod_name: 'miner-7d9', container_image: ['nginx:1', 'xmrig:6'], process_name: 'xmrig', user_name: 'system:serviceaccount:default:miner' });
  });

  it('derives malware names, buckets and object keys from every element', () => {
    const document = map(
      withParts(
        {
          resourceType: 'S3Bucket',
          s3BucketDetails: [
            { name: 'a', s3ObjectDetails: [{ key: 'x/1.zip' }, { key: 'x/2.zip' }] },
            { name: 'b', s3ObjectDetails: [{ key: 'y/3.exe' }] },
          ],
        },
        { malwareScanDetails: { threats: [{ name: 'EICAR' }, { name: 'Mirai' }] } },
      ),
    );
    expect(document).toMatchObject({ bucket_names: ['a', 'b'], object_keys: ['x/1.zip', 'x/2.zip', 'y/3.exe'], malware_names: ['EICAR', 'Mirai'] });
  });

  it('derives Lambda, RDS and ECS resources', () => {
    expect(map(withParts({ resourceType: 'Lambda', lambdaDetails: { functionName: 'f', vpcConfig: { subnetIds: ['s1', 's2'], vpcId: 'v', securityGroups: [{ groupName: 'g', groupId: 'sg' }] } } }))).toMatchObject({
      lambda_function: 'f',
      subnet_ids: ['s1', 's2'],
      vpc_id: 'v',
      security_groups: ['g'],
    });
    expect(map(withParts({ resourceType: 'RDSDBInstance', rdsDbInstanceDetails: { dbInstanceIdentifier: 'db-1' }, rdsDbUserDetails: { user: 'admin' } })).rds_instance).toBe('db-1');
    expect(map(withParts({ resourceType: 'ECSCluster', ecsClusterDetails: { name: 'c', taskDetails: { containers: [{ image: 'i1' }, { image: 'i2' }] } } }))).toMatchObject({ ecs_cluster: 'c', container_image: ['i1', 'i2'] });
  });

  it('takes the remote side of every port probe', () => {
    const document = map(fixtureRecord('sekoia-intake-formats-guardduty.jsonl', 8));
    expect(document).toMatchObject({ action_type: 'PORT_PROBE', remote_ip: '198.51.100.0', local_port: 80, remote_ips: ['198.51.100.0', '198.51.100.1'], local_ports: [80, 443] });
  });

  it('takes the remote side of DNS, RDS login and Kubernetes actions', () => {
    const dns = map(withParts({ resourceType: 'Instance' }, { action: { actionType: 'DNS_REQUEST', dnsRequestAction: { domain: 'pool.example', protocol: 'UDP' } } }));
    expect(dns.domain).toBe('pool.example');
    const rds = map(withParts({ resourceType: 'RDSDBInstance' }, { action: { actionType: 'RDS_LOGIN_ATTEMPT', rdsLoginAttemptAction: { remoteIpDetails: { ipAddressV4: '203.0.113.5', country: { countryName: 'X' }, organization: { org: 'O' } } } } }));
    expect(rds).toMatchObject({ remote_ip: '203.0.113.5', remote_country: 'X', remote_org: 'O' });
    const k8s = map(withParts({ resourceType: 'EKSCluster' }, { action: { actionType: 'KUBERNETES_API_CALL', kubernetesApiCallAction: { sourceIps: ['203.0.113.9'], verb: 'get' } } }));
    expect(k8s.remote_ip).toBe('203.0.113.9');
  });

  it('omits fields and empty arrays the finding does not have from the serialised document', () => {
    const document = map(withParts({ resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'AKIA1', userName: 'u' } }));
    const serialised = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
    for (const key of ['instance_id', 'security_groups', 'public_ips', 'bucket_names', 'container_image', 'remote_ip', 'local_ports']) expect(serialised).not.toHaveProperty(key);
    for (const value of Object.values(document)) expect(value).not.toEqual([]);
    expect(document).toMatchObject({ access_key_id: 'AKIA1', user_name: 'u' });
  });

  it('marks samples from additionalInfo.sample (boolean or string), its value text, or a [SAMPLE] title', () => {
    const base = withParts({ resourceType: 'Instance' });
    const service = base['service'] as Record<string, unknown>;
    const variant = (additionalInfo: unknown, title = 'plain') => map({ ...base, title, service: { ...service, additionalInfo } }).sample;
    expect(variant({ sample: true })).toBe(true);
    expect(variant({ sample: 'true' })).toBe(true);
    expect(variant({ value: '{"sample":true}', type: 'default' })).toBe(true);
    expect(variant({}, '[SAMPLE] Unprotected port')).toBe(true);
    expect(variant({ sample: false, value: '{"sample":false}' })).toBe(false);
    expect(variant({ value: 'not json "sample"' })).toBe(false);
  });

  it('labels severity by band, keeps a non-numeric one as Unknown, rejects one outside 0–10', () => {
    const base = realInstanceFinding();
    expect(map({ ...base, severity: 8.9 })).toMatchObject({ severity: 8.9, severity_label: 'High' });
    expect(map({ ...base, severity: 9 })).toMatchObject({ severity: 9, severity_label: 'Critical' });
    const unknown = map({ ...base, severity: 'n/a' });
    expect(unknown.severity_label).toBe('Unknown');
    expect(unknown.severity).toBeUndefined();
    expect(findingToDocument({ ...base, severity: 11 })).toEqual({ ok: false, reason: 'finding 00f996e6c7804e4c8b4b61e60f5fc423 has severity 11, outside 0–10' });
  });

  it('normalises the dates, keeps the originals in detail, and needs updatedAt or createdAt', () => {
    const base = { ...realInstanceFinding(), updatedAt: '2025-02-25 20:40:06.721', createdAt: 1740516006000 };
    const document = map(base);
    expect(document).toMatchObject({ '@timestamp': '2025-02-25T20:40:06.721Z', updated_at: '2025-02-25T20:40:06.721Z', created_at: '2025-02-25T20:40:06.000Z' });
    expect(document.detail['updatedAt']).toBe('2025-02-25 20:40:06.721');
    const { updatedAt: _u, createdAt: _c, ...undated } = base;
    expect(findingToDocument(undated)).toMatchObject({ ok: false, reason: expect.stringContaining('no valid updatedAt') });
  });

  it('is pure: the input is not changed and the same input gives the same document', () => {
    const input = realInstanceFinding();
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    expect(map(input)).toEqual(map(input));
    expect(input).toEqual(copy);
  });
});
