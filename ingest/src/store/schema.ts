import { IngestError } from '../errors';
import type { IndexKind } from './names';
import {
  CLOUDTRAIL_MAPPINGS,
  DEAD_LETTERS_MAPPINGS,
  FINDINGS_MAPPINGS,
  HEARTBEATS_MAPPINGS,
  OCCURRENCES_MAPPINGS,
  STATE_MAPPINGS,
  TAGS_MAPPINGS,
  TAG_IMPACT_MAPPINGS,
} from './mappings';

/** One kind's current schema: the version in its index name and the mapping that version has. */
export interface IndexSchema {
  readonly kind: IndexKind;
  /** Bumped whenever a mapping change needs a reindex (a type change); additive changes do not. */
  readonly version: number;
  readonly mappings: Record<string, unknown>;
  /** The event-time field `gdlens prune` compares with `--older-than`. */
  readonly timeField: string;
}

/** The schema this gdlens writes. */
export const SCHEMAS: readonly IndexSchema[] = [
  { kind: 'findings', version: 1, mappings: FINDINGS_MAPPINGS, timeField: '@timestamp' },
  { kind: 'occurrences', version: 1, mappings: OCCURRENCES_MAPPINGS, timeField: '@timestamp' },
  { kind: 'cloudtrail', version: 1, mappings: CLOUDTRAIL_MAPPINGS, timeField: '@timestamp' },
  { kind: 'dead-letters', version: 1, mappings: DEAD_LETTERS_MAPPINGS, timeField: 'ingested_at' },
  { kind: 'heartbeats', version: 1, mappings: HEARTBEATS_MAPPINGS, timeField: '@timestamp' },
  { kind: 'state', version: 1, mappings: STATE_MAPPINGS, timeField: '@timestamp' },
  { kind: 'tags', version: 1, mappings: TAGS_MAPPINGS, timeField: '@timestamp' },
  { kind: 'tag-impact', version: 1, mappings: TAG_IMPACT_MAPPINGS, timeField: '@timestamp' },
];

export function schemaOf(kind: IndexKind, schemas: readonly IndexSchema[] = SCHEMAS): IndexSchema {
  const schema = schemas.find((s) => s.kind === kind);
  if (!schema) throw new IngestError(`no schema for index kind '${kind}'`, { kind });
  return schema;
}
