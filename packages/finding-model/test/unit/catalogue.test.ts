import {
  ARTIFACTS,
  DETECTION_MECHANISMS,
  FINDING_TYPES,
  RESOURCE_TYPES,
  THREAT_FAMILIES,
  decodeFindingType,
  explainFindingType,
  findFindingType,
  formatFindingType,
  isKnownThreatPurpose,
  isWellFormedFindingType,
} from '../../src';
import { sentenceProblems } from '../support/clean-sentence';

const hasKey = (glossary: Readonly<Record<string, string>>, word: string): boolean =>
  Object.keys(glossary).some((key) => key.toLowerCase() === word.toLowerCase());

describe('FINDING_TYPES, entry by entry', () => {
  it.each(FINDING_TYPES.map((entry) => [entry.type]))('%s decodes, round-trips and explains cleanly', (type) => {
    const parts = decodeFindingType(type);
    expect(parts.threatPurpose).toMatch(/^[A-Za-z]+$/);
    expect(parts.resourceTypeAffected).toMatch(/^[A-Za-z0-9]+$/);
    expect(parts.threatFamilyName).toMatch(/^[A-Za-z0-9&]+$/);
    expect(isKnownThreatPurpose(parts.threatPurpose ?? '')).toBe(true);
    expect(formatFindingType(parts)).toBe(type);
    expect(isWellFormedFindingType(type)).toBe(true);

    const sentence = explainFindingType(type);
    expect(sentenceProblems(sentence)).toEqual([]);
    expect(sentence.startsWith(`${type}: `)).toBe(true);
    // Every part is named: the raw family, variant and artifact tokens appear in the sentence.
    for (const token of [parts.threatFamilyName, parts.threatFamilyVariant, parts.artifact]) {
      if (token !== undefined) expect(sentence).toContain(token);
    }
    expect(sentence).not.toContain('does not follow');
    expect(explainFindingType(parts)).toBe(sentence);
  });
});

describe('FINDING_TYPES as a whole', () => {
  it('has no duplicate type', () => {
    const types = FINDING_TYPES.map((entry) => entry.type);
    expect(types.filter((type, index) => types.indexOf(type) !== index)).toEqual([]);
  });

  it('covers every protection plan and the attack sequences', () => {
    const features = new Set(FINDING_TYPES.map((entry) => entry.feature));
    expect([...features].sort()).toEqual(
      [
        'Custom Detection Rules',
        'EKS Protection',
        'Extended Threat Detection',
        'Foundational',
        'Lambda Protection',
        'Malware Protection for Backup',
        'Malware Protection for EC2',
        'Malware Protection for S3',
        'RDS Protection',
        'Runtime Monitoring',
        'S3 Protection',
      ].sort(),
    );
    expect(FINDING_TYPES.filter((entry) => entry.type.startsWith('AttackSequence:')).map((entry) => [entry.type, entry.defaultSeverity])).toEqual([
      ['AttackSequence:EC2/CompromisedInstanceGroup', 'Critical'],
      ['AttackSequence:ECS/CompromisedCluster', 'Critical'],
      ['AttackSequence:EKS/CompromisedCluster', 'Critical'],
      ['AttackSequence:IAM/CompromisedCredentials', 'Critical'],
      ['AttackSequence:S3/CompromisedData', 'Critical'],
    ]);
  });

  it('flags the retired types that still appear in real exports', () => {
    for (const type of [
      'Recon:IAMUser/UserPermissions',
      'Stealth:IAMUser/LoggingConfigurationModified',
      'ResourceConsumption:IAMUser/ComputeResources',
      'UnauthorizedAccess:EC2/TorIPCaller',
      'PrivilegeEscalation:IAMUser/AdministrativePermissions',
    ]) {
      expect(findFindingType(type)).toMatchObject({ type, retired: true });
    }
    expect(findFindingType('Backdoor:EC2/C&CActivity.B!DNS')?.retired).toBeUndefined();
  });

  it('has a phrase for every resource, family, named mechanism and artifact it uses, so no catalogue type falls back to split words', () => {
    const missing: string[] = [];
    for (const { type } of FINDING_TYPES) {
      const parts = decodeFindingType(type);
      if (parts.resourceTypeAffected && !hasKey(RESOURCE_TYPES, parts.resourceTypeAffected)) missing.push(`resource ${parts.resourceTypeAffected}`);
      if (parts.threatFamilyName && !hasKey(THREAT_FAMILIES, parts.threatFamilyName)) missing.push(`family ${parts.threatFamilyName}`);
      const variant = parts.threatFamilyVariant;
      if (variant && !/^[A-Z]$/.test(variant) && !hasKey(DETECTION_MECHANISMS, variant)) missing.push(`mechanism ${variant}`);
      if (parts.artifact && !hasKey(ARTIFACTS, parts.artifact)) missing.push(`artifact ${parts.artifact}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each<[string, string | undefined]>([
    ['Backdoor:EC2/C&CActivity.B!DNS', 'High'],
    ['Recon:EC2/PortProbeUnprotectedPort', 'Low'],
    ['UnauthorizedAccess:EC2/SSHBruteForce', 'Low'],
    ['Policy:Kubernetes/AdminAccessToDefaultServiceAccount', 'High'],
    ['Discovery:S3/AnomalousBehavior', 'Low'],
    ['Exfiltration:IAMUser/AnomalousBehavior', 'High'],
    ['Impact:S3/AnomalousBehavior.Write', 'Medium'],
    ['Object:S3/MaliciousFile', 'High'],
    // AWS documents these as varying with the detected threat or context.
    ['Execution:EC2/MaliciousFile', undefined],
    ['Execution:Runtime/SuspiciousTool', undefined],
    ['CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin', undefined],
  ])('gives %s the documented default severity %p', (type, severity) => {
    expect(findFindingType(type)?.defaultSeverity).toBe(severity);
  });

  it('gives most active types a default severity and no retired type one', () => {
    const active = FINDING_TYPES.filter((entry) => !entry.retired);
    expect(active.filter((entry) => entry.defaultSeverity !== undefined).length).toBeGreaterThan(active.length * 0.8);
    expect(FINDING_TYPES.filter((entry) => entry.retired && entry.defaultSeverity !== undefined)).toEqual([]);
  });

  it('uses only band labels as default severities', () => {
    for (const entry of FINDING_TYPES) {
      if (entry.defaultSeverity !== undefined) expect(['Critical', 'High', 'Medium', 'Low']).toContain(entry.defaultSeverity);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(FINDING_TYPES)).toBe(true);
    expect(FINDING_TYPES.every((entry) => Object.isFrozen(entry))).toBe(true);
  });
});

describe('findFindingType', () => {
  it('finds an exact type and nothing else', () => {
    expect(findFindingType('Object:S3/MaliciousFile')).toEqual({ type: 'Object:S3/MaliciousFile', defaultSeverity: 'High', feature: 'Malware Protection for S3' });
    expect(findFindingType('object:s3/maliciousfile')).toBeUndefined();
    expect(findFindingType('')).toBeUndefined();
  });
});
