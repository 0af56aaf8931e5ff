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
  const fields = { account_name: info.name, ...(info.env === undefined ? {} : { account_env: info.env }) };
  return record.kind === 'finding'
    ? { ...record, document: { ...record.document, ...fields } }
    : { ...record, document: { ...record.document, ...fields } };
}
