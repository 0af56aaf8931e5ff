/**
 * Index mappings. The rules (documented for the dashboards in `README.md`):
 * - every string field a person types into a query is a keyword with the `gdlens_lowercase`
 *   normalizer, so `threat_purpose:backdoor` matches `Backdoor`; its `.raw` subfield keeps the
 *   original casing and is the one panels aggregate and display;
 * - nothing is typed by guessing (`date_detection`/`numeric_detection` off) and unknown
 *   top-level fields are kept in `_source` but not indexed (`dynamic: false`), so a new AWS field
 *   can never collide with an earlier guess;
 * - nested AWS structures (`detail`, CloudTrail `requestParameters`, …) are `flat_object`: every
 *   leaf is searchable as `detail.a.b:value` for the cost of one field, whatever the shape;
 * - typed fields that could meet a bad value ignore it (`ignore_malformed`) rather than reject
 *   the record; keywords skip values over `ignore_above` characters instead of hitting Lucene's
 *   32,766-byte term limit.
 */

type Mapping = Record<string, unknown>;

/** Longest keyword indexed: 8191 characters stays under 32,766 bytes even at 4 bytes a character. */
export const KEYWORD_IGNORE_ABOVE = 8191;

/** Event-time formats seen in real data: ISO 8601, Panther's `yyyy-MM-dd HH:mm:ss.SSS`, epoch ms. */
const DATE_FORMAT = 'strict_date_optional_time||yyyy-MM-dd HH:mm:ss.SSS||yyyy-MM-dd HH:mm:ss||epoch_millis';

/** Case-insensitive query field with a `.raw` subfield for aggregations in original casing. */
function term(): Mapping {
  return {
    type: 'keyword',
    normalizer: 'gdlens_lowercase',
    ignore_above: KEYWORD_IGNORE_ABOVE,
    fields: { raw: { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE } },
  };
}

/** A sentence: full-text searchable, with `.raw` for exact aggregation. */
function sentence(): Mapping {
  return { type: 'text', fields: { raw: { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE } } };
}

function date(ignoreMalformed = true): Mapping {
  return { type: 'date', format: DATE_FORMAT, ...(ignoreMalformed ? { ignore_malformed: true } : {}) };
}

const LONG: Mapping = { type: 'long', ignore_malformed: true };
const INTEGER: Mapping = { type: 'integer', ignore_malformed: true };
const DOUBLE: Mapping = { type: 'double', ignore_malformed: true };
const BOOLEAN: Mapping = { type: 'boolean' };
const IP: Mapping = { type: 'ip', ignore_malformed: true };
const FLAT: Mapping = { type: 'flat_object' };
/** Kept in `_source` only: never indexed, so never in conflict. */
const STORED_ONLY: Mapping = { type: 'object', enabled: false };
/** Internal plain keyword (ids and ordering keys are compared exactly). */
const EXACT: Mapping = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE };

/** Where a value whose shape conflicts with its field's type is moved by the writer (see `sink/prepare.ts`). */
export const UNMAPPED_FIELD = 'gdlens_unmapped';

/** The typed fields of a finding, shared by the latest-state and the occurrence indices. */
const FINDING_FIELDS: Mapping = {
  '@timestamp': date(false),
  source: term(),
  finding_id: term(),
  finding_type: term(),
  title: sentence(),
  account_id: term(),
  region: term(),
  partition: term(),
  created_at: date(),
  updated_at: date(),
  first_seen: date(),
  last_seen: date(),
  count: LONG,
  archived: BOOLEAN,
  sample: BOOLEAN,
  resource_type: term(),
  action_type: term(),
  threat_purpose: term(),
  resource_type_affected: term(),
  threat_family_name: term(),
  threat_family_variant: term(),
  artifact: term(),
  threat_name: term(),
  type_explanation: sentence(),
  severity: DOUBLE,
  severity_label: term(),
  resource_role: term(),
  instance_id: term(),
  security_groups: term(),
  security_group_ids: term(),
  vpc_id: term(),
  subnet_ids: term(),
  public_ips: IP,
  private_ips: IP,
  access_key_id: term(),
  user_name: term(),
  bucket_names: term(),
  eks_cluster: term(),
  ecs_cluster: term(),
  lambda_function: term(),
  rds_instance: term(),
  process_name: term(),
  container_image: term(),
  pod_name: term(),
  malware_names: term(),
  object_keys: term(),
  remote_ip: IP,
  /** Every remote address of a port probe (remote_ip holds the first). */
  remote_ips: IP,
  remote_country: term(),
  remote_org: term(),
  local_port: INTEGER,
  /** Every probed local port (local_port holds the first). */
  local_ports: INTEGER,
  remote_port: INTEGER,
  domain: term(),
  account_name: term(),
  account_env: term(),
  ingested_at: date(false),
  [UNMAPPED_FIELD]: STORED_ONLY,
};

/** Latest state: one document per finding id. */
export const FINDINGS_MAPPINGS: Mapping = {
  properties: {
    ...FINDING_FIELDS,
    detail: FLAT,
    /** (updated_at, count, content hash) as one sortable string: decides which update wins. */
    version_key: EXACT,
    /** Every update key seen for this finding → its count; drives occurrence deltas. */
    ledger: STORED_ONLY,
  },
};

