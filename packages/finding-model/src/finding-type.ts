import { isKnownThreatPurpose } from './glossary';

/**
 * The parts of a finding type `ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact`.
 * A part is absent (never an empty string) when the type does not have it.
 */
export interface FindingTypeParts {
  /** `Backdoor` */
  threatPurpose?: string;
  /** `EC2` */
  resourceTypeAffected?: string;
  /** `C&CActivity` */
  threatFamilyName?: string;
  /** `B`: AWS's DetectionMechanism, called ThreatFamilyVariant in older docs. */
  threatFamilyVariant?: string;
  /** `DNS` */
  artifact?: string;
  /** `C&CActivity.B`: the text between `/` and `!`, i.e. family + `.` + variant when both are present. */
  threatName?: string;
}

const PURPOSE_SEPARATOR = ':';
const RESOURCE_SEPARATOR = '/';
const VARIANT_SEPARATOR = '.';
const ARTIFACT_SEPARATOR = '!';

function present(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** Drop absent parts so that decoded objects compare equal with `toEqual` and serialise without nulls. */
function compact(parts: FindingTypeParts): FindingTypeParts {
  const out: FindingTypeParts = {};
  for (const key of Object.keys(parts) as (keyof FindingTypeParts)[]) {
    const value = present(parts[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Split the part after `/`: `ThreatFamilyName.DetectionMechanism!Artifact`.
 *
 * The artifact starts at the first `!` (no family or mechanism contains one). The mechanism starts
 * at the last `.` before it: in every type AWS has published, a family name never contains a dot
 * and a mechanism is a single word (`B`, `Custom`, `OutsideAWS`, `WorkloadDeployed`), so the last
 * dot is the only one; choosing the last keeps a hypothetical dotted family (`A.B.C` -> `A.B` + `C`)
 * intact.
 */
function decodeThreat(threat: string): FindingTypeParts {
  const bang = threat.indexOf(ARTIFACT_SEPARATOR);
  const threatName = bang < 0 ? threat : threat.slice(0, bang);
  const artifact = bang < 0 ? undefined : threat.slice(bang + 1);
  const dot = threatName.lastIndexOf(VARIANT_SEPARATOR);
  const family = dot < 0 ? threatName : threatName.slice(0, dot);
  const variant = dot < 0 ? undefined : threatName.slice(dot + 1);
  // A name made only of separators (`.`) carries nothing readable.
  const readable = present(family) !== undefined || present(variant) !== undefined;
  return compact({ threatFamilyName: family, threatFamilyVariant: variant, artifact, threatName: readable ? threatName : undefined });
}

/**
 * Decode a finding type into its parts. Never throws.
 *
 * A type that does not follow the format keeps every part that can be read:
 * - `:` counts as the purpose separator only before the first `/`;
 * - `Backdoor:EC2` (no `/`) is a purpose and a resource;
 * - `EC2/Foo` (no `:`) is a resource and a threat name;
 * - a lone word is a threat purpose when it is one of AWS's purposes (`Backdoor`), otherwise a threat name.
 * Empty segments (`':/'`) yield no part. Non-string input yields `{}`.
 */
export function decodeFindingType(type: string): FindingTypeParts {
  if (typeof type !== 'string' || type === '') return {};
  const slash = type.indexOf(RESOURCE_SEPARATOR);
  const colon = type.indexOf(PURPOSE_SEPARATOR);
  const hasPurpose = colon >= 0 && (slash < 0 || colon < slash);

  if (!hasPurpose && slash < 0) {
    return isKnownThreatPurpose(type) ? { threatPurpose: type } : decodeThreat(type);
  }

  const threatPurpose = hasPurpose ? type.slice(0, colon) : undefined;
  const rest = hasPurpose ? type.slice(colon + 1) : type;
  const restSlash = rest.indexOf(RESOURCE_SEPARATOR);
  if (restSlash < 0) {
    return compact({ threatPurpose, resourceTypeAffected: rest });
  }
  return compact({
    threatPurpose,
    resourceTypeAffected: rest.slice(0, restSlash),
    ...decodeThreat(rest.slice(restSlash + 1)),
  });
}

/** The text after `/`: threat name (as received, or rebuilt from family and variant) plus `!artifact`. */
function formatThreat(parts: FindingTypeParts): string {
  const family = present(parts.threatFamilyName);
  const variant = present(parts.threatFamilyVariant);
  const artifact = present(parts.artifact);
  // The received text wins so that a malformed name such as `Foo.` survives a round trip.
  const rebuilt = family !== undefined || variant !== undefined ? `${family ?? ''}${variant === undefined ? '' : `.${variant}`}` : '';
  const threatName = present(parts.threatName) ?? rebuilt;
  return `${threatName}${artifact === undefined ? '' : `${ARTIFACT_SEPARATOR}${artifact}`}`;
}

/**
 * Inverse of {@link decodeFindingType}: `formatFindingType(decodeFindingType(t)) === t` for every
 * well-formed type (and for partial ones such as `Backdoor:EC2` or `EC2/Foo`), and for any text
 * `decodeFindingType(formatFindingType(decodeFindingType(t)))` equals `decodeFindingType(t)`.
 * When `threatName` is present it is used as is; otherwise it is rebuilt from family and variant.
 * Empty strings count as absent.
 */
export function formatFindingType(parts: FindingTypeParts): string {
  const purpose = present(parts.threatPurpose);
  const resource = present(parts.resourceTypeAffected);
  const threat = formatThreat(parts);
  // Without a purpose, a `:` inside the resource would be read as the purpose separator: an empty
  // purpose in front keeps it inside the resource.
  const head = purpose !== undefined ? `${purpose}${PURPOSE_SEPARATOR}` : resource?.includes(PURPOSE_SEPARATOR) ? PURPOSE_SEPARATOR : '';

  if (threat === '') {
    if (purpose !== undefined && resource !== undefined) return `${head}${resource}`;
    if (resource !== undefined) return `${head}${resource}${RESOURCE_SEPARATOR}`;
    if (purpose === undefined) return '';
    // A lone word decodes as a purpose only when it is a known one; otherwise keep its `:`.
    return isKnownThreatPurpose(purpose) ? purpose : `${purpose}${PURPOSE_SEPARATOR}`;
  }
  if (purpose === undefined && resource === undefined) {
    // A bare threat name must not look like a purpose or contain a separator, or it would decode
    // differently; a leading `/` marks it as a threat name.
    const ambiguous = isKnownThreatPurpose(threat) || threat.includes(PURPOSE_SEPARATOR) || threat.includes(RESOURCE_SEPARATOR);
    return ambiguous ? `${RESOURCE_SEPARATOR}${threat}` : threat;
  }
  return `${head}${resource ?? ''}${RESOURCE_SEPARATOR}${threat}`;
}

// What AWS's published types are made of; a future type that strays from this is still decoded,
// it just is not called well formed.
const WORD = /^[A-Za-z0-9]+$/;
const FAMILY = /^[A-Za-z0-9&_-]+$/;
const SUFFIX = /^[A-Za-z0-9_-]+$/;

/**
 * True when the type follows the documented format: purpose, resource and family present, each
 * part a plain word (`&`, `_` and `-` allowed in names), and the text formats back to itself.
 */
export function isWellFormedFindingType(type: string): boolean {
  const parts = decodeFindingType(type);
  const { threatPurpose, resourceTypeAffected, threatFamilyName, threatFamilyVariant, artifact } = parts;
  return (
    threatPurpose !== undefined &&
    WORD.test(threatPurpose) &&
    resourceTypeAffected !== undefined &&
    WORD.test(resourceTypeAffected) &&
    threatFamilyName !== undefined &&
    FAMILY.test(threatFamilyName) &&
    (threatFamilyVariant === undefined || SUFFIX.test(threatFamilyVariant)) &&
    (artifact === undefined || SUFFIX.test(artifact)) &&
    // Rules out an empty variant (`Foo.`) or family (`.B`), which the parts alone would hide.
    parts.threatName === (threatFamilyVariant === undefined ? threatFamilyName : `${threatFamilyName}.${threatFamilyVariant}`) &&
    formatFindingType(parts) === type
  );
}
