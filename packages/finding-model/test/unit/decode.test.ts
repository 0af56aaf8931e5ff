import { FINDING_TYPES, decodeFindingType, formatFindingType, isWellFormedFindingType, type FindingTypeParts } from '../../src';

type Row = [type: string, purpose: string, resource: string, family: string, variant?: string, artifact?: string];

/** Hand-written expectations: every purpose, artifact and mechanism in the catalogue appears at least once (checked below). */
const REPRESENTATIVE: Row[] = [
  ['Backdoor:EC2/C&CActivity.B!DNS', 'Backdoor', 'EC2', 'C&CActivity', 'B', 'DNS'],
  ['Backdoor:EC2/DenialOfService.Tcp', 'Backdoor', 'EC2', 'DenialOfService', 'Tcp'],
  ['Backdoor:EC2/DenialOfService.Udp', 'Backdoor', 'EC2', 'DenialOfService', 'Udp'],
  ['Backdoor:EC2/DenialOfService.Dns', 'Backdoor', 'EC2', 'DenialOfService', 'Dns'],
  ['Backdoor:EC2/DenialOfService.UdpOnTcpPorts', 'Backdoor', 'EC2', 'DenialOfService', 'UdpOnTcpPorts'],
  ['Backdoor:EC2/DenialOfService.UnusualProtocol', 'Backdoor', 'EC2', 'DenialOfService', 'UnusualProtocol'],
  ['Backdoor:Lambda/C&CActivity.B', 'Backdoor', 'Lambda', 'C&CActivity', 'B'],
  ['Behavior:EC2/NetworkPortUnusual', 'Behavior', 'EC2', 'NetworkPortUnusual'],
  ['Behavior:IAMUser/InstanceLaunchUnusual', 'Behavior', 'IAMUser', 'InstanceLaunchUnusual'],
  ['CredentialAccess:RDS/AnomalousBehavior.SuccessfulBruteForce', 'CredentialAccess', 'RDS', 'AnomalousBehavior', 'SuccessfulBruteForce'],
  ['CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin', 'CredentialAccess', 'RDS', 'AnomalousBehavior', 'SuccessfulLogin'],
  ['CredentialAccess:RDS/TorIPCaller.FailedLogin', 'CredentialAccess', 'RDS', 'TorIPCaller', 'FailedLogin'],
  ['CredentialAccess:Kubernetes/AnomalousBehavior.SecretsAccessed', 'CredentialAccess', 'Kubernetes', 'AnomalousBehavior', 'SecretsAccessed'],
  ['CredentialAccess:EC2/UnsecuredCredentials', 'CredentialAccess', 'EC2', 'UnsecuredCredentials'],
  ['CryptoCurrency:EC2/BitcoinTool.B!DNS', 'CryptoCurrency', 'EC2', 'BitcoinTool', 'B', 'DNS'],
  ['CryptoCurrency:EC2/BitcoinTool.A', 'CryptoCurrency', 'EC2', 'BitcoinTool', 'A'],
  ['DefenseEvasion:Runtime/ProcessInjection.Proc', 'DefenseEvasion', 'Runtime', 'ProcessInjection', 'Proc'],
  ['DefenseEvasion:Runtime/ProcessInjection.Ptrace', 'DefenseEvasion', 'Runtime', 'ProcessInjection', 'Ptrace'],
  ['DefenseEvasion:Runtime/ProcessInjection.VirtualMemoryWrite', 'DefenseEvasion', 'Runtime', 'ProcessInjection', 'VirtualMemoryWrite'],
  ['DefenseEvasion:EC2/UnusualDoHActivity', 'DefenseEvasion', 'EC2', 'UnusualDoHActivity'],
  ['DefenseImpairment:Organizations/ModifyCloudResourceHierarchy', 'DefenseImpairment', 'Organizations', 'ModifyCloudResourceHierarchy'],
  ['Discovery:Kubernetes/AnomalousBehavior.PermissionChecked', 'Discovery', 'Kubernetes', 'AnomalousBehavior', 'PermissionChecked'],
  ['Discovery:S3/BucketEnumeration.Unusual', 'Discovery', 'S3', 'BucketEnumeration', 'Unusual'],
  ['Execution:Runtime/NewBinaryExecuted', 'Execution', 'Runtime', 'NewBinaryExecuted'],
  ['Execution:Runtime/MaliciousFileExecuted.Custom', 'Execution', 'Runtime', 'MaliciousFileExecuted', 'Custom'],
  ['Execution:Kubernetes/AnomalousBehavior.ExecInPod', 'Execution', 'Kubernetes', 'AnomalousBehavior', 'ExecInPod'],
  ['Execution:Kubernetes/AnomalousBehavior.WorkloadDeployed', 'Execution', 'Kubernetes', 'AnomalousBehavior', 'WorkloadDeployed'],
  ['Execution:EC2/MaliciousFile!Snapshot', 'Execution', 'EC2', 'MaliciousFile', undefined, 'Snapshot'],
  ['Execution:EC2/MaliciousFile!AMI', 'Execution', 'EC2', 'MaliciousFile', undefined, 'AMI'],
  ['Execution:EC2/MaliciousFile!RecoveryPoint', 'Execution', 'EC2', 'MaliciousFile', undefined, 'RecoveryPoint'],
  ['Execution:ECS/MaliciousFile', 'Execution', 'ECS', 'MaliciousFile'],
  ['Execution:Container/SuspiciousFile', 'Execution', 'Container', 'SuspiciousFile'],
  ['Exfiltration:S3/ObjectRead.Unusual', 'Exfiltration', 'S3', 'ObjectRead', 'Unusual'],
  ['Impact:EC2/AbusedDomainRequest.Reputation', 'Impact', 'EC2', 'AbusedDomainRequest', 'Reputation'],
  ['Impact:S3/AnomalousBehavior.Delete', 'Impact', 'S3', 'AnomalousBehavior', 'Delete'],
  ['Impact:S3/AnomalousBehavior.Permission', 'Impact', 'S3', 'AnomalousBehavior', 'Permission'],
  ['Impact:S3/AnomalousBehavior.Write', 'Impact', 'S3', 'AnomalousBehavior', 'Write'],
  ['InitialAccess:IAMUser/AnomalousBehavior', 'InitialAccess', 'IAMUser', 'AnomalousBehavior'],
  ['Object:S3/MaliciousFile', 'Object', 'S3', 'MaliciousFile'],
  ['PenTest:IAMUser/KaliLinux', 'PenTest', 'IAMUser', 'KaliLinux'],
  ['Persistence:Kubernetes/AnomalousBehavior.WorkloadDeployed!ContainerWithSensitiveMount', 'Persistence', 'Kubernetes', 'AnomalousBehavior', 'WorkloadDeployed', 'ContainerWithSensitiveMount'],
  ['Policy:S3/BucketBlockPublicAccessDisabled', 'Policy', 'S3', 'BucketBlockPublicAccessDisabled'],
  ['PrivilegeEscalation:Kubernetes/AnomalousBehavior.RoleBindingCreated', 'PrivilegeEscalation', 'Kubernetes', 'AnomalousBehavior', 'RoleBindingCreated'],
  ['PrivilegeEscalation:Kubernetes/AnomalousBehavior.RoleCreated', 'PrivilegeEscalation', 'Kubernetes', 'AnomalousBehavior', 'RoleCreated'],
  ['PrivilegeEscalation:Kubernetes/AnomalousBehavior.WorkloadDeployed!PrivilegedContainer', 'PrivilegeEscalation', 'Kubernetes', 'AnomalousBehavior', 'WorkloadDeployed', 'PrivilegedContainer'],
  ['Recon:EC2/PortProbeEMRUnprotectedPort', 'Recon', 'EC2', 'PortProbeEMRUnprotectedPort'],
  ['ResourceConsumption:IAMUser/ComputeResources', 'ResourceConsumption', 'IAMUser', 'ComputeResources'],
  ['Stealth:IAMUser/CloudTrailLoggingDisabled', 'Stealth', 'IAMUser', 'CloudTrailLoggingDisabled'],
  ['Trojan:EC2/DGADomainRequest.C!DNS', 'Trojan', 'EC2', 'DGADomainRequest', 'C', 'DNS'],
  ['Trojan:EC2/PhishingDomainRequest!DNS', 'Trojan', 'EC2', 'PhishingDomainRequest', undefined, 'DNS'],
  ['Trojan:EC2/DNSDataExfiltration', 'Trojan', 'EC2', 'DNSDataExfiltration'],
  ['UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', 'UnauthorizedAccess', 'IAMUser', 'InstanceCredentialExfiltration', 'OutsideAWS'],
  ['UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS', 'UnauthorizedAccess', 'IAMUser', 'ResourceCredentialExfiltration', 'InsideAWS'],
  ['UnauthorizedAccess:S3/MaliciousIPCaller.Custom', 'UnauthorizedAccess', 'S3', 'MaliciousIPCaller', 'Custom'],
  ['UnauthorizedAccess:EC2/MetadataDNSRebind', 'UnauthorizedAccess', 'EC2', 'MetadataDNSRebind'],
  ['AttackSequence:EKS/CompromisedCluster', 'AttackSequence', 'EKS', 'CompromisedCluster'],
  ['AttackSequence:EC2/CompromisedInstanceGroup', 'AttackSequence', 'EC2', 'CompromisedInstanceGroup'],
  ['AttackSequence:IAM/CompromisedCredentials', 'AttackSequence', 'IAM', 'CompromisedCredentials'],
];

