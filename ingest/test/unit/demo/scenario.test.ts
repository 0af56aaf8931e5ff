import { decodeFindingType } from '@gdlens/finding-model';
import { recordsFromValue } from '../../../src/formats/detect';
import { scenarioRecords } from '../../../src/demo/scenario';

describe('scenarioRecords', () => {
  const nowMs = Date.parse('2026-11-27T12:00:00Z');
  const records = scenarioRecords(nowMs, 7);

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(scenarioRecords(nowMs, 7))).toBe(JSON.stringify(records));
    expect(JSON.stringify(scenarioRecords(nowMs, 8))).not.toBe(JSON.stringify(records));
  });

  it('maps every record to a document through the parse path', () => {
    const documents = records.map((record, i) => recordsFromValue(record.value, { file: 'scenario', line: i + 1 }));
    for (const parsed of documents) {
      expect(parsed).toHaveLength(1);
      expect(['finding', 'cloudtrail']).toContain(parsed[0]?.kind);
    }
  });

  it('holds one record per alert it means to trigger, minutes before now', () => {
    const docs = records.flatMap((record, i) => recordsFromValue(record.value, { file: 'scenario', line: i + 1 }));
    const findings = docs.flatMap((r) => (r.kind === 'finding' ? [r.document] : []));
    const trails = docs.flatMap((r) => (r.kind === 'cloudtrail' ? [r.document] : []));
    expect(findings.find((d) => d.severity_label === 'Critical')?.threat_purpose).toBe('AttackSequence');
    expect(findings.some((d) => d.threat_name === 'PhishingDomainRequest' && d.sample === false)).toBe(true);
    expect(findings.some((d) => d.resource_role === 'ACTOR' && decodeFindingType(d.finding_type).threatPurpose === 'Backdoor')).toBe(true);
    expect(trails.map((d) => [d.eventSource, d.eventName])).toEqual([['guardduty.amazonaws.com', 'DeleteDetector']]);
    for (const doc of [...findings, ...trails]) {
      const atMs = Date.parse(doc['@timestamp']);
      expect(atMs).toBeLessThan(nowMs);
      expect(nowMs - atMs).toBeLessThanOrEqual(5 * 60_000);
    }
  });
});
