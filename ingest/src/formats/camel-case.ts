/**
 * AWS CLI and SDK output uses the SDK's PascalCase member names (`Resource.InstanceDetails`);
 * GuardDuty's own JSON (EventBridge, S3 export) uses camelCase (`resource.instanceDetails`).
 * Documents are always camelCase so one query works for both.
 */

// Acronyms written with a lower-case version suffix (`IPv6`, `IPv4`) are one word: `IPv6Addresses`
// must become `ipv6Addresses`, as GuardDuty writes it, not `iPv6Addresses`.
const VERSIONED_ACRONYM = /^([A-Z]{2,})(v\d)/;

/**
 * Lower-cases the leading word of one PascalCase member name: `IpAddressV4` → `ipAddressV4`,
 * `VpcId` → `vpcId`, `EKSClusterDetails` → `eksClusterDetails`, `IPv6Addresses` → `ipv6Addresses`,
 * `S3BucketDetails` → `s3BucketDetails`. Names already in camelCase come back unchanged.
 */
export function camelCaseKey(key: string): string {
  const first = key.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return key;
  const versioned = VERSIONED_ACRONYM.exec(key);
  if (versioned?.[1] !== undefined) return versioned[1].toLowerCase() + key.slice(versioned[1].length);
  let run = 1;
  while (run < key.length && isUpper(key.charCodeAt(run))) run += 1;
  if (run === 1 || run === key.length) return key.slice(0, run).toLowerCase() + key.slice(run);
  // `EKSCluster`: the last capital of a run starts the next word, unless a digit or the end follows.
  const next = key.charCodeAt(run);
  const keep = isLower(next) ? run - 1 : run;
  return key.slice(0, keep).toLowerCase() + key.slice(keep);
}

/** Converts every object key of a JSON value, recursively, with {@link camelCaseKey}. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) result[camelCaseKey(key)] = camelCaseKeys(inner);
  return result;
}

/** True when an object's own keys show the SDK's PascalCase form (any key starting with a capital). */
export function hasPascalCaseKeys(value: Record<string, unknown>): boolean {
  for (const key of Object.keys(value)) {
    const first = key.charCodeAt(0);
    if (first >= 65 && first <= 90) return true;
  }
  return false;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}
