// Word boundaries inside a CamelCase token: lower/digit -> upper (`portProbe`), the end of an
// acronym before a capitalised word (`EMRUnprotected` -> `EMR` `Unprotected`), and letter <-> digit.
const BOUNDARY = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/;

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
