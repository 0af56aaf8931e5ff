/**
 * The config file (`--config FILE` or `GDLENS_CONFIG`, YAML or JSON). Its keys are the long flag
 * names the commands declare, so a flag added to a command is a config key at once:
 *
 * ```yaml
 * opensearch:            # connection, for every command with --opensearch
 *   url: https://search.example.org
 *   ca: /etc/gdlens/ca.pem
 *   username: gdlens
 *   password: …           # the only place besides OPENSEARCH_PASSWORD a password may live
 * prefix: gdlens          # a top-level flag applies to every command that has it
 * ingest:
 *   concurrency: 4
 * tag:
 *   serve: { port: 8088 }
 * ```
 *
 * The file becomes flags placed before the command line's own, skipped where the command line
 * or the flag's environment variable already sets the value: flag > environment > file > default.
 */
import { readFileSync, statSync } from 'node:fs';
import { yaml } from '../formats/yaml';
import { ConfigError } from '../errors';
import type { Command } from './command';
import { OPENSEARCH_FLAGS, type FlagSpec, type FlagSpecs } from './flags';

/** The config file's `opensearch:` keys: the connection flags without `opensearch-`, `url` for `--opensearch`. */
export const OPENSEARCH_SECTION_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(OPENSEARCH_FLAGS).map((flag) => [flag === 'opensearch' ? 'url' : flag.slice('opensearch-'.length), flag]),
);

/**
 * Config keys that are environment variables, not flags: secrets never go on a command line,
 * where every local user can read them in the process list.
 */
export const OPENSEARCH_SECTION_ENV: Readonly<Record<string, string>> = { password: 'OPENSEARCH_PASSWORD' };

type Mapping = Readonly<Record<string, unknown>>;

export interface ConfigFile {
  readonly file: string;
  readonly data: Mapping;
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Reads and parses the file; `setting` names where its path came from, for the error. */
export function readConfigFile(file: string, setting: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`${setting}: cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { file }, { cause });
  }
  // YAML 1.2 reads JSON as well; one parser gives both forms the same line-numbered errors.
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const [error] = document.errors;
  if (error !== undefined) {
    const position = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(`${file}${position ? `:${position.line}:${position.col}` : ''}: ${error.message.split('\n')[0] ?? error.code}`, { file });
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return { file, data: {} };
  if (!isMapping(data)) throw new ConfigError(`${file}: the config must be a mapping of settings, got ${describe(data)}`, { file });
  return { file, data };
}

function checkValue(file: string, key: string, value: unknown, spec: FlagSpec): void {
  const scalar = (item: unknown): boolean => typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item));
  if (spec.type === 'boolean') {
    if (typeof value !== 'boolean') throw new ConfigError(`${file}: ${key} must be true or false, got ${describe(value)}`, { file, key });
  } else if (spec.multiple === true) {
    if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) throw new ConfigError(`${file}: ${key} must be a text or a list of texts, got ${describe(value)}`, { file, key });
  } else if (!scalar(value)) {
    throw new ConfigError(`${file}: ${key} must be a text or a number, got ${describe(value)}`, { file, key });
  }
}

function checkSection(file: string, path: string, section: unknown, flags: FlagSpecs, subcommands: Readonly<Record<string, FlagSpecs>> = {}): void {
  if (!isMapping(section)) throw new ConfigError(`${file}: ${path} must be a mapping of flag names to values, got ${describe(section)}`, { file, key: path });
  for (const [key, value] of Object.entries(section)) {
    const spec = flags[key];
    const sub = subcommands[key];
    if (spec !== undefined) checkValue(file, `${path}.${key}`, value, spec);
    else if (sub !== undefined) checkSection(file, `${path}.${key}`, value, sub);
    else {
      const known = [...Object.keys(flags), ...Object.keys(subcommands)].sort();
      throw new ConfigError(`${file}: unknown key ${path}.${key} (${path} takes: ${known.join(', ') || 'nothing'})`, { file, key: `${path}.${key}` });
    }
  }
}

/** Every flag set of every command, subcommands included. */
function allFlagSets(commands: readonly Command[]): FlagSpecs[] {
  return commands.flatMap((command) => [command.flags ?? {}, ...Object.values(command.subcommands ?? {})]);
}

/**
 * Checks the whole file against every command, not only the one being run, so a typo anywhere
 * fails the next start instead of being ignored until the day that command runs.
 */
export function validateConfig(config: ConfigFile, commands: readonly Command[]): void {
  const { file, data } = config;
  for (const [key, value] of Object.entries(data)) {
    const command = commands.find((c) => c.name === key);
    if (key === 'opensearch') {
      if (!isMapping(value)) throw new ConfigError(`${file}: opensearch must be a mapping (url, ca, username…), got ${describe(value)}`, { file, key });
      for (const [name, setting] of Object.entries(value)) {
        const flag = OPENSEARCH_SECTION_KEYS[name];
        const known = [...Object.keys(OPENSEARCH_SECTION_KEYS), ...Object.keys(OPENSEARCH_SECTION_ENV)].sort().join(', ');
        if (flag === undefined && OPENSEARCH_SECTION_ENV[name] === undefined) throw new ConfigError(`${file}: unknown key opensearch.${name} (opensearch takes: ${known})`, { file, key: `opensearch.${name}` });
        checkValue(file, `opensearch.${name}`, setting, { type: 'string' });
      }
    } else if (command !== undefined) {
      checkSection(file, key, value, command.flags ?? {}, command.subcommands);
    } else {
      const specs = allFlagSets(commands).flatMap((flags) => (flags[key] === undefined ? [] : [flags[key]]));
      if (specs.length === 0) {
        throw new ConfigError(`${file}: unknown key ${key} (top-level keys: opensearch, a command name (${commands.map((c) => c.name).join(', ')}), or a flag shared by commands such as prefix)`, { file, key });
      }
      for (const spec of specs) checkValue(file, key, value, spec);
    }
  }
}

function asFlags(flag: string, value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  if (typeof value === 'boolean') return value ? [`--${flag}`] : [];
  // `--flag=value` keeps a value that starts with a dash from being read as a flag.
  return items.map((item) => `--${flag}=${String(item)}`);
}

function givenOnCommandLine(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`));
}

