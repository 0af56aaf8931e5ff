import { classifySeverity, decodeFindingType, explainFindingType, type SeverityLabel } from '@gdlens/finding-model';
import type { FindingDocument } from '../records';
import { camelCaseKeys, hasPascalCaseKeys } from '../formats/camel-case';
import { asBoolean, asNumber, asObject, asString, pick, type JsonObject } from '../formats/json-values';
import { normalizeTimestamp } from '../time/normalize';
import { actionFields } from './action';
import type { MappingResult } from './mapping-result';
import { resourceFields } from './resource';

/**
 * Maps one GuardDuty finding (camelCase as GuardDuty writes it, or PascalCase as the CLI and SDKs
 * print it) to its document. Pure: no clock, no I/O; `ingested_at` is left to the writer.
 * Rejects a finding without `id` or `type`, without a usable `updatedAt`/`createdAt`, or with a
 * severity outside 0–10; a missing or non-numeric severity keeps the document as `Unknown`.
 */
export function findingToDocument(input: JsonObject): MappingResult<FindingDocument> {
  const detail = hasPascalCaseKeys(input) ? (camelCaseKeys(input) as JsonObject) : input;
  const id = asString(detail['id']);
  if (id === undefined) return { ok: false, reason: 'finding has no id' };
  const type = asString(detail['type']);
  if (type === undefined) return { ok: false, reason: `finding ${id} has no type` };

  const severity = classifySeverity(detail['severity']);
  if (severity.kind === 'out_of_range') {
    return { ok: false, reason: `finding ${id} has severity ${severity.severity}, outside 0–10` };
  }
  const updatedAt = normalizeTimestamp(detail['updatedAt']);
  const createdAt = normalizeTimestamp(detail['createdAt']);
  // A finding is a state that changes; its time is when it last changed. Without either date there
  // is no honest @timestamp, and inventing one (the clock) would break purity and upserts.
  const timestamp = updatedAt ?? createdAt;
  if (timestamp === undefined) return { ok: false, reason: `finding ${id} has no valid updatedAt or createdAt` };

  const service = asObject(detail['service']);
  const resource = asObject(detail['resource']);
  const action = asObject(service?.['action']);
  const parts = decodeFindingType(type);
  const title = asString(detail['title']);
  const severityLabel: SeverityLabel = severity.kind === 'band' ? severity.label : 'Unknown';

  // Built without `detail`, which is added last so the derived fields read first in a raw document.
  const document: Omit<FindingDocument, 'detail'> = {
    '@timestamp': timestamp,
    source: 'aws.guardduty',
    finding_id: id,
    finding_type: type,
    sample: isSample(service, title),
    type_explanation: explainFindingType(parts),
    severity_label: severityLabel,
  };
  setIf(document, 'title', title);
  setIf(document, 'account_id', asString(detail['accountId']));
  setIf(document, 'region', asString(detail['region']));
  setIf(document, 'partition', asString(detail['partition']));
  setIf(document, 'created_at', createdAt);
  setIf(document, 'updated_at', updatedAt);
  setIf(document, 'first_seen', normalizeTimestamp(service?.['eventFirstSeen']));
  setIf(document, 'last_seen', normalizeTimestamp(service?.['eventLastSeen']));
  setIf(document, 'count', asNumber(service?.['count']));
  setIf(document, 'archived', asBoolean(service?.['archived']));
  setIf(document, 'resource_type', asString(resource?.['resourceType']));
  setIf(document, 'action_type', asString(action?.['actionType']));
  setIf(document, 'threat_purpose', parts.threatPurpose);
  setIf(document, 'resource_type_affected', parts.resourceTypeAffected);
  setIf(document, 'threat_family_name', parts.threatFamilyName);
  setIf(document, 'threat_family_variant', parts.threatFamilyVariant);
  setIf(document, 'artifact', parts.artifact);
  setIf(document, 'threat_name', parts.threatName);
  if (severity.kind === 'band') document.severity = severity.severity;
  setIf(document, 'resource_role', asString(service?.['resourceRole']));
  Object.assign(document, resourceFields(resource, service), actionFields(action));
  return { ok: true, document: Object.assign(document, { detail }) };
}

/**
 * Sample findings (from CreateSampleFindings) say so in `additionalInfo.sample`, a boolean or a
 * string; the SDK form only has it inside the `additionalInfo.value` JSON text; the console's
 * samples also carry a `[SAMPLE]` title.
 */
function isSample(service: JsonObject | undefined, title: string | undefined): boolean {
  const info = asObject(service?.['additionalInfo']);
  if (asBoolean(info?.['sample']) === true) return true;
  const value = info?.['value'];
  if (typeof value === 'string' && value.includes('"sample"')) {
    try {
      if (asBoolean(pick(JSON.parse(value), 'sample')) === true) return true;
    } catch {
      // Not JSON after all: the text is only informational, so it cannot mark a sample.
    }
  }
  return title !== undefined && title.includes('[SAMPLE]');
}

function setIf<K extends keyof FindingDocument>(
  document: Partial<FindingDocument>,
  key: K,
  value: FindingDocument[K] | undefined,
): void {
  if (value !== undefined) document[key] = value;
}
