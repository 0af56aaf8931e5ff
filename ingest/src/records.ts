/**
 * The contract between the readers (`sources/`, `formats/`), the mapping (`finding/`,
 * `cloudtrail/`) and the writer (`sink/`). Field names are part of the product: dashboards, alert
 * rules and users' own queries use them as written.
 */
import type { SeverityLabel } from '@gdlens/finding-model';

/** Where a record came from, for error messages (`file:line: reason`) and dead letters. */
export interface RecordOrigin {
  /** Path, S3 URI, queue name, or `-` for stdin. */
  readonly file: string;
  /** 1-based line of the record; for a `Records` array or a multi-record line, the line it starts on. */
  readonly line: number;
  /** 0-based position inside a multi-record container (a `Records` array, a Firehose line, a CloudWatch batch). */
  readonly index?: number;
}

/** The document indexed for one GuardDuty finding (latest state, one per finding id). */
export interface FindingDocument {
  '@timestamp': string;
  source: 'aws.guardduty';
  finding_id: string;
  finding_type: string;
  title?: string;
  account_id?: string;
  region?: string;
  partition?: string;
  created_at?: string;
  updated_at?: string;
  first_seen?: string;
  last_seen?: string;
  count?: number;
  archived?: boolean;
  sample: boolean;
  resource_type?: string;
  action_type?: string;
  threat_purpose?: string;
  resource_type_affected?: string;
  threat_family_name?: string;
  threat_family_variant?: string;
  artifact?: string;
  threat_name?: string;
  type_explanation: string;
  severity?: number;
  severity_label: SeverityLabel;
  resource_role?: string;
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
  remote_ip?: string;
  /** Every distinct remote address of the action (a port probe lists many); `remote_ip` is the first. */
  remote_ips?: string[];
  remote_country?: string;
  remote_org?: string;
  local_port?: number;
  /** Every distinct local port of the action (each probed port); `local_port` is the first. */
  local_ports?: number[];
  remote_port?: number;
  domain?: string;
  /** Optional enrichment from accounts.yaml. */
  account_name?: string;
  account_env?: string;
  /** Set by the worker when it writes the document, never by the mapping (which stays pure). */
  ingested_at?: string;
  /** The finding exactly as AWS sent it, in camelCase. */
  detail: Record<string, unknown>;
}

/** The document indexed for one CloudTrail record; the record's own fields stay at the top level. */
export interface CloudTrailDocument extends Record<string, unknown> {
  '@timestamp': string;
  source: 'aws.cloudtrail';
  account_id?: string;
  region?: string;
  user_arn?: string;
  user_type?: string;
  error_code?: string;
  bucket_name?: string;
  read_only?: boolean;
  source_ip?: string;
  source_host?: string;
  /** Optional enrichment from accounts.yaml. */
  account_name?: string;
  account_env?: string;
  ingested_at?: string;
  eventID?: string;
  eventSource?: string;
  eventName?: string;
  eventTime?: string;
}

/** One record read from any input, after mapping. Every record read yields exactly one of these. */
export type ParsedRecord =
  | { readonly kind: 'finding'; readonly document: FindingDocument; readonly origin: RecordOrigin }
  | { readonly kind: 'cloudtrail'; readonly document: CloudTrailDocument; readonly origin: RecordOrigin }
  /** Not a finding nor a CloudTrail record (a Malware Protection scan result, a digest file): counted, never indexed. */
  | { readonly kind: 'skipped'; readonly reason: string; readonly origin: RecordOrigin }
  /** Could not be made into a document: goes to the dead-letter destination with the raw text. */
  | { readonly kind: 'rejected'; readonly reason: string; readonly raw: string; readonly origin: RecordOrigin };
