import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from '../../../src/cli/command';
import { COMMANDS } from '../../../src/cli/commands';
import { applyConfig, readConfigFile, takeConfigFlag, validateConfig, type ConfigFile } from '../../../src/cli/config-file';
import { OPENSEARCH_FLAGS, PREFIX_FLAG } from '../../../src/cli/flags';
import { ConfigError } from '../../../src/errors';
import { runGdlens, type CliRun } from '../../cli-harness';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gdlens-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text, { mode: 0o600 });
  chmodSync(target, 0o600);
  return target;
}

/** A command that prints the argv and the env it was started with. */
const probe: Command = {
  name: 'probe',
  summary: 'prints what it got',
  usage: 'usage: gdlens probe',
  flags: { ...OPENSEARCH_FLAGS, ...PREFIX_FLAG, concurrency: { type: 'string' }, once: { type: 'boolean' }, set: { type: 'string', multiple: true } },
  subcommands: { serve: { port: { type: 'string', env: 'PROBE_PORT' }, ...OPENSEARCH_FLAGS } },
  async run({ argv, env, stdout }) {
    stdout.write(JSON.stringify({ argv, password: env.OPENSEARCH_PASSWORD ?? null }));
    return 0;
  },
};

function config(data: Record<string, unknown>): ConfigFile {
  return { file: 'gdlens.yaml', data };
}

function thrown(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError thrown');
}

describe('readConfigFile', () => {
  it('reads YAML and JSON alike', () => {
    const yaml = readConfigFile(file('a.yaml', 'opensearch:\n  url: https://h:9200\ningest:\n  concurrency: 4\n'), '--config');
    const json = readConfigFile(file('a.json', '{"opensearch": {"url": "https://h:9200"}, "ingest": {"concurrency": 4}}'), '--config');
    expect(yaml.data).toEqual(json.data);
    expect(readConfigFile(file('empty.yaml', '# nothing yet\n'), '--config').data).toEqual({});
  });

  it('names the file and line of a syntax error, a duplicate key, or a file that is not a mapping', () => {
    expect(thrown(() => readConfigFile(file('bad.yaml', 'ingest:\n  concurrency: [4\n'), '--config'))).toMatch(/bad\.yaml:\d+:\d+: /);
    expect(thrown(() => readConfigFile(file('dup.yaml', 'prefix: a\nprefix: b\n'), '--config'))).toMatch(/dup\.yaml:2:1: .*unique/i);
    expect(thrown(() => readConfigFile(file('bad.json', '{"prefix": "a"\n'), '--config'))).toMatch(/bad\.json:2:1: Flow map must end with a }/);
    expect(thrown(() => readConfigFile(file('list.yaml', '- a\n- b\n'), '--config'))).toMatch(/list\.yaml: the config must be a mapping of settings, got a list/);
  });

  it('names the setting the path came from when the file is missing', () => {
    expect(thrown(() => readConfigFile(path.join(dir, 'missing.yaml'), 'GDLENS_CONFIG'))).toMatch(/^GDLENS_CONFIG: cannot read .*missing\.yaml: ENOENT/);
  });
});

