import { generateRecords } from '../../../src/generate';
import { layoutAsS3Export } from '../../../src/generate/layout';

const records = [...generateRecords({ seed: 11, findings: 600, cloudtrail: 300, start: '2026-03-01T00:00:00Z', end: '2026-03-03T00:00:00Z' })];
const objects = [...layoutAsS3Export(records, { maxRecordsPerObject: 50 })];

describe('layoutAsS3Export', () => {
  it('puts every record in exactly one object, none larger than the limit', () => {
    expect(objects.reduce((sum, o) => sum + o.records, 0)).toBe(records.length);
    expect(Math.max(...objects.map((o) => o.records))).toBeLessThanOrEqual(50);
    expect(new Set(objects.map((o) => o.key)).size).toBe(objects.length);
  });

  it('writes findings as GuardDuty export objects of the finding’s account, region and day', () => {
    const findingObjects = objects.filter((o) => o.key.includes('/GuardDuty/'));
    expect(findingObjects.length).toBeGreaterThan(0);
    for (const object of findingObjects) {
      const [, account, , region, yyyy, mm, dd] = object.key.split('/');
      expect(object.key).toMatch(/^AWSLogs\/\d{12}\/GuardDuty\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[0-9a-f-]+\.jsonl\.gz$/);
      const lines = object.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
      expect(lines).toHaveLength(object.records);
      for (const finding of lines) {
        expect([finding['accountId'], finding['region'], finding['updatedAt']?.slice(0, 10)]).toEqual([account, region, `${yyyy}-${mm}-${dd}`]);
      }
    }
  });

  it('writes CloudTrail as Records objects named the way CloudTrail names them', () => {
    const trailObjects = objects.filter((o) => o.key.includes('/CloudTrail/'));
    expect(trailObjects.length).toBeGreaterThan(0);
    for (const object of trailObjects) {
      const account = object.key.split('/')[1] ?? '';
      expect(object.key).toMatch(new RegExp(`/${account}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[0-9a-f]+\\.json\\.gz$`));
      const { Records } = JSON.parse(object.text) as { Records: Record<string, string>[] };
      expect(Records).toHaveLength(object.records);
      for (const record of Records) expect(record['recipientAccountId']).toBe(account);
    }
  });

  it('is deterministic', () => {
    expect([...layoutAsS3Export(records, { maxRecordsPerObject: 50 })]).toEqual(objects);
  });
});
