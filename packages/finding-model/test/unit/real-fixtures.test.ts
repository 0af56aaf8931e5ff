import { decodeFindingType, explainFindingType, findFindingType, formatFindingType, isKnownThreatPurpose } from '../../src';
import { sentenceProblems } from '../support/clean-sentence';
import { REAL_FIXTURES_DIR, realFindingTypes } from '../support/real-fixtures';

describe(`finding types in the real fixtures (${REAL_FIXTURES_DIR})`, () => {
  const found = realFindingTypes();

  it('finds the GuardDuty findings in every fixture form (EventBridge and raw)', () => {
    // 19 + 5 EventBridge envelopes, 10 SEKOIA raw findings, 8 Panther raw findings.
    expect(found.length).toBe(42);
    expect(new Set(found.map((entry) => entry.file)).size).toBe(4);
  });

  it.each(found.map((entry) => [`${entry.file}:${entry.line}`, entry.type]))('%s: %p decodes with a known purpose', (_where, type) => {
    expect(typeof type).toBe('string');
    const text = String(type);
    const parts = decodeFindingType(text);
    expect(isKnownThreatPurpose(parts.threatPurpose ?? '')).toBe(true);
    expect(parts.resourceTypeAffected).toBeDefined();
    expect(parts.threatFamilyName).toBeDefined();
    expect(formatFindingType(parts)).toBe(text);
    expect(findFindingType(text)).toBeDefined();
    expect(sentenceProblems(explainFindingType(text))).toEqual([]);
  });
});
