import {
  FINDING_TYPES,
  THREAT_PURPOSES,
  decodeFindingType,
  explainFindingType,
  formatFindingType,
  isWellFormedFindingType,
  type FindingTypeParts,
} from '../../src';
import { seeded, type Random } from '../support/prng';
import { realFindingTypes } from '../support/real-fixtures';
import { sentenceProblems } from '../support/clean-sentence';

const SEEDS = [1, 42, 2024, 0xdecaf, 0x5eed];
const CASES_PER_SEED = 400;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

function chars(random: Random, alphabet: string, min: number, max: number): string {
  const length = min + random.int(max - min + 1);
  return Array.from({ length }, () => random.pick([...alphabet])).join('');
}

/** A CamelCase word such as `PortProbe`, `EMRUnprotected` or `Tor2Relay`. */
function camelWord(random: Random): string {
  const pieces = 1 + random.int(3);
  return Array.from({ length: pieces }, () =>
    random.chance(0.15) ? chars(random, UPPER, 2, 4) : `${random.pick([...UPPER])}${chars(random, LOWER + (random.chance(0.1) ? DIGITS : ''), 1, 8)}`,
  ).join('');
}

/** A family name, sometimes with `&` as in `C&CActivity`. */
function family(random: Random): string {
  if (!random.chance(0.3)) return camelWord(random);
  return random.pick([`${random.pick([...UPPER])}&${random.pick([...UPPER])}${camelWord(random)}`, `${camelWord(random)}&${camelWord(random)}`, `${camelWord(random)}&`]);
}

/** Parts of a well-formed type: mandatory purpose, resource and family; optional variant and artifact. */
function wellFormedParts(random: Random): FindingTypeParts {
  const purpose = random.chance(0.6) ? random.pick(Object.keys(THREAT_PURPOSES)) : camelWord(random);
  const resource = random.chance(0.5) ? random.pick(['EC2', 'IAMUser', 'S3', 'Kubernetes', 'Runtime', 'Lambda', 'RDS', 'ECS', 'EKS', 'Container']) : camelWord(random);
  const threatFamilyName = family(random);
  const variant = random.chance(0.5) ? (random.chance(0.4) ? random.pick([...UPPER]) : camelWord(random)) : undefined;
  const artifact = random.chance(0.35) ? (random.chance(0.5) ? random.pick(['DNS', 'Snapshot', 'AMI', 'RecoveryPoint']) : camelWord(random)) : undefined;
  const parts: FindingTypeParts = {
    threatPurpose: purpose,
    resourceTypeAffected: resource,
    threatFamilyName,
    threatName: variant === undefined ? threatFamilyName : `${threatFamilyName}.${variant}`,
  };
  if (variant !== undefined) parts.threatFamilyVariant = variant;
  if (artifact !== undefined) parts.artifact = artifact;
  return parts;
}

function join(parts: FindingTypeParts): string {
  const { threatPurpose, resourceTypeAffected, threatFamilyName, threatFamilyVariant, artifact } = parts;
  return `${threatPurpose}:${resourceTypeAffected}/${threatFamilyName}${threatFamilyVariant ? `.${threatFamilyVariant}` : ''}${artifact ? `!${artifact}` : ''}`;
}

describe.each(SEEDS)('generated well-formed types (seed %i)', (seed) => {
  it(`decode gives back the generated parts and format gives back the text, ${CASES_PER_SEED} cases`, () => {
    const random = seeded(seed);
    const failures: string[] = [];
    let withAmpersand = 0;
    let withVariant = 0;
    let withArtifact = 0;
    for (let i = 0; i < CASES_PER_SEED; i += 1) {
      const parts = wellFormedParts(random);
      const type = join(parts);
      const decoded = decodeFindingType(type);
      if (JSON.stringify(decoded) !== JSON.stringify(decodeFindingType(formatFindingType(parts)))) failures.push(`format(parts) ${type}`);
      if (formatFindingType(decoded) !== type) failures.push(`round trip ${type}`);
      if (!isWellFormedFindingType(type)) failures.push(`not well formed ${type}`);
      expect(decoded).toEqual(parts);
      const problems = sentenceProblems(explainFindingType(type));
      if (problems.length > 0) failures.push(`${type}: ${problems.join(', ')}`);
      if (type.includes('&')) withAmpersand += 1;
      if (parts.threatFamilyVariant) withVariant += 1;
      if (parts.artifact) withArtifact += 1;
    }
    expect(failures).toEqual([]);
    // The generator really exercised the optional parts and `&`.
    expect(withAmpersand).toBeGreaterThan(CASES_PER_SEED / 10);
    expect(withVariant).toBeGreaterThan(CASES_PER_SEED / 4);
    expect(withArtifact).toBeGreaterThan(CASES_PER_SEED / 8);
  });
});

describe.each(SEEDS)('generated arbitrary text (seed %i)', (seed) => {
  it('never throws, explains cleanly and decodes stably after a format', () => {
    const random = seeded(seed);
    const alphabet = 'AbC:/.!&x ';
    const failures: string[] = [];
    for (let i = 0; i < CASES_PER_SEED; i += 1) {
      const text = random.chance(0.2) ? random.pick(Object.keys(THREAT_PURPOSES)) + chars(random, alphabet, 0, 4) : chars(random, alphabet, 0, 12);
      const decoded = decodeFindingType(text);
      const again = decodeFindingType(formatFindingType(decoded));
      if (JSON.stringify(again) !== JSON.stringify(decoded)) failures.push(`unstable ${JSON.stringify(text)}`);
      if (isWellFormedFindingType(text) && formatFindingType(decoded) !== text) failures.push(`well formed but no round trip ${JSON.stringify(text)}`);
      if (Object.values(decoded).some((value) => value === '')) failures.push(`empty part ${JSON.stringify(text)}`);
      const problems = sentenceProblems(explainFindingType(text));
      if (problems.length > 0) failures.push(`${JSON.stringify(text)}: ${problems.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('known types round trip', () => {
  const known = [...new Set([...FINDING_TYPES.map((entry) => entry.type), ...realFindingTypes().map((found) => String(found.type))])];

  it.each(known.map((type) => [type]))('%s', (type) => {
    const parts = decodeFindingType(type);
    expect(join(parts)).toBe(type);
    expect(formatFindingType(parts)).toBe(type);
  });
});
