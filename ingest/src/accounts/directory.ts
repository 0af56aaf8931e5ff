/**
 * The optional accounts file (`--accounts FILE` or `GDLENS_ACCOUNTS_FILE`): account ids → names
 * and environments, so panels and alerts say `payments-prod` rather than `111122223333`.
 *
 * YAML (or JSON):
 *
 * ```yaml
 * environments: [prod, staging, dev]   # optional; the environments `env` may name
 * accounts:
 *   - id: "111122223333"               # 12 digits; quote it, or YAML may read it as a number
 *     name: payments-prod
 *     env: prod                        # optional
 * ```
 *
 * or CSV with the header `account_id,name,env` (env may be empty). Every error names the file,
 * the line and the reason.
 */
import { readFile } from 'node:fs/promises';
import type { Node } from 'yaml';
import { yaml } from '../formats/yaml';
import { ConfigError } from '../errors';

export interface AccountInfo {
  readonly name: string;
  readonly env?: string;
}

/** Account id → what the file says about it. */
export type AccountDirectory = ReadonlyMap<string, AccountInfo>;

/** The environments an account may be in when the file does not list its own. */
export const DEFAULT_ENVIRONMENTS: readonly string[] = ['prod', 'staging', 'dev', 'test', 'sandbox', 'shared', 'security'];

const ACCOUNT_ID = /^\d{12}$/;

interface Entry {
  readonly line: number;
  readonly id: string;
  readonly name: string;
  readonly env?: string;
}

/** A bad accounts file is a configuration error whose message starts with `file:line:`. */
function fail(file: string, line: number, reason: string): never {
  throw new ConfigError(`${file}:${line}: ${reason}`, { file, line });
}

/** Checks the entries together (id shape, duplicates, known environment) and builds the directory. */
function directoryOf(file: string, entries: readonly Entry[], environments: readonly string[]): AccountDirectory {
  const directory = new Map<string, AccountInfo & { line: number }>();
  for (const entry of entries) {
    if (!ACCOUNT_ID.test(entry.id)) fail(file, entry.line, `account id '${entry.id}' is not 12 digits`);
    if (entry.name.trim() === '') fail(file, entry.line, `account ${entry.id} has an empty name`);
    if (entry.env !== undefined && !environments.includes(entry.env)) {
      fail(file, entry.line, `account ${entry.id}: unknown env '${entry.env}' (known: ${environments.join(', ')})`);
    }
    const earlier = directory.get(entry.id);
    if (earlier !== undefined) fail(file, entry.line, `duplicate account id ${entry.id} (first on line ${earlier.line})`);
    directory.set(entry.id, { line: entry.line, name: entry.name.trim(), ...(entry.env === undefined ? {} : { env: entry.env }) });
  }
  return new Map([...directory].map(([id, { name, env }]) => [id, env === undefined ? { name } : { name, env }]));
}

/** Splits one CSV line; fields may be double-quoted ("a, b" and "" for a quote). */
export function splitCsvLine(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === ',') {
      fields.push(field.trim());
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) return undefined;
  fields.push(field.trim());
  return fields;
}

/** Parses the CSV form: header `account_id,name,env` (any order, env optional), blank lines and `#` comments skipped. */
export function parseAccountsCsv(text: string, file: string): AccountDirectory {
  const lines = text.split(/\r?\n/);
  let columns: { id: number; name: number; env: number } | undefined;
  const entries: Entry[] = [];
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(raw) ?? fail(file, line, 'unclosed double quote');
    if (columns === undefined) {
      const at = (name: string): number => fields.findIndex((f) => f.toLowerCase() === name);
      columns = { id: at('account_id'), name: at('name'), env: at('env') };
      if (columns.id < 0 || columns.name < 0) fail(file, line, `the header must name the columns account_id and name (and optionally env), got '${raw.trim()}'`);
      return;
    }
    const id = fields[columns.id] ?? '';
    const name = fields[columns.name] ?? '';
    const env = columns.env < 0 ? '' : (fields[columns.env] ?? '');
    entries.push({ line, id, name, ...(env === '' ? {} : { env }) });
  });
  return directoryOf(file, entries, DEFAULT_ENVIRONMENTS);
}

/** Parses the YAML (or JSON) form; every scalar is read as text, so `012345678901` keeps its zero. */
export function parseAccountsYaml(text: string, file: string): AccountDirectory {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // The failsafe schema reads every scalar as a string: an unquoted id never turns into a number.
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, prettyErrors: false, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) fail(file, lineCounter.linePos(error.pos[0]).line, error.message.split('\n')[0] ?? error.code);
  const lineOf = (node: Node | null | undefined): number => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  const root = document.contents;
  if (!isMap(root)) fail(file, lineOf(root), 'expected a mapping with an accounts: list');
  let environments = DEFAULT_ENVIRONMENTS;
  let accounts: Node | undefined;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'accounts') {
      accounts = value ?? undefined;
    } else if (key === 'environments') {
      if (!isSeq(value) || !value.items.every((item) => isScalar(item) && String(item.value) !== '')) {
        fail(file, lineOf(value ?? (pair.key as Node)), 'environments must be a list of names');
      }
      environments = value.items.map((item) => String((item as { value: unknown }).value));
    } else {
      fail(file, lineOf(pair.key as Node), `unknown key '${key}' (expected accounts, environments)`);
    }
  }
  if (accounts === undefined) fail(file, lineOf(root), 'no accounts: list');
  if (!isSeq(accounts)) fail(file, lineOf(accounts), 'accounts must be a list of {id, name, env}');
  const entries = accounts.items.map((item): Entry => {
    const line = lineOf(item as Node);
    if (!isMap(item)) fail(file, line, 'each account is a mapping with id, name and optionally env');
    const fields: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['id', 'name', 'env'].includes(key)) fail(file, lineOf(pair.key as Node), `unknown account key '${key}' (expected id, name, env)`);
      if (!isScalar(pair.value)) fail(file, lineOf((pair.value as Node | null) ?? (pair.key as Node)), `${key} must be a single value`);
      fields[key] = String(pair.value.value);
    }
    if (fields.id === undefined) fail(file, line, 'account without an id');
    if (fields.name === undefined) fail(file, line, `account ${fields.id} without a name`);
    return { line, id: fields.id, name: fields.name, ...(fields.env === undefined || fields.env === '' ? {} : { env: fields.env }) };
  });
  return directoryOf(file, entries, environments);
}

/** Parses by extension: `.csv` is CSV, anything else (`.yaml`, `.yml`, `.json`) YAML. */
export function parseAccountsFile(text: string, file: string): AccountDirectory {
  return file.toLowerCase().endsWith('.csv') ? parseAccountsCsv(text, file) : parseAccountsYaml(text, file);
}

/** Reads and parses the file; `setting` (`--accounts`, `GDLENS_ACCOUNTS_FILE`) names where its path came from. */
export async function readAccountsFile(file: string, setting: string): Promise<AccountDirectory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`${setting}: cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { file, setting }, { cause });
  }
  return parseAccountsFile(text, file);
}
