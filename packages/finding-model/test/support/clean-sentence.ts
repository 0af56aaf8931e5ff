/**
 * Problems that make an explanation read badly: leaked "undefined"/"null", doubled spaces, and
 * empty slots left by a missing part. Returns the list so a failure shows every problem at once.
 */
export function sentenceProblems(sentence: string): string[] {
  // Quoted tokens echo the input as received; only the prose around them must be tidy.
  const prose = sentence.replace(/"[^"]*"/g, 'TOKEN');
  const checks: [RegExp, string][] = [
    [/\bundefined\b/i, 'says undefined'],
    [/\bnull\b/i, 'says null'],
    [/\bNaN\b/, 'says NaN'],
    [/\[object /, 'prints an object'],
    [/ {2}/, 'has a doubled space'],
    [/^\s|\s$/, 'has leading or trailing space'],
    [/;\s*;|;\s*\.|:\s*;|:\s*\.$|,\s*[,;.]/, 'has an empty slot'],
    [/\(\s*\)/, 'has empty parentheses'],
    [/\s[;:,.]/, 'has a space before punctuation'],
  ];
  const problems = checks.filter(([pattern]) => pattern.test(prose)).map(([, problem]) => problem);
  if (sentence.length === 0) problems.push('is empty');
  if (!sentence.endsWith('.')) problems.push('does not end with a full stop');
  return problems;
}
