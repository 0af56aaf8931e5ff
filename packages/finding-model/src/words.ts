// Word boundaries inside a CamelCase token: lower/digit -> upper (`portProbe`, `Log4jExploit`)
// and the end of an acronym before a capitalised word (`EMRUnprotected` -> `EMR` `Unprotected`).
// Digits stay with their word so that `EC2`, `S3` and `Log4j` survive whole.
const BOUNDARY = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

/** Split a CamelCase token into words: `PortProbeEMRUnprotectedPort` -> `Port Probe EMR Unprotected Port`. */
export function splitCamelCase(token: string): string[] {
  return token
    .split(/[\s_-]+/)
    .flatMap((piece) => piece.split(BOUNDARY))
    .filter((word) => word !== '');
}

/**
 * Render an unknown token as lower-case prose, keeping acronyms (`EMR`, `DNS`) as they are:
 * `PortProbeEMRUnprotectedPort` -> `port probe EMR unprotected port`.
 */
export function humanize(token: string): string {
  return splitCamelCase(token)
    .map((word) => (/^[A-Z][a-z]+$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}
