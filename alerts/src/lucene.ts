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
