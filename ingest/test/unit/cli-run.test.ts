import type { Command } from '../../src/cli/command';
import { runCli } from '../../src/cli/run';
import { IngestError, UsageError } from '../../src/errors';
import { cliContext as context } from './helpers';

const echo: Command = {
  name: 'echo',
  summary: 'prints its arguments',
  usage: 'usage: gdlens echo WORD…',
  async run({ argv, stdout }) {
    if (argv[0] === 'bad') throw new UsageError('bad word');
    if (argv[0] === 'io') throw new IngestError('disk on fire');
    stdout.write(argv.join(' '));
    return argv.length === 0 ? 2 : 0;
  },
};

describe('runCli', () => {
  it('dispatches to the named command and returns its status', async () => {
    const { ctx, out } = context(['echo', 'a', 'b']);
    expect(await runCli(ctx, [echo])).toBe(0);
    expect(out()).toBe('a b');
  });

  it('passes a non-zero status through', async () => {
    expect(await runCli(context(['echo']).ctx, [echo])).toBe(2);
  });

  it('lists commands and fails without a command', async () => {
    const { ctx, out } = context([]);
    expect(await runCli(ctx, [echo])).toBe(1);
    expect(out()).toContain('echo  prints its arguments');
  });

  it('names an unknown command', async () => {
    const { ctx, err } = context(['nope']);
    expect(await runCli(ctx, [echo])).toBe(1);
    expect(err()).toContain("unknown command 'nope'");
  });

  it('prints usage for --help', async () => {
    const { ctx, out } = context(['echo', '--help']);
    expect(await runCli(ctx, [echo])).toBe(0);
    expect(out()).toBe('usage: gdlens echo WORD…\n');
  });

  it('turns a usage error into status 1 with the usage text', async () => {
    const { ctx, err } = context(['echo', 'bad']);
    expect(await runCli(ctx, [echo])).toBe(1);
    expect(err()).toBe('gdlens echo: bad word\nusage: gdlens echo WORD…\n');
  });

  it('turns an ingest error into status 1 with its message', async () => {
    const { ctx, err } = context(['echo', 'io']);
    expect(await runCli(ctx, [echo])).toBe(1);
    expect(err()).toBe('gdlens echo: disk on fire\n');
  });
});
