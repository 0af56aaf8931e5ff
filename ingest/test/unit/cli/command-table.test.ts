import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';

const repo = path.resolve(__dirname, '../../../..');

describe('the command table', () => {
  test('every entry loads the command it is named after, with its summary, usage and flags', () => {
    const names = COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) {
      expect(command.summary.length).toBeGreaterThan(0);
      expect(command.usage).toContain(`gdlens ${command.name}`);
      expect(command.flags === undefined || typeof command.flags === 'object').toBe(true);
    }
  });

  test('dispatching one command loads no other command module (built tree)', () => {
    // Run against the compiled CLI, as users start it; the unit tier runs after the build.
    const script = [
      "const { COMMANDS } = require('./ingest/dist/cli/commands/index.js');",
      "const ingest = COMMANDS.find((c) => c.name === 'ingest');",
      'void ingest.usage;',
      'const loaded = Object.keys(require.cache).filter((f) => /[\\\\/]cli[\\\\/]commands[\\\\/][^\\\\/]+\\.js$/.test(f)).map((f) => path.basename(f)).sort();',
      "const yamlLoaded = Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(f));",
      'console.log(JSON.stringify({ loaded, yamlLoaded }));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', `const path = require('node:path');\n${script}`], { cwd: repo, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { loaded, yamlLoaded } = JSON.parse(run.stdout) as { loaded: string[]; yamlLoaded: boolean };
    expect(loaded).toEqual(['index.js', 'ingest.js', 'worker-heartbeat.js']);
    expect(yamlLoaded).toBe(false);
  });
});
