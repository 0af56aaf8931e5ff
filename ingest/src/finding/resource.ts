import { asArray, asObject, asString, pick, StringSet, type JsonObject } from '../formats/json-values';

/** The resource fields of a finding document; every array collects from every element, not `[0]`. */
export interface ResourceFields {
  instance_id?: string;
  security_groups?: string[];
  security_group_ids?: string[];
  vpc_id?: string;
  subnet_ids?: string[];
  public_ips?: string[];
  private_ips?: string[];
  access_key_id?: string;
  user_name?: string;
  bucket_names?: string[];
  eks_cluster?: string;
  ecs_cluster?: string;
  lambda_function?: string;
  rds_instance?: string;
  process_name?: string;
  container_image?: string[];
  pod_name?: string;
  malware_names?: string[];
  object_keys?: string[];
}

/**
 * Derives the resource fields from `resource` and, for runtime and malware findings, `service`.
 * Pure; fields the finding does not carry are left out.
 */
export function resourceFields(resource: JsonObject | undefined, service: JsonObject | undefined): ResourceFields {
  const fields: ResourceFields = {};
  const groups = new StringSet();
  const groupIds = new StringSet();
  const subnets = new StringSet();
  const publicIps = new StringSet();
  const privateIps = new StringSet();
  const vpcs = new StringSet();

  const instance = asObject(resource?.['instanceDetails']);
  const instanceId = asString(instance?.['instanceId']);
  if (instanceId !== undefined) fields.instance_id = instanceId;
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
  assign(fields, 'lambda_function', asString(lambda?.['functionName']));

  const eks = asObject(resource?.['eksClusterDetails']);
  vpcs.add(eks?.['vpcId']);
  assign(fields, 'eks_cluster', asString(eks?.['name']));

  const ecs = asObject(resource?.['ecsClusterDetails']);
  assign(fields, 'ecs_cluster', asString(ecs?.['name']));
  assign(fields, 'rds_instance', asString(pick(resource, 'rdsDbInstanceDetails', 'dbInstanceIdentifier')));

  const accessKey = asObject(resource?.['accessKeyDetails']);
  assign(fields, 'access_key_id', asString(accessKey?.['accessKeyId']));
  assign(
    fields,
    'user_name',
    asString(accessKey?.['userName']) ??
      asString(pick(resource, 'kubernetesDetails', 'kubernetesUserDetails', 'username')) ??
      asString(pick(resource, 'rdsDbUserDetails', 'user')),
  );

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
  if (workloadType !== undefined && /^pods?$/i.test(workloadType)) assign(fields, 'pod_name', asString(workload?.['name']));

  assign(fields, 'process_name', asString(pick(service, 'runtimeDetails', 'process', 'name')));

  const malware = new StringSet();
  const detections = pick(service, 'ebsVolumeScanDetails', 'scanDetections');
  for (const threat of asArray(pick(detections, 'threatDetectedByName', 'threatNames'))) malware.add(pick(threat, 'name'));
  for (const threat of asArray(pick(service, 'malwareScanDetails', 'threats'))) malware.add(pick(threat, 'name'));

  assign(fields, 'security_groups', groups.values());
  assign(fields, 'security_group_ids', groupIds.values());
  assign(fields, 'vpc_id', vpcs.values()?.[0]);
  assign(fields, 'subnet_ids', subnets.values());
  assign(fields, 'public_ips', publicIps.values());
  assign(fields, 'private_ips', privateIps.values());
  assign(fields, 'bucket_names', buckets.values());
  assign(fields, 'container_image', images.values());
  assign(fields, 'malware_names', malware.values());
  assign(fields, 'object_keys', objectKeys.values());
  return fields;
}

function collectGroups(value: unknown, names: StringSet, ids: StringSet): void {
  for (const group of asArray(value)) {
    names.add(pick(group, 'groupName'));
    ids.add(pick(group, 'groupId'));
  }
}

function assign<K extends keyof ResourceFields>(fields: ResourceFields, key: K, value: ResourceFields[K] | undefined): void {
  if (value !== undefined) fields[key] = value;
}
