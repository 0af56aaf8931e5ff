import type { GeneratedRecord } from './index';

/** One object of an S3 export, before compression. */
export interface ExportObject {
  /** Key under the bucket, as AWS names it (`AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/…`). */
  readonly key: string;
  /** The object's text; the caller gzips it, as AWS does. */
  readonly text: string;
  readonly records: number;
}

/** How {@link layoutAsS3Export} cuts records into objects. */
export interface LayoutOptions {
  /** Records per object at most. @defaultValue 500 */
  readonly maxRecordsPerObject?: number;
}

interface Group {
  readonly key: string;
  readonly kind: GeneratedRecord['kind'];
  readonly account: string;
  readonly region: string;
  readonly day: string;
  readonly firstTime: string;
  readonly lines: string[];
}

/**
 * Lays generated records out the way AWS writes them to S3: findings as `.jsonl` objects under
 * `AWSLogs/<account>/GuardDuty/<region>/YYYY/MM/DD/` (GuardDuty's export), CloudTrail records as
 * `{"Records":[…]}` objects under `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/` with
 * CloudTrail's file naming. Pure and deterministic: records must come in time order (as
 * `generateRecords` makes them), and a day's objects are emitted once the next day starts.
 */
export function* layoutAsS3Export(records: Iterable<GeneratedRecord>, options: LayoutOptions = {}): Generator<ExportObject> {
  const maxRecords = options.maxRecordsPerObject ?? 500;
  const groups = new Map<string, Group>();
  let sequence = 0;
  let currentDay = '';
  const flush = function* (group: Group): Generator<ExportObject> {
    groups.delete(group.key);
    sequence += 1;
    yield objectFor(group, sequence);
  };
  for (const record of records) {
    const time = String(record.kind === 'finding' ? record.value['updatedAt'] : record.value['eventTime']);
    const day = time.slice(0, 10);
    if (day !== currentDay) {
      for (const group of [...groups.values()]) yield* flush(group);
      currentDay = day;
    }
    const account = String(record.kind === 'finding' ? record.value['accountId'] : record.value['recipientAccountId']);
    const region = String(record.kind === 'finding' ? record.value['region'] : record.value['awsRegion']);
    const key = `${record.kind}/${account}/${region}/${day}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, kind: record.kind, account, region, day, firstTime: time, lines: [] };
      groups.set(key, group);
    }
    group.lines.push(JSON.stringify(record.value));
    if (group.lines.length >= maxRecords) yield* flush(group);
  }
  for (const group of [...groups.values()]) yield* flush(group);
}

function objectFor(group: Group, sequence: number): ExportObject {
  const datePath = group.day.replace(/-/g, '/');
  const id = sequence.toString(16).padStart(8, '0');
  if (group.kind === 'finding') {
    return {
      key: `AWSLogs/${group.account}/GuardDuty/${group.region}/${datePath}/${id}-0000-4000-8000-000000000000.jsonl.gz`,
      text: `${group.lines.join('\n')}\n`,
      records: group.lines.length,
    };
  }
  // CloudTrail's own naming: <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz
  const stamp = `${group.firstTime.slice(0, 4)}${group.firstTime.slice(5, 7)}${group.firstTime.slice(8, 10)}T${group.firstTime.slice(11, 13)}${group.firstTime.slice(14, 16)}Z`;
  return {
    key: `AWSLogs/${group.account}/CloudTrail/${group.region}/${datePath}/${group.account}_CloudTrail_${group.region}_${stamp}_${id}.json.gz`,
    text: `{"Records":[${group.lines.join(',')}]}`,
    records: group.lines.length,
  };
}
