import type { PentestWindow } from './settings';

/** Quotes a value for a Lucene query string, so `:`, `/` and spaces in ARNs and names stay literal. */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** `field:("a" OR "b")`; an empty list matches nothing (a rule with no configured names cannot fire). */
export function anyOf(field: string, values: readonly string[]): string {
  if (values.length === 0) return `(${field}:"" AND NOT ${field}:"")`;
  return `${field}:(${values.map(quote).join(' OR ')})`;
}

/** Sample findings (`[SAMPLE]`, `additionalInfo.sample: true`) exercise the pipeline but never page. */
export const NOT_SAMPLE = 'NOT sample:true';

/**
 * Leaves out findings of an account whose event time (`@timestamp`, the finding's updatedAt) falls
 * inside one of its pentest windows: ` AND NOT ((account_id:"…" AND @timestamp:["…" TO "…"]) OR …)`,
 * or '' when there is no window. Appended to a findings rule's query, so Grafana and the backtest
 * run the same clause.
 */
export function pentestExclusion(windows: readonly PentestWindow[]): string {
  if (windows.length === 0) return '';
  const clauses = windows.map((w) => `(account_id:${quote(w.accountId)} AND @timestamp:[${quote(w.from)} TO ${quote(w.to)}])`);
  return ` AND NOT (${clauses.join(' OR ')})`;
}
