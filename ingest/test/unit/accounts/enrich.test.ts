import { enrichAccount } from '../../../src/accounts/enrich';
import type { ParsedRecord } from '../../../src/records';
import { recordsFromValue } from '../../../src/sources/files';

const DIRECTORY = new Map([['111122223333', { name: 'payments-prod', env: 'prod' }], ['222233334444', { name: 'lab' }]]);

function cloudTrail(accountId: string): ParsedRecord {
  const [record] = recordsFromValue(
    { eventVersion: '1.08', eventTime: '2026-01-10T12:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: 'e1', recipientAccountId: accountId, userIdentity: { accountId } },
    { file: 't', line: 1 },
  );
  if (record === undefined) throw new Error('no record');
  return record;
}

describe('enrichAccount', () => {
  it('adds name and env to a record of a listed account, and only the name when no env is given', () => {
    const enriched = enrichAccount(cloudTrail('111122223333'), DIRECTORY);
    expect(enriched.kind).toBe('cloudtrail');
    expect(enriched.kind === 'cloudtrail' && [enriched.document.account_name, enriched.document.account_env]).toEqual(['payments-prod', 'prod']);
    const lab = enrichAccount(cloudTrail('222233334444'), DIRECTORY);
    expect(lab.kind === 'cloudtrail' && lab.document).toMatchObject({ account_name: 'lab' });
    expect(lab.kind === 'cloudtrail' && 'account_env' in lab.document).toBe(false);
  });

  it('leaves an unlisted account, skipped and rejected records untouched (same object), and never mutates its input', () => {
    const other = cloudTrail('999988887777');
    expect(enrichAccount(other, DIRECTORY)).toBe(other);
    const skipped: ParsedRecord = { kind: 'skipped', reason: 'digest', origin: { file: 'x', line: 1 } };
    expect(enrichAccount(skipped, DIRECTORY)).toBe(skipped);
    const listed = cloudTrail('111122223333');
    const before = JSON.stringify(listed);
    enrichAccount(listed, DIRECTORY);
    expect(JSON.stringify(listed)).toBe(before);
  });
});
