import { asArray, asObject, asString, pick, StringSet, type JsonObject } from '../formats/json-values';
import type { FindingDocument } from '../records';

/** The resource fields of a finding document; every array collects from every element, not `[0]`. */
export type ResourceFields = Pick<
  FindingDocument,
  | 'instance_id'
  | 'security_groups'
  | 'security_group_ids'
  | 'vpc_id'
  | 'subnet_ids'
  | 'public_ips'
  | 'private_ips'
  | 'access_key_id'
  | 'user_name'
  | 'bucket_names'
  | 'eks_cluster'
  | 'ecs_cluster'
  | 'lambda_function'
  | 'rds_instance'
  | 'process_name'
  | 'container_image'
  | 'pod_name'
  | 'malware_names'
  | 'object_keys'
>;

/**
 * Derives the resource fields from `resource` and, for runtime and malware findings, `service`.
 * Pure; a field the finding does not carry is `undefined` (so JSON leaves it out), arrays are
 * never empty.
 */
export function resourceFields(resource: JsonObject | undefined, service: JsonObject | undefined): ResourceFields {
  const groups = new StringSet();
  const groupIds = new StringSet();
  const subnets = new StringSet();
  const publicIps = new StringSet();
  const privateIps = new StringSet();
  const vpcs = new StringSet();

  const instance = asObject(resource?.['instanceDetails']);
  for (const nic of asArray(instance?.['networkInterfaces'])) {
    const iface = asObject(nic);
    if (iface === undefined) continue;
    collectGroups(iface['securityGroups'], groups, groupIds);
    vpcs.add(iface['vpcId']);
    subnets.add(iface['subnetId']);
    publicIps.add(iface['publicIp']);
    privateIps.add(iface['privateIpAddress']);
    for (const entry of asArray(iface['privateIpAddresses'])) privateIps.add(pick(entry, 'privateIpAddress'));
  }

  const lambda = asObject(resource?.['lambdaDetails']);
  const vpcConfig = asObject(lambda?.['vpcConfig']);
  collectGroups(vpcConfig?.['securityGroups'], groups, groupIds);
  vpcs.add(vpcConfig?.['vpcId']);
  for (const subnet of asArray(vpcConfig?.['subnetIds'])) subnets.add(subnet);

  const eks = asObject(resource?.['eksClusterDetails']);
  vpcs.add(eks?.['vpcId']);
  const ecs = asObject(resource?.['ecsClusterDetails']);
  const accessKey = asObject(resource?.['accessKeyDetails']);

  const buckets = new StringSet();
  const objectKeys = new StringSet();
  for (const entry of asArray(resource?.['s3BucketDetails'])) {
    buckets.add(pick(entry, 'name'));
    for (const object of asArray(pick(entry, 's3ObjectDetails'))) objectKeys.add(pick(object, 'key'));
  }

  const images = new StringSet();
  images.add(pick(resource, 'containerDetails', 'image'));
  const workload = asObject(pick(resource, 'kubernetesDetails', 'kubernetesWorkloadDetails'));
  for (const container of asArray(workload?.['containers'])) images.add(pick(container, 'image'));
  for (const container of asArray(pick(ecs, 'taskDetails', 'containers'))) images.add(pick(container, 'image'));
  // GuardDuty writes the workload kind as `Pods`, `pods` or `Pod` depending on the feature.
  const workloadType = asString(workload?.['type']);
  const isPod = workloadType !== undefined && /^pods?$/i.test(workloadType);

  const malware = new StringSet();
  const detections = pick(service, 'ebsVolumeScanDetails', 'scanDetections');
  for (const threat of asArray(pick(detections, 'threatDetectedByName', 'threatNames'))) malware.add(pick(threat, 'name'));
  for (const threat of asArray(pick(service, 'malwareScanDetails', 'threats'))) malware.add(pick(threat, 'name'));

  // One literal with every key, in a fixed order: V8 keeps such objects in fast mode, where adding
  // keys one by one would not (and serialising a slow object costs more than deriving it).
  return {
    instance_id: asString(instance?.['instanceId']),
    security_groups: groups.values(),
    security_group_ids: groupIds.values(),
    vpc_id: vpcs.values()?.[0],
    subnet_ids: subnets.values(),
    public_ips: publicIps.values(),
    private_ips: privateIps.values(),
    access_key_id: asString(accessKey?.['accessKeyId']),
    user_name:
      asString(accessKey?.['userName']) ??
      asString(pick(resource, 'kubernetesDetails', 'kubernetesUserDetails', 'username')) ??
      asString(pick(resource, 'rdsDbUserDetails', 'user')),
    bucket_names: buckets.values(),
    eks_cluster: asString(eks?.['name']),
    ecs_cluster: asString(ecs?.['name']),
    lambda_function: asString(lambda?.['functionName']),
    rds_instance: asString(pick(resource, 'rdsDbInstanceDetails', 'dbInstanceIdentifier')),
    process_name: asString(pick(service, 'runtimeDetails', 'process', 'name')),
    container_image: images.values(),
    pod_name: isPod ? asString(workload?.['name']) : undefined,
    malware_names: malware.values(),
    object_keys: objectKeys.values(),
  };
}

function collectGroups(value: unknown, names: StringSet, ids: StringSet): void {
  for (const group of asArray(value)) {
    names.add(pick(group, 'groupName'));
    ids.add(pick(group, 'groupId'));
  }
}