describe('validateConfig', () => {
  it('accepts the flags of every command, subcommands and the opensearch section', () => {
    expect(() =>
      validateConfig(config({ opensearch: { url: 'https://h', ca: '/ca.pem', password: 'x' }, prefix: 'p', probe: { concurrency: 2, once: true, set: ['a', 'b'], serve: { port: 8 } } }), [probe]),
    ).not.toThrow();
  });

  it('names an unknown key with its section and what the section takes', () => {
    expect(thrown(() => validateConfig(config({ probe: { concurency: 2 } }), [probe]))).toMatch(/^gdlens\.yaml: unknown key probe\.concurency \(probe takes: concurrency, once, opensearch/);
    expect(thrown(() => validateConfig(config({ probe: { serve: { host: 'x' } } }), [probe]))).toMatch(/unknown key probe\.serve\.host/);
    expect(thrown(() => validateConfig(config({ opensearch: { user: 'x' } }), [probe]))).toMatch(/unknown key opensearch\.user \(opensearch takes: aws-region, aws-sigv4, ca, cert, key, password, url, username\)/);
    expect(thrown(() => validateConfig(config({ colour: 'red' }), [probe]))).toMatch(/unknown key colour \(top-level keys: opensearch, a command name \(probe\)/);
  });

  it('names a value of the wrong type', () => {
    expect(thrown(() => validateConfig(config({ probe: { once: 'yes' } }), [probe]))).toMatch(/probe\.once must be true or false, got string "yes"/);
    expect(thrown(() => validateConfig(config({ probe: { concurrency: [1] } }), [probe]))).toMatch(/probe\.concurrency must be a text or a number, got a list/);
    expect(thrown(() => validateConfig(config({ opensearch: 'https://h' }), [probe]))).toMatch(/opensearch must be a mapping/);
    expect(thrown(() => validateConfig(config({ probe: 3 }), [probe]))).toMatch(/probe must be a mapping of flag names to values, got number 3/);
    expect(thrown(() => validateConfig(config({ prefix: { a: 1 } }), [probe]))).toMatch(/prefix must be a text or a number, got a mapping/);
  });

  it('checks the real commands: ingest takes --concurrency, setup does not', () => {
    expect(() => validateConfig(config({ ingest: { concurrency: 4, 'dead-letter': '/var/dl.jsonl' } }), COMMANDS)).not.toThrow();
    expect(thrown(() => validateConfig(config({ setup: { concurrency: 4 } }), COMMANDS))).toMatch(/unknown key setup\.concurrency/);
  });
});

describe('applyConfig: flag > environment > file > default', () => {
  const data = config({ prefix: 'top', opensearch: { url: 'https://file:9200', password: 'file-pw' }, probe: { prefix: 'section', concurrency: 3, once: true, set: ['a', 'b'] } });

  it('adds the file values as flags before the command line', () => {
    const applied = applyConfig(data, probe, ['input.json'], {});
    expect(applied.argv).toEqual(['--prefix=section', '--opensearch=https://file:9200', '--concurrency=3', '--once', '--set=a', '--set=b', 'input.json']);
    expect(applied.env.OPENSEARCH_PASSWORD).toBe('file-pw');
    expect(applied.secrets).toEqual(['file-pw']);
  });

  it('skips what the command line or the flag environment variable already sets', () => {
    const applied = applyConfig(data, probe, ['--prefix', 'cli', '--concurrency=9'], { OPENSEARCH_URL: 'http://env:9200', OPENSEARCH_PASSWORD: 'env-pw' });
    expect(applied.argv).toEqual(['--once', '--set=a', '--set=b', '--prefix', 'cli', '--concurrency=9']);
    expect(applied.env.OPENSEARCH_PASSWORD).toBe('env-pw');
  });

  it('an empty environment variable does not count as set', () => {
    expect(applyConfig(data, probe, [], { GDLENS_PREFIX: '' }).argv).toContain('--prefix=section');
  });

  it('a false boolean adds nothing; a subcommand gets its own section after its name', () => {
    expect(applyConfig(config({ probe: { once: false } }), probe, [], {}).argv).toEqual([]);
    const serve = applyConfig(config({ opensearch: { url: 'https://f' }, probe: { concurrency: 3, serve: { port: 9 } } }), probe, ['serve', '--x'], {});
    expect(serve.argv).toEqual(['serve', '--opensearch=https://f', '--port=9', '--x']);
    expect(applyConfig(config({ probe: { serve: { port: 9 } } }), probe, ['serve'], { PROBE_PORT: '7' }).argv).toEqual(['serve']);
  });

  it('keeps values after -- as positionals', () => {
    expect(applyConfig(config({ probe: { concurrency: 3 } }), probe, ['--', '--concurrency=1'], {}).argv).toEqual(['--concurrency=3', '--', '--concurrency=1']);
  });
});

describe('takeConfigFlag', () => {
  it('removes --config FILE and --config=FILE, the last one winning', () => {
    expect(takeConfigFlag(['--config', 'a.yaml', 'x', '--config=b.yaml', '--', '--config', 'c'])).toEqual({ argv: ['x', '--', '--config', 'c'], file: 'b.yaml' });
    expect(takeConfigFlag(['x'])).toEqual({ argv: ['x'] });
    expect(thrown(() => takeConfigFlag(['--config']))).toMatch(/--config needs a file name/);
  });
});

describe('runCli with a config file', () => {
  function run(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return runGdlens(argv, { env, commands: [probe] });
  }

  it('takes --config, else GDLENS_CONFIG', async () => {
    const a = file('run-a.yaml', 'probe:\n  concurrency: 5\n');
    const b = file('run-b.yaml', 'probe:\n  concurrency: 6\n');
    expect(JSON.parse((await run(['probe', '--config', a], { GDLENS_CONFIG: b })).out).argv).toEqual(['--concurrency=5']);
    expect(JSON.parse((await run(['probe'], { GDLENS_CONFIG: b })).out).argv).toEqual(['--concurrency=6']);
  });

  it('fails at start-up on an invalid file, naming the key, without running the command', async () => {
    const bad = file('run-bad.yaml', 'probe:\n  concurency: 5\n');
    const result = await run(['probe', '--config', bad]);
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/gdlens probe: .*run-bad\.yaml: unknown key probe\.concurency/);
  });

  it('warns when a file holding a password can be read by other users', async () => {
    const open = file('run-open.yaml', 'opensearch:\n  password: file-secret-1\n');
    chmodSync(open, 0o644);
    const result = await run(['probe', '--config', open]);
    expect(result.status).toBe(0);
    expect(result.err).toMatch(/warning: .*run-open\.yaml holds a password and other users can read it \(chmod 600/);
    expect(result.err).not.toContain('file-secret-1');
    const closed = file('run-closed.yaml', 'opensearch:\n  password: file-secret-1\n');
    expect((await run(['probe', '--config', closed])).err).toBe('');
  });
});
