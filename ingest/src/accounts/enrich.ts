import type { ParsedRecord } from '../records';
import type { AccountDirectory } from './directory';

/**
 * Adds `account_name` and `account_env` to a finding or CloudTrail record whose account is in the
 * directory. Pure, and applied after the mapping, so the golden-tested mapping functions never
 * depend on a user's file. A record whose account is not listed is returned as it is.
 */
export function enrichAccount(record: ParsedRecord, directory: AccountDirectory): ParsedRecord {
  if (record.kind !== 'finding' && record.kind !== 'cloudtrail') return record;
  const id = record.document.account_id;
  const info = id === undefined ? undefined : directory.get(id);
  if (info === undefined) return record;
  // Literal keys first, the document spread after them: adding keys after a spread of a 50-field
  // document, or spreading a small object before it, makes V8 rebuild the object's shape, 10 to
  // 100 times slower per record (node 20, measured). The mapping never sets these fields.
  if (record.kind === 'finding') {
    return { ...record, document: info.env === undefined ? { account_name: info.name, ...record.document } : { account_name: info.name, account_env: info.env, ...record.document } };
  }
  return { ...record, document: info.env === undefined ? { account_name: info.name, ...record.document } : { account_name: info.name, account_env: info.env, ...record.document } };
}
