import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { OPENSEARCH_SECTION_ENV, OPENSEARCH_SECTION_KEYS } from '../../../src/cli/config-file';
import { OPENSEARCH_FLAGS, type FlagSpecs } from '../../../src/cli/flags';

// The reference must list whatever the commands accept: these checks read the commands' declared
// flag lists and the source, so a flag or variable added anywhere fails here until it is documented.
const DOCS = readFileSync(path.resolve(__dirname, '../../../../docs/config.md'), 'utf8');
const SOURCE_DIR = path.resolve(__dirname, '../../../src');

/** `### gdlens tag serve` → its text up to the next heading. */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  const parts = DOCS.split(/^### gdlens /m).slice(1);
  for (const part of parts) {
    const [title = '', ...body] = part.split('\n');
    out.set(title.trim(), body.join('\n').split(/^## /m)[0] ?? '');
  }
  return out;
}

function flagSets(): Array<{ title: string; flags: FlagSpecs }> {
  return COMMANDS.flatMap((command) => [
    ...(command.flags === undefined ? [] : [{ title: command.name, flags: command.flags }]),
    ...Object.entries(command.subcommands ?? {}).map(([sub, flags]) => ({ title: `${command.name} ${sub}`, flags })),
  ]);
}

const documented = (text: string, flag: string): boolean => new RegExp('`--' + flag.replace(/[-]/g, '\\-') + '[ `]').test(text);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('docs/config.md', () => {
  it('every command declares its flags', () => {
    for (const command of COMMANDS) expect({ command: command.name, declared: command.flags !== undefined || command.subcommands !== undefined }).toEqual({ command: command.name, declared: true });
  });

  it('has a section for every command and subcommand, listing each of its flags', () => {
    const docs = sections();
    const missing: string[] = [];
    for (const { title, flags } of flagSets()) {
      const section = docs.get(title);
      if (section === undefined) {
        missing.push(`### gdlens ${title}`);
        continue;
      }
      const allConnection = Object.keys(OPENSEARCH_FLAGS).every((flag) => flag in flags);
      if (allConnection && !section.includes('(#connection)')) missing.push(`${title}: a link to the connection flags`);
      for (const flag of Object.keys(flags)) {
        if (allConnection && flag in OPENSEARCH_FLAGS) continue;
        if (!documented(section, flag)) missing.push(`${title}: --${flag}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists every connection flag, its variable and its config key', () => {
    const connection = DOCS.split(/^## Connection$/m)[1]?.split(/^## /m)[0] ?? '';
    const missing: string[] = [];
    for (const [flag, spec] of Object.entries(OPENSEARCH_FLAGS)) {
      if (!documented(connection, flag)) missing.push(`--${flag}`);
      if (!connection.includes(`\`${spec.env}\``)) missing.push(spec.env);
    }
    for (const key of [...Object.keys(OPENSEARCH_SECTION_KEYS), ...Object.keys(OPENSEARCH_SECTION_ENV)]) {
      if (!connection.includes(`\`opensearch.${key}\``)) missing.push(`opensearch.${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every environment variable a flag declares or the source reads', () => {
    const declared = flagSets().flatMap(({ flags }) => Object.values(flags).flatMap((spec) => (spec.env === undefined ? [] : [spec.env])));
    const read = sourceFiles(SOURCE_DIR).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\benv(?:\.|\[['"])([A-Z][A-Z0-9_]+)/g)].map((match) => match[1] ?? ''));
    expect(read).toContain('OPENSEARCH_PASSWORD');
    const variables = [...new Set([...declared, ...read, ...Object.values(OPENSEARCH_SECTION_ENV)])].sort();
    const envSection = DOCS.split(/^## Environment variables$/m)[1] ?? '';
    expect(variables.filter((name) => !envSection.includes(`\`${name}\``))).toEqual([]);
  });
});