function expectedParts([, purpose, resource, family, variant, artifact]: Row): FindingTypeParts {
  const parts: FindingTypeParts = {
    threatPurpose: purpose,
    resourceTypeAffected: resource,
    threatFamilyName: family,
    threatName: variant === undefined ? family : `${family}.${variant}`,
  };
  if (variant !== undefined) parts.threatFamilyVariant = variant;
  if (artifact !== undefined) parts.artifact = artifact;
  return parts;
}

describe('decodeFindingType on a representative set', () => {
  it.each(REPRESENTATIVE.map((row) => [row[0], row] as const))('%s', (type, row) => {
    expect(decodeFindingType(type)).toEqual(expectedParts(row));
    expect(formatFindingType(decodeFindingType(type))).toBe(type);
    expect(isWellFormedFindingType(type)).toBe(true);
  });

  it('covers every purpose, resource, mechanism and artifact used in FINDING_TYPES', () => {
    const catalogue = FINDING_TYPES.map((entry) => decodeFindingType(entry.type));
    const covered = REPRESENTATIVE.map(expectedParts);
    for (const key of ['threatPurpose', 'resourceTypeAffected', 'threatFamilyVariant', 'artifact'] as const) {
      const wanted = new Set(catalogue.map((parts) => parts[key]).filter((value) => value !== undefined));
      const have = new Set(covered.map((parts) => parts[key]));
      expect({ key, missing: [...wanted].filter((value) => !have.has(value)) }).toEqual({ key, missing: [] });
    }
    expect(REPRESENTATIVE.length).toBeGreaterThanOrEqual(25);
  });

  it('names the mechanism threatFamilyVariant and keeps & in family names', () => {
    expect(decodeFindingType('Backdoor:Runtime/C&CActivity.B!DNS')).toMatchObject({ threatFamilyName: 'C&CActivity', threatName: 'C&CActivity.B' });
  });
});

