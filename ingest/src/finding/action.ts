import { asArray, asNumber, asObject, asString, pick, StringSet, type JsonObject } from '../formats/json-values';

/** The network fields of a finding document, from whichever action the finding carries. */
export interface ActionFields {
  remote_ip?: string;
  remote_ips?: string[];
  remote_country?: string;
  remote_org?: string;
  local_port?: number;
  local_ports?: number[];
  remote_port?: number;
  domain?: string;
}

// Each action kind GuardDuty defines, with where its remote side lives. A port probe lists many
// probes (`portProbeDetails`); the others have one remote side.
const SINGLE_REMOTE_ACTIONS = [
  'networkConnectionAction',
  'awsApiCallAction',
  'kubernetesApiCallAction',
  'rdsLoginAttemptAction',
] as const;

/**
 * Derives the remote side of `service.action`. Scalar fields come from the first element that has
 * them; `remote_ips` and `local_ports` list every distinct value over every port probe. Absent
 * fields are `undefined`.
 */
export function actionFields(action: JsonObject | undefined): ActionFields {
  // Every key up front (see resourceFields): a fixed shape serialises fast.
  const fields: ActionFields = {
    remote_ip: undefined,
    remote_ips: undefined,
    remote_country: undefined,
    remote_org: undefined,
    local_port: undefined,
    local_ports: undefined,
    remote_port: undefined,
    domain: undefined,
  };
  if (action === undefined) return fields;
  const remoteIps = new StringSet();
  const localPorts: number[] = [];
  const visit = (remote: unknown, localPort: unknown, remotePort: unknown): void => {
    const details = asObject(remote);
    const ip = asString(details?.['ipAddressV4']) ?? asString(details?.['ipAddressV6']);
    remoteIps.add(ip);
    fields.remote_ip ??= ip;
    fields.remote_country ??= asString(pick(details, 'country', 'countryName'));
    fields.remote_org ??= asString(pick(details, 'organization', 'org')) ?? asString(pick(details, 'organization', 'asnOrg'));
    const local = asNumber(pick(localPort, 'port'));
    if (local !== undefined && !localPorts.includes(local)) localPorts.push(local);
    fields.local_port ??= local;
    fields.remote_port ??= asNumber(pick(remotePort, 'port'));
  };

  for (const kind of SINGLE_REMOTE_ACTIONS) {
    const inner = asObject(action[kind]);
    if (inner === undefined) continue;
    visit(inner['remoteIpDetails'], inner['localPortDetails'], inner['remotePortDetails']);
    // EKS audit-log findings name the caller in `sourceIps` when GuardDuty has no geo details.
    for (const ip of asArray(inner['sourceIps'])) {
      remoteIps.add(ip);
      fields.remote_ip ??= asString(ip);
    }
    fields.domain ??= asString(pick(inner, 'domainDetails', 'domain'));
  }
  for (const probe of asArray(pick(action, 'portProbeAction', 'portProbeDetails'))) {
    const detail = asObject(probe);
    if (detail !== undefined) visit(detail['remoteIpDetails'], detail['localPortDetails'], undefined);
  }
  fields.domain ??= asString(pick(action, 'dnsRequestAction', 'domain'));

  fields.remote_ips = remoteIps.values();
  fields.local_ports = localPorts.length > 0 ? localPorts : undefined;
  return fields;
}
