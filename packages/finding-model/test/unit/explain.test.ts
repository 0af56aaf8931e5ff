import { THREAT_PURPOSES, explainFindingType, type FindingTypeParts } from '../../src';
import { sentenceProblems } from '../support/clean-sentence';

describe('explainFindingType', () => {
  it('explains the canonical example part by part', () => {
    expect(explainFindingType('Backdoor:EC2/C&CActivity.B!DNS')).toBe(
      'Backdoor:EC2/C&CActivity.B!DNS: a suspected backdoor, meaning the resource may be compromised and taking orders from an attacker; ' +
        'the affected resource is an EC2 instance; ' +
        'C&CActivity: the resource contacted a server known to command and control compromised machines; ' +
        'variant B of this detection; ' +
        'artifact DNS: seen in the DNS queries of the resource.',
    );
  });

  it('names the parts in format order: purpose, resource, family, variant, artifact', () => {
    const type = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS';
    // Look after the heading, which repeats the type.
    const sentence = explainFindingType(type).slice(type.length + 2);
    const positions = ['possible unauthorised access', 'IAM principal', 'InstanceCredentialExfiltration', 'OutsideAWS'].map((text) => sentence.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each([
    'Backdoor', 'Behavior', 'CredentialAccess', 'CryptoCurrency', 'Cryptocurrency', 'DefenseEvasion', 'DefenseImpairment', 'Discovery',
    'Execution', 'Exfiltration', 'Impact', 'InitialAccess', 'Object', 'PenTest', 'Pentest', 'Persistence', 'Policy', 'PrivilegeEscalation',
    'Recon', 'ResourceConsumption', 'Stealth', 'Trojan', 'UnauthorizedAccess', 'AttackSequence',
  ])('has a phrase for the purpose %s, whatever its case', (purpose) => {
    const sentence = explainFindingType(`${purpose}:EC2/Foo`);
    const canonical = Object.keys(THREAT_PURPOSES).find((key) => key.toLowerCase() === purpose.toLowerCase()) ?? '';
    expect(sentence).toContain(`: ${THREAT_PURPOSES[canonical]};`);
    expect(sentence).not.toContain('threat purpose');
    expect(explainFindingType(`${purpose.toUpperCase()}:EC2/Foo`)).toContain(THREAT_PURPOSES[canonical]);
  });

  it.each([
    ['EC2', 'an EC2 instance'],
    ['IAMUser', 'an IAM principal'],
    ['IAM', 'AWS credentials'],
    ['S3', 'an S3 bucket'],
    ['Kubernetes', 'an EKS cluster, seen through its Kubernetes audit logs'],
    ['Runtime', 'Runtime Monitoring agent'],
    ['Lambda', 'a Lambda function'],
    ['RDS', 'an RDS or Aurora database'],
    ['ECS', 'an ECS cluster or task'],
    ['EKS', 'an EKS cluster'],
    ['Container', 'a container'],
    ['Malware', 'Malware Protection'],
    ['Organizations', 'AWS Organizations'],
  ])('describes the resource %s', (resource, phrase) => {
    const clause = explainFindingType(`Impact:${resource}/Foo`).split('; ')[1];
    expect(clause).toMatch(/^the affected resource is /);
    expect(clause).toContain(phrase);
  });

  it('describes the EC2 target of an instance-group attack sequence as a group', () => {
    expect(explainFindingType('AttackSequence:EC2/CompromisedInstanceGroup')).toContain('the affected resource is a group of EC2 instances');
    expect(explainFindingType('Backdoor:EC2/Spambot')).toContain('the affected resource is an EC2 instance;');
  });

  it.each([
    ['Custom', 'your own threat lists'],
    ['Reputation', 'domain-reputation'],
    ['Tcp', 'over TCP'],
    ['Udp', 'over UDP'],
    ['OutsideAWS', 'outside AWS'],
    ['InsideAWS', 'another AWS account'],
    ['FailedLogin', 'the login failed'],
  ])('explains the mechanism %s', (variant, phrase) => {
    const sentence = explainFindingType(`Impact:EC2/Foo.${variant}`);
    expect(sentence).toContain(`variant ${variant}: `);
    expect(sentence).toContain(phrase);
  });

  it.each(['A', 'B', 'C'])('calls the letter %s a revision of the detection', (letter) => {
    expect(explainFindingType(`Trojan:EC2/DGADomainRequest.${letter}`)).toContain(`variant ${letter} of this detection`);
  });

  it.each([
    ['DNS', 'DNS queries'],
    ['Snapshot', 'EBS snapshot'],
    ['AMI', 'Amazon Machine Image'],
    ['RecoveryPoint', 'AWS Backup recovery point'],
  ])('explains the artifact %s', (artifact, phrase) => {
    const sentence = explainFindingType(`Execution:EC2/MaliciousFile!${artifact}`);
    expect(sentence).toContain(`artifact ${artifact}: `);
    expect(sentence).toContain(phrase);
  });

  it('names unknown words and splits them into prose', () => {
    const sentence = explainFindingType('LateralMovement:Bedrock/ModelTheftAttempt.ViaVPCEndpoint!ModelWeights');
    expect(sentence).toBe(
      'LateralMovement:Bedrock/ModelTheftAttempt.ViaVPCEndpoint!ModelWeights: threat purpose LateralMovement (lateral movement); ' +
        'the affected resource type is Bedrock; threat family ModelTheftAttempt (model theft attempt); ' +
        'variant ViaVPCEndpoint (via VPC endpoint); artifact ModelWeights (model weights).',
    );
  });

  it('explains parts as well as strings', () => {
    const parts: FindingTypeParts = { threatPurpose: 'Recon', resourceTypeAffected: 'EC2', threatFamilyName: 'Portscan' };
    expect(explainFindingType(parts)).toBe(explainFindingType('Recon:EC2/Portscan'));
  });

  it('skips parts given as empty strings or explicitly undefined', () => {
    const parts: FindingTypeParts = { threatPurpose: 'Recon', resourceTypeAffected: '', threatFamilyName: 'Portscan', threatFamilyVariant: undefined, artifact: '' };
    const sentence = explainFindingType(parts);
    expect(sentenceProblems(sentence)).toEqual([]);
    expect(sentence).not.toContain('affected resource');
    expect(sentence).not.toContain('artifact');
  });
});

describe('explainFindingType on malformed types', () => {
  it.each([
    ['', 'An empty finding type: there is no part to explain.'],
    [':/', 'The finding type ":/" does not follow the GuardDuty format, and no part of it could be read.'],
    ['Backdoor', '"Backdoor": a suspected backdoor, meaning the resource may be compromised and taking orders from an attacker; this type does not follow the full ThreatPurpose:ResourceTypeAffected/ThreatFamilyName format.'],
    ['EC2/Foo', '"EC2/Foo": the affected resource is an EC2 instance; threat family Foo; this type does not follow the full ThreatPurpose:ResourceTypeAffected/ThreatFamilyName format.'],
    ['A:B/C.D.E!F', '"A:B/C.D.E!F": threat purpose A; the affected resource type is B; threat family "C.D"; variant E of this detection; artifact F; this type does not follow the full ThreatPurpose:ResourceTypeAffected/ThreatFamilyName format.'],
  ])('%p', (type, sentence) => {
    expect(explainFindingType(type)).toBe(sentence);
  });

  it.each(['Backdoor:EC2', 'Backdoor:EC2/', 'Backdoor:/Foo', 'A:B/.E', 'A:B/C.', 'A:B/C!', '  Recon:EC2/Portscan  ', 'Recon :EC2/Port\tscan', '!!!', '...', 'Recon:EC2/Foo;Bar'])(
    '%p reads cleanly and says it is not well formed',
    (type) => {
      const sentence = explainFindingType(type);
      expect(sentenceProblems(sentence)).toEqual([]);
      expect(sentence).toMatch(/does not follow/);
    },
  );

  it('never throws on values that are not a type', () => {
    for (const value of [undefined, null, 42, ['Recon:EC2/Portscan']]) {
      expect(() => explainFindingType(value as unknown as string)).not.toThrow();
      expect(sentenceProblems(explainFindingType(value as unknown as string))).toEqual([]);
    }
  });
});