/** One document per distinct update of a finding. */
export const OCCURRENCES_MAPPINGS: Mapping = {
  properties: {
    ...FINDING_FIELDS,
    version_key: EXACT,
    prev_count: LONG,
    count_delta: LONG,
    /** The ledger size the delta was computed from; a write computed from a smaller ledger loses. */
    delta_seq: LONG,
    /** False while only the delta is known (the update itself is still on its way). */
    complete: BOOLEAN,
  },
};

/** CloudTrail top-level fields as AWS documents them; objects are flat_object. */
export const CLOUDTRAIL_OBJECT_FIELDS = [
  'userIdentity',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'serviceEventDetails',
  'tlsDetails',
  'resources',
  'insightDetails',
  'edgeDeviceDetails',
] as const;

export const CLOUDTRAIL_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    source: term(),
    account_id: term(),
    region: term(),
    user_arn: term(),
    user_type: term(),
    error_code: term(),
    bucket_name: term(),
    read_only: BOOLEAN,
    source_ip: term(),
    source_host: term(),
    /** From the optional accounts file, added at ingest (`accounts/enrich.ts`). */
    account_name: term(),
    account_env: term(),
    ingested_at: date(false),
    eventVersion: term(),
    eventTime: date(),
    eventSource: term(),
    eventName: term(),
    eventType: term(),
    eventCategory: term(),
    eventID: term(),
    awsRegion: term(),
    sourceIPAddress: term(),
    userAgent: term(),
    errorCode: term(),
    errorMessage: sentence(),
    requestID: term(),
    apiVersion: term(),
    recipientAccountId: term(),
    sharedEventID: term(),
    vpcEndpointId: term(),
    managementEvent: term(),
    readOnly: term(),
    sessionCredentialFromConsole: term(),
    ...Object.fromEntries(CLOUDTRAIL_OBJECT_FIELDS.map((field) => [field, FLAT])),
    [UNMAPPED_FIELD]: STORED_ONLY,
  },
};

export const DEAD_LETTERS_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    ingested_at: date(false),
    reason: sentence(),
    kind: term(),
    status: INTEGER,
    file: term(),
    line: LONG,
    index: LONG,
    record_id: term(),
    raw: { type: 'text', index: false },
  },
};

export const HEARTBEATS_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    worker_id: term(),
    host: term(),
    pid: LONG,
    command: term(),
    /** files, watch, s3 or sqs; `location` is the directory, bucket prefix or queue read. */
    input: term(),
    location: term(),
    started_at: date(false),
    status: term(),
    read: LONG,
    indexed: LONG,
    updated: LONG,
    unchanged: LONG,
    stale: LONG,
    skipped: LONG,
    rejected: LONG,
    pending: LONG,
    batches: LONG,
    retries: LONG,
    objects_seen: LONG,
    polls: LONG,
    /** Newest ingested_at this worker stored; the lags are the heartbeat time minus it (overall, per source). */
    newest_ingested_at: date(false),
    lag_ms: LONG,
    findings_lag_ms: LONG,
    cloudtrail_lag_ms: LONG,
    last_error: sentence(),
    last_error_at: date(false),
    /** SQS approximate counts of the queue consumed (--sqs), read with each heartbeat. */
    queue_visible: LONG,
    queue_in_flight: LONG,
    queue_delayed: LONG,
  },
};

export const STATE_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    key: term(),
    kind: term(),
    value: STORED_ONLY,
  },
};

/**
 * Lifecycle tags (deploys, releases, campaigns, pentest windows) read against findings. `@timestamp`
 * is the start, `end` the optional end (a Grafana region annotation); `text` and `tags` are what a
 * Grafana annotation query displays. `url` is matched exactly: paths are case-sensitive.
 */
export const TAGS_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    end: date(false),
    name: term(),
    kind: term(),
    service: term(),
    env: term(),
    account_id: term(),
    url: EXACT,
    recorded_by: term(),
    text: sentence(),
    tags: term(),
    ingested_at: date(false),
  },
};

/**
 * Before/after figures of a tag (`gdlens tag impact`): one document per tag, window and row
 * (`dimension` all, band or purpose, with its `value`). `@timestamp` is the tag start, so the
 * dashboard's time range picks the tags; rates are new occurrences per hour.
 */
export const TAG_IMPACT_MAPPINGS: Mapping = {
  properties: {
    '@timestamp': date(false),
    tag_id: EXACT,
    tag_name: term(),
    tag_kind: term(),
    tag_end: date(false),
    service: term(),
    env: term(),
    account_id: term(),
    window: term(),
    window_ms: LONG,
    dimension: term(),
    value: term(),
    before_from: date(false),
    after_to: date(false),
    before_hours: DOUBLE,
    after_hours: DOUBLE,
    before_occurrences: LONG,
    after_occurrences: LONG,
    before_per_hour: DOUBLE,
    after_per_hour: DOUBLE,
    change_per_hour: DOUBLE,
    partial: BOOLEAN,
    computed_at: date(false),
  },
};

/** Settings and defaults every gdlens index shares (the component template). */
export const SHARED_SETTINGS: Mapping = {
  settings: {
    index: {
      number_of_shards: 1,
      // One replica where there is a second node, none on a single-node cluster (stays green).
      auto_expand_replicas: '0-1',
      'mapping.total_fields.limit': 1000,
      analysis: { normalizer: { gdlens_lowercase: { type: 'custom', filter: ['lowercase', 'asciifolding'] } } },
    },
  },
  mappings: { dynamic: false, date_detection: false, numeric_detection: false },
};
