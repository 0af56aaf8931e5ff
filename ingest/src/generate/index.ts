import { FINDING_TYPES, type FindingTypeInfo } from '@gdlens/finding-model';
import { newCloudTrailRecord } from './cloudtrail';
import { newFinding, updatedFinding, type LiveFinding, type World } from './findings';
import { SeededRandom } from './random';

/** What {@link generateRecords} makes. */
export interface GenerateOptions {
  /** Same seed, same output, byte for byte. */
  readonly seed: number;
  /** Finding records, updates of earlier findings included. */
  readonly findings: number;
  /** CloudTrail records, interleaved with the findings in time order. @defaultValue 0 */
  readonly cloudtrail?: number;
  /** Start of the time window (ISO 8601). @defaultValue 2026-01-01T00:00:00Z */
  readonly start?: string;
  /** End of the time window (ISO 8601). @defaultValue seven days after `start` */
  readonly end?: string;
  /** Share of finding records that update an earlier finding (same id, higher count). @defaultValue 0.3 */
  readonly updateRatio?: number;
  /** Share of new findings that are samples. @defaultValue 0.02 */
  readonly sampleRatio?: number;
  /** Share of new findings already archived. @defaultValue 0.05 */
  readonly archivedRatio?: number;
}

/** One generated record: a finding in S3-export form, or a CloudTrail record. */
export type GeneratedRecord = { readonly kind: 'finding'; readonly value: Record<string, unknown> } | { readonly kind: 'cloudtrail'; readonly value: Record<string, unknown> };

const DEFAULT_START = '2026-01-01T00:00:00Z';
const WEEK_MS = 7 * 24 * 3600 * 1000;
const WORLD: World = {
  accounts: ['111122223333', '444455556666', '777788889999', '123456789012', '210987654321'],
  regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'],
};
// Findings worth many updates are few: keep the pool small so ids repeat as they do in real data.
const LIVE_POOL_SIZE = 200;

/**
 * Realistic GuardDuty findings and CloudTrail records, deterministic for a seed (no clock, no
 * `Math.random`): several accounts and regions, every severity band, instances with several
 * network interfaces, a few samples and archived findings, and later updates of the same
 * finding id with `service.count` rising. Records come in time order.
 */
export function* generateRecords(options: GenerateOptions): Generator<GeneratedRecord> {
  const random = new SeededRandom(options.seed);
  const startMs = Date.parse(options.start ?? DEFAULT_START);
  const endMs = options.end === undefined ? startMs + WEEK_MS : Date.parse(options.end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) {
    throw new RangeError(`generate: invalid time window ${options.start ?? DEFAULT_START} .. ${options.end ?? '+7d'}`);
  }
  const cloudtrailCount = options.cloudtrail ?? 0;
  const total = options.findings + cloudtrailCount;
  const stepMs = (endMs - startMs) / Math.max(total, 1);
  // Retired types only appear in old data; a fresh data set uses what GuardDuty generates today.
  const types: readonly FindingTypeInfo[] = FINDING_TYPES.filter((info) => info.retired !== true);
  const live: LiveFinding[] = [];
  let findingsLeft = options.findings;
  let cloudtrailLeft = cloudtrailCount;
  for (let i = 0; i < total; i += 1) {
    const atMs = Math.floor(startMs + (i + random.next() * 0.9) * stepMs);
    // Interleave in proportion, so both kinds spread over the whole window.
    const takeFinding = cloudtrailLeft === 0 || (findingsLeft > 0 && random.next() < findingsLeft / (findingsLeft + cloudtrailLeft));
    if (!takeFinding) {
      cloudtrailLeft -= 1;
      yield { kind: 'cloudtrail', value: newCloudTrailRecord(WORLD, random, atMs) };
      continue;
    }
    findingsLeft -= 1;
    if (live.length > 0 && random.chance(options.updateRatio ?? 0.3)) {
      yield { kind: 'finding', value: updatedFinding(random.pick(live), random, atMs) };
      continue;
    }
    const sample = random.chance(options.sampleRatio ?? 0.02);
    const archived = random.chance(options.archivedRatio ?? 0.05);
    const finding = newFinding(random.pick(types), WORLD, random, atMs, sample, archived);
    if (live.length < LIVE_POOL_SIZE) live.push({ finding, count: 1 });
    else live[random.int(0, LIVE_POOL_SIZE - 1)] = { finding, count: 1 };
    yield { kind: 'finding', value: finding };
  }
}
