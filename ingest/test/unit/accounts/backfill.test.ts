import { accountChunks, backfillSummary, inconsistentAccountsQuery, scriptParams } from '../../../src/accounts/backfill';
import type { AccountInfo } from '../../../src/accounts/directory';

const DIRECTORY = new Map<string, AccountInfo>([
  ['111122223333', { name: 'payments-prod', env: 'prod' }],
  ['222233334444', { name: 'lab' }],
  ['333344445555', { name: 'shared' }],
]);

describe('account backfill pieces', () => {
  it('selects, per account, documents whose exact name or env differs, and a missing env when the file gives none', () => {
    expect(inconsistentAccountsQuery([...DIRECTORY].slice(0, 2))).toEqual({
      bool: {
        minimum_should_match: 1,
        should: [
          {
            bool: {
              filter: [{ term: { 'account_id.raw': '111122223333' } }],
              must_not: [{ bool: { filter: [{ term: { 'account_name.raw': 'payments-prod' } }, { term: { 'account_env.raw': 'prod' } }] } }],
            },
          },
          {
            bool: {
              filter: [{ term: { 'account_id.raw': '222233334444' } }],
              must_not: [{ bool: { filter: [{ term: { 'account_name.raw': 'lab' } }, { bool: { must_not: [{ exists: { field: 'account_env' } }] } }] } }],
            },
          },
        ],
      },
    });
  });

  it('groups accounts into queries of the given size, every account once', () => {
    const chunks = accountChunks(DIRECTORY, 2);
    expect(chunks.map((chunk) => chunk.map(([id]) => id))).toEqual([['111122223333', '222233334444'], ['333344445555']]);
    expect(accountChunks(new Map())).toEqual([]);
  });

  it('passes id → {name, env} to the script, env left out when absent', () => {
    expect(scriptParams([...DIRECTORY])).toEqual({
      '111122223333': { name: 'payments-prod', env: 'prod' },
      '222233334444': { name: 'lab' },
      '333344445555': { name: 'shared' },
    });
  });

  it('summarises the counts in one line, saying when documents were skipped', () => {
    const line = backfillSummary([
      { kind: 'findings', alias: 'g-findings', matched: 3, updated: 3, conflicts: 0 },
      { kind: 'occurrences', alias: 'g-occurrences', matched: 9, updated: 7, conflicts: 2 },
      { kind: 'cloudtrail', alias: 'g-cloudtrail', matched: 0, updated: 0, conflicts: 0 },
    ]);
    expect(line).toBe('account names: findings 3, occurrences 7 (2 skipped: changed meanwhile, next start retries), cloudtrail 0 documents updated to match the accounts file');
  });
});
