import { decodeFindingType, formatFindingType, isWellFormedFindingType, type FindingTypeParts } from './finding-type';
import {
  EC2_INSTANCE_GROUP,
  describeArtifact,
  describeDetectionMechanism,
  describeResourceType,
  describeThreatFamily,
  describeThreatPurpose,
} from './glossary';
import { humanize } from './words';

/** A token as it appears in the sentence: quoted when it holds anything but letters, digits and `&`. */
function show(token: string): string {
  return /^[A-Za-z0-9&]+$/.test(token) ? token : `"${tidy(token)}"`;
}

/** `FooBar` -> ` (foo bar)`; nothing when the prose would only repeat the token or is not plain words. */
function gloss(token: string): string {
  const prose = humanize(token);
  const plain = /^[A-Za-z0-9& ]+$/.test(prose);
  return !plain || prose.toLowerCase() === token.trim().toLowerCase() ? '' : ` (${prose})`;
}

function purposeClause(purpose: string): string {
  return describeThreatPurpose(purpose) ?? `threat purpose ${show(purpose)}${gloss(purpose)}`;
}

function resourceClause(resource: string, family: string | undefined): string {
  const instanceGroup = resource.toLowerCase() === 'ec2' && family !== undefined && /instancegroup$/i.test(family);
  const phrase = instanceGroup ? EC2_INSTANCE_GROUP : describeResourceType(resource);
  return phrase === undefined ? `the affected resource type is ${show(resource)}${gloss(resource)}` : `the affected resource is ${phrase}`;
}

function familyClause(family: string): string {
  const phrase = describeThreatFamily(family);
  return phrase === undefined ? `threat family ${show(family)}${gloss(family)}` : `${show(family)}: ${phrase}`;
}

function variantClause(variant: string): string {
  // AWS marks revisions of a detection with a capital letter (`.A`, `.B`, `.C`) without saying more.
  if (/^[A-Z]$/.test(variant)) return `variant ${variant} of this detection`;
  const phrase = describeDetectionMechanism(variant);
  return phrase === undefined ? `variant ${show(variant)}${gloss(variant)}` : `variant ${show(variant)}: ${phrase}`;
}

function artifactClause(artifact: string): string {
  const phrase = describeArtifact(artifact);
  return phrase === undefined ? `artifact ${show(artifact)}${gloss(artifact)}` : `artifact ${show(artifact)}: ${phrase}`;
}

/** Collapse runs of whitespace that a strange token could bring in, so the sentence stays clean. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A plain-English sentence that names every part the type has, in order: purpose, resource,
 * family, variant (detection mechanism), artifact. Known words get a phrase; unknown ones are
 * named and split into words. Never prints "undefined", "null" or an empty slot.
 *
 * @example explainFindingType('Backdoor:EC2/C&CActivity.B!DNS')
 * // 'Backdoor:EC2/C&CActivity.B!DNS: a suspected backdoor: …; the affected resource is an EC2 instance;
 * //  C&CActivity: the resource contacted a server known to command and control compromised machines;
 * //  variant B of this detection; artifact DNS: seen in the DNS queries of the resource.'
 */
export function explainFindingType(typeOrParts: string | FindingTypeParts): string {
  const isText = typeof typeOrParts === 'string';
  const parts = isText ? decodeFindingType(typeOrParts) : typeOrParts ?? {};
  const type = tidy(isText ? typeOrParts : formatFindingType(parts));

  const clauses: string[] = [];
  const { threatPurpose, resourceTypeAffected, threatFamilyName, threatFamilyVariant, artifact } = parts;
  if (threatPurpose) clauses.push(purposeClause(threatPurpose));
  if (resourceTypeAffected) clauses.push(resourceClause(resourceTypeAffected, threatFamilyName || undefined));
  if (threatFamilyName) clauses.push(familyClause(threatFamilyName));
  if (threatFamilyVariant) clauses.push(variantClause(threatFamilyVariant));
  if (artifact) clauses.push(artifactClause(artifact));

  if (clauses.length === 0) {
    return type === ''
      ? 'An empty finding type: there is no part to explain.'
      : `The finding type "${type}" does not follow the GuardDuty format, and no part of it could be read.`;
  }
  const wellFormed = isWellFormedFindingType(formatFindingType(parts)) && (!isText || isWellFormedFindingType(typeOrParts));
  // A well-formed type reads fine as a heading; anything else is quoted so its stray separators
  // cannot be mistaken for the sentence's own punctuation.
  const heading = wellFormed ? type : `"${type}"`;
  if (!wellFormed) clauses.push('this type does not follow the full ThreatPurpose:ResourceTypeAffected/ThreatFamilyName format');
  return tidy(`${heading}: ${clauses.map(tidy).join('; ')}.`);
}