export interface AppliedConfig {
  readonly argv: string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Secret values taken from the file, to keep out of messages. */
  readonly secrets: string[];
}

/** The command line and environment `command` runs with once the file's values are added below them. */
export function applyConfig(config: ConfigFile, command: Command, argv: readonly string[], env: Readonly<Record<string, string | undefined>>): AppliedConfig {
  const first = argv[0];
  const subcommand = first !== undefined && command.subcommands?.[first] !== undefined ? first : undefined;
  const flags: FlagSpecs = subcommand === undefined ? (command.flags ?? {}) : (command.subcommands?.[subcommand] ?? {});
  const rest = subcommand === undefined ? argv : argv.slice(1);

  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(config.data)) {
    if (flags[key] !== undefined && !isMapping(value)) values.set(key, value);
  }
  const opensearch = config.data.opensearch;
  const secrets: string[] = [];
  const extraEnv: Record<string, string> = {};
  if (isMapping(opensearch)) {
    for (const [name, value] of Object.entries(opensearch)) {
      const flag = OPENSEARCH_SECTION_KEYS[name];
      const variable = OPENSEARCH_SECTION_ENV[name];
      if (flag !== undefined && flags[flag] !== undefined) values.set(flag, value);
      if (variable !== undefined && flags.opensearch !== undefined) {
        secrets.push(String(value));
        if (!env[variable]) extraEnv[variable] = String(value);
      }
    }
  }
  let section: unknown = config.data[command.name];
  if (subcommand !== undefined) section = isMapping(section) ? section[subcommand] : undefined;
  if (isMapping(section)) {
    for (const [key, value] of Object.entries(section)) if (flags[key] !== undefined) values.set(key, value);
  }

  const injected: string[] = [];
  for (const [flag, value] of values) {
    const variable = flags[flag]?.env;
    if (givenOnCommandLine(rest, flag) || (variable !== undefined && env[variable])) continue;
    injected.push(...asFlags(flag, value));
  }
  return {
    argv: [...(subcommand === undefined ? [] : [subcommand]), ...injected, ...rest],
    env: Object.keys(extraEnv).length === 0 ? env : { ...env, ...extraEnv },
    secrets,
  };
}

/** Removes `--config FILE` / `--config=FILE` from a command line; the last one wins. */
export function takeConfigFlag(argv: readonly string[]): { argv: string[]; file?: string } {
  const out: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === '--config') {
      const value = argv[i + 1];
      if (value === undefined || value === '') throw new ConfigError('--config needs a file name');
      file = value;
      i += 1;
    } else if (arg.startsWith('--config=')) {
      file = arg.slice('--config='.length);
    } else {
      out.push(arg);
    }
  }
  return file === undefined ? { argv: out } : { argv: out, file };
}

/** A config file with a password that other users can read deserves a warning. */
export function readableByOthers(file: string): boolean {
  try {
    return (statSync(file).mode & 0o044) !== 0;
  } catch {
    return false;
  }
}
