/**
 * Field names, following the store's rule (`ingest/src/store/mappings.ts`): string fields are
 * keywords normalized to lowercase for queries, with a `.raw` subfield in original casing that
 * panels aggregate and display.
 */

/** Fields a panel filters on (Lucene): case-insensitive. */
export type QueryField = string;

/** The subfield a terms aggregation uses so buckets keep AWS's casing (`Backdoor`, not `backdoor`). */
export function aggField(field: string): string {
  return `${field}.raw`;
}