describe('decodeFindingType on malformed types', () => {
  it.each<[string, FindingTypeParts]>([
    ['', {}],
    [':', {}],
    ['/', {}],
    [':/', {}],
    [':/.!', {}],
    ['Backdoor', { threatPurpose: 'Backdoor' }],
    ['cryptocurrency', { threatPurpose: 'cryptocurrency' }],
    ['SomethingNew', { threatFamilyName: 'SomethingNew', threatName: 'SomethingNew' }],
    ['Backdoor:', { threatPurpose: 'Backdoor' }],
    ['Backdoor:EC2', { threatPurpose: 'Backdoor', resourceTypeAffected: 'EC2' }],
    ['Backdoor:EC2/', { threatPurpose: 'Backdoor', resourceTypeAffected: 'EC2' }],
    ['EC2/Foo', { resourceTypeAffected: 'EC2', threatFamilyName: 'Foo', threatName: 'Foo' }],
    ['Backdoor:/Foo', { threatPurpose: 'Backdoor', threatFamilyName: 'Foo', threatName: 'Foo' }],
    [':EC2/Foo', { resourceTypeAffected: 'EC2', threatFamilyName: 'Foo', threatName: 'Foo' }],
    ['/Foo.B!DNS', { threatFamilyName: 'Foo', threatFamilyVariant: 'B', artifact: 'DNS', threatName: 'Foo.B' }],
    ['Foo!DNS', { threatFamilyName: 'Foo', artifact: 'DNS', threatName: 'Foo' }],
    ['A:B/C.D.E!F', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C.D', threatFamilyVariant: 'E', artifact: 'F', threatName: 'C.D.E' }],
    ['A:B/C!D!E', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C', artifact: 'D!E', threatName: 'C' }],
    ['A:B/C!D.E', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C', artifact: 'D.E', threatName: 'C' }],
    ['A:B/.E', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyVariant: 'E', threatName: '.E' }],
    ['A:B/C.', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C', threatName: 'C.' }],
    ['A:B/C!', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C', threatName: 'C' }],
    ['A:B:C/D', { threatPurpose: 'A', resourceTypeAffected: 'B:C', threatFamilyName: 'D', threatName: 'D' }],
    ['A/B:C', { resourceTypeAffected: 'A', threatFamilyName: 'B:C', threatName: 'B:C' }],
    ['A:B/C/D', { threatPurpose: 'A', resourceTypeAffected: 'B', threatFamilyName: 'C/D', threatName: 'C/D' }],
  ])('%p keeps what is readable', (type, parts) => {
    expect(decodeFindingType(type)).toEqual(parts);
  });

  it.each<[string]>([['Backdoor'], ['Backdoor:EC2'], ['EC2/Foo'], ['Backdoor:/Foo'], ['A:B/C.']])('%p is not well formed', (type) => {
    expect(isWellFormedFindingType(type)).toBe(false);
  });

  it.each([['Backdoor'], ['Backdoor:EC2'], ['EC2/Foo'], ['Backdoor:/Foo'], ['SomethingNew'], ['A:B/C.']])('%p still formats back to itself', (type) => {
    expect(formatFindingType(decodeFindingType(type))).toBe(type);
  });

  it('never throws, even on input that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['Backdoor:EC2/Foo']]) {
      expect(decodeFindingType(value as unknown as string)).toEqual({});
    }
  });
});

describe('formatFindingType', () => {
  it('rebuilds the threat name from family and variant when threatName is absent', () => {
    expect(formatFindingType({ threatPurpose: 'Backdoor', resourceTypeAffected: 'EC2', threatFamilyName: 'C&CActivity', threatFamilyVariant: 'B', artifact: 'DNS' })).toBe(
      'Backdoor:EC2/C&CActivity.B!DNS',
    );
  });

  it('treats empty strings as absent', () => {
    expect(formatFindingType({ threatPurpose: 'Recon', resourceTypeAffected: 'EC2', threatFamilyName: 'Portscan', threatFamilyVariant: '', artifact: '' })).toBe('Recon:EC2/Portscan');
  });

  it('marks a lone family that is also a purpose word so it decodes back as a family', () => {
    const parts = { threatFamilyName: 'Backdoor', threatName: 'Backdoor' };
    expect(formatFindingType(parts)).toBe('/Backdoor');
    expect(decodeFindingType(formatFindingType(parts))).toEqual(parts);
  });

  it('formats a lone resource with its separator so it decodes back as a resource', () => {
    expect(formatFindingType({ resourceTypeAffected: 'EC2' })).toBe('EC2/');
    expect(decodeFindingType('EC2/')).toEqual({ resourceTypeAffected: 'EC2' });
  });

  it('formats nothing as the empty string', () => {
    expect(formatFindingType({})).toBe('');
  });
});
