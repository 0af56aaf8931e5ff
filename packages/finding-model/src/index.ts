/**
 * @gdlens/finding-model: GuardDuty finding types decoded into their parts and explained in plain
 * English, AWS's catalogue of finding types, and severity bands. Pure functions, no I/O.
 */
export {
  BAND_ORDER,
  SEVERITY_BANDS,
  SEVERITY_MAX,
  SEVERITY_MIN,
  bandRank,
  classifySeverity,
  severityLabel,
  type BandLabel,
  type SeverityBand,
  type SeverityClassification,
  type SeverityLabel,
} from './severity';
export { decodeFindingType, formatFindingType, isWellFormedFindingType, type FindingTypeParts } from './finding-type';
export { explainFindingType } from './explain';
export { FINDING_TYPES, findFindingType, type FindingTypeFeature, type FindingTypeInfo } from './finding-types';
export {
  ARTIFACTS,
  DETECTION_MECHANISMS,
  RESOURCE_TYPES,
  THREAT_FAMILIES,
  THREAT_PURPOSES,
  canonicalThreatPurpose,
  isKnownThreatPurpose,
} from './glossary';
export { humanize, splitCamelCase } from './words';
