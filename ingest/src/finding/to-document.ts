import { classifySeverity, decodeFindingType, explainFindingType, type FindingTypeParts, type SeverityLabel } from '@gdlens/finding-model';
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
 * Fields the finding does not carry are `undefined`, so the serialised document omits them.
 */
export function findingToDocument(input: JsonObject): MappingResult<FindingDocument> {
  // GuardDuty's own form has `id`/`type`; only look further (and copy) for the SDK's PascalCase form.
  const isCamelCase = 'id' in input || 'type' in input || !hasPascalCaseKeys(input);
  const detail = isCamelCase ? input : (camelCaseKeys(input) as JsonObject);
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
  const { parts, explanation } = describeType(type);
  const title = asString(detail['title']);
  const severityLabel: SeverityLabel = severity.kind === 'band' ? severity.label : 'Unknown';

  const resourceDerived = resourceFields(resource, service);
  const actionDerived = actionFields(action);
  // One literal with every key in a fixed order (absent ones `undefined`, which JSON leaves out):
  // V8 keeps it in fast mode, so it serialises nearly as fast as the finding alone. Adding keys one
  // by one would push it into dictionary mode and double the cost of JSON.stringify.
  const document: FindingDocument = {
    '@timestamp': timestamp,
    source: 'aws.guardduty',
    finding_id: id,
    finding_type: type,
    title,
    account_id: asString(detail['accountId']),
    region: asString(detail['region']),
    partition: asString(detail['partition']),
    created_at: createdAt,
    updated_at: updatedAt,
    first_seen: normalizeTimestamp(service?.['eventFirstSeen']),
    last_seen: normalizeTimestamp(service?.['eventLastSeen']),
    count: asNumber(service?.['count']),
    archived: asBoolean(service?.['archived']),
    sample: isSample(service, title),
    resource_type: asString(resource?.['resourceType']),
    action_type: asString(action?.['actionType']),
    threat_purpose: parts.threatPurpose,
    resource_type_affected: parts.resourceTypeAffected,
    threat_family_name: parts.threatFamilyName,
    threat_family_variant: parts.threatFamilyVariant,
    artifact: parts.artifact,
    threat_name: parts.threatName,
    type_explanation: explanation,
    severity: severity.kind === 'band' ? severity.severity : undefined,
    severity_label: severityLabel,
    resource_role: asString(service?.['resourceRole']),
    instance_id: resourceDerived.instance_id,
    security_groups: resourceDerived.security_groups,
    security_group_ids: resourceDerived.security_group_ids,
    vpc_id: resourceDerived.vpc_id,
    subnet_ids: resourceDerived.subnet_ids,
    public_ips: resourceDerived.public_ips,
    private_ips: resourceDerived.private_ips,
    access_key_id: resourceDerived.access_key_id,
    user_name: resourceDerived.user_name,
    bucket_names: resourceDerived.bucket_names,
    eks_cluster: resourceDerived.eks_cluster,
    ecs_cluster: resourceDerived.ecs_cluster,
    lambda_function: resourceDerived.lambda_function,
    rds_instance: resourceDerived.rds_instance,
    process_name: resourceDerived.process_name,
    container_image: resourceDerived.container_image,
    pod_name: resourceDerived.pod_name,
    malware_names: resourceDerived.malware_names,
    object_keys: resourceDerived.object_keys,
    remote_ip: actionDerived.remote_ip,
    remote_ips: actionDerived.remote_ips,
    remote_country: actionDerived.remote_country,
    remote_org: actionDerived.remote_org,
    local_port: actionDerived.local_port,
    local_ports: actionDerived.local_ports,
    remote_port: actionDerived.remote_port,
    domain: actionDerived.domain,
    detail,
  };
  return { ok: true, document };
}

// Decoding and explaining a type costs more than the rest of the mapping, and a data set holds a
// few hundred distinct types at most: remember them (bounded, in case a feed invents types).
const TYPE_CACHE_LIMIT = 4096;
const typeCache = new Map<string, { parts: FindingTypeParts; explanation: string }>();

function describeType(type: string): { parts: FindingTypeParts; explanation: string } {
  let described = typeCache.get(type);
  if (described === undefined) {
    const parts = decodeFindingType(type);
    described = { parts, explanation: explainFindingType(parts) };
    if (typeCache.size >= TYPE_CACHE_LIMIT) typeCache.clear();
    typeCache.set(type, described);
  }
  return described;
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
