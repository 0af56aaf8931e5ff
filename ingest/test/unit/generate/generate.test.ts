import { severityLabel } from '@gdlens/finding-model';
import { recordsFromValue } from '../../../src/formats/detect';
import { generateRecords, type GeneratedRecord } from '../../../src/generate';


const options = { seed: 7, findings: 1500, cloudtrail: 300 };
const records: GeneratedRecord[] = [...generateRecords(options)];
const findings = records.filter((r) => r.kind === 'finding').map((r) => r.value);
const documents = records.flatMap((r, line) => recordsFromValue(r.value, { file: 'gen', line: line + 1 }));

describe('generateRecords', () => {
  it('makes as many records as asked, and the same bytes for the same seed', () => {
    expect(findings).toHaveLength(1500);
    expect(records.filter((r) => r.kind === 'cloudtrail')).toHaveLength(300);
    const again = [...generateRecords(options)].map((r) => JSON.stringify(r.value));
    expect(again).toEqual(records.map((r) => JSON.stringify(r.value)));
    const other = [...generateRecords({ ...options, seed: 8 })].map((r) => JSON.stringify(r.value));
    expect(other).not.toEqual(again);
  });

  it('makes records that all parse into documents', () => {
    expect(documents.map((d) => d.kind).filter((k) => k !== 'finding' && k !== 'cloudtrail')).toEqual([]);
    expect(documents).toHaveLength(1800);
  });

  it('covers every band, several accounts and regions, samples and archived findings', () => {
    const docs = documents.flatMap((d) => (d.kind === 'finding' ? [d.document] : []));
    expect(new Set(docs.map((d) => d.severity_label))).toEqual(new Set(['Critical', 'High', 'Medium', 'Low']));
    expect(new Set(docs.map((d) => d.account_id)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(docs.map((d) => d.region)).size).toBeGreaterThanOrEqual(3);
    const samples = docs.filter((d) => d.sample).length;
    expect(samples).toBeGreaterThan(0);
    expect(samples).toBeLessThan(docs.length * 0.1);
    expect(docs.some((d) => d.archived === true)).toBe(true);
    for (const d of docs) if (d.severity !== undefined) expect(severityLabel(d.severity)).toBe(d.severity_label);
  });

  it('gives instances several network interfaces with their own security groups', () => {
    const docs = documents.flatMap((d) => (d.kind === 'finding' ? [d.document] : []));
    const multi = docs.filter((d) => ((d.detail['resource'] as { instanceDetails?: { networkInterfaces?: unknown[] } }).instanceDetails?.networkInterfaces?.length ?? 0) > 1);
    expect(multi.length).toBeGreaterThan(10);
    expect(multi.some((d) => (d.security_groups?.length ?? 0) > 2)).toBe(true);
  });

  it('updates the same finding id later with a rising count and a later updatedAt', () => {
    const byId = new Map<string, Record<string, unknown>[]>();
    for (const f of findings) byId.set(f['id'] as string, [...(byId.get(f['id'] as string) ?? []), f]);
    const updated = [...byId.values()].filter((versions) => versions.length > 2);
    expect(updated.length).toBeGreaterThan(10);
    for (const versions of updated) {
      const counts = versions.map((v) => (v['service'] as { count: number }).count);
      const times = versions.map((v) => Date.parse(v['updatedAt'] as string));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(new Set(counts).size).toBe(counts.length);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(versions[0]?.['createdAt']).toBe(versions[versions.length - 1]?.['createdAt']);
    }
  });

  it('keeps records in time order inside the window', () => {
    const time = (r: GeneratedRecord): number => Date.parse((r.kind === 'finding' ? r.value['updatedAt'] : r.value['eventTime']) as string);
    const times = records.map(time);
    // CloudTrail times are whole seconds, so allow one second of disorder between the two kinds.
    times.forEach((t, i) => i > 0 && expect(t).toBeGreaterThanOrEqual((times[i - 1] ?? 0) - 1000));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-01-01T00:00:00Z') - 1000);
    expect(Math.max(...times)).toBeLessThan(Date.parse('2026-01-08T00:00:00Z'));
  });

  it('writes findings of about 3 KB, like real ones', () => {
    const mean = findings.reduce((sum, f) => sum + JSON.stringify(f).length, 0) / findings.length;
    expect(mean).toBeGreaterThan(2000);
    expect(mean).toBeLessThan(4500);
  });

  it('puts CloudTrail source addresses and service names where they belong', () => {
    const trails = documents.flatMap((d) => (d.kind === 'cloudtrail' ? [d.document] : []));
    expect(trails.some((d) => d.source_host === 'AWS Internal')).toBe(true);
    expect(trails.some((d) => d.source_ip !== undefined)).toBe(true);
    expect(trails.some((d) => d.eventSource === 'guardduty.amazonaws.com')).toBe(true);
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => [...generateRecords({ seed: 1, findings: 1, start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' })]).toThrow(RangeError);
  });
});

