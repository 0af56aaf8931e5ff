import type { Command } from '../../../src/cli/command';
import { COMMANDS } from '../../../src/cli/commands';
import { IngestError, UsageError } from '../../../src/errors';
import { runGdlens, type CliRun } from '../../cli-harness';

function run(argv: string[], env: Record<string, string>, commands?: readonly Command[]): Promise<CliRun> {
  return runGdlens(argv, { env, commands });
}

/** Echoes whatever it is given into its error, the worst case for a leak. */
const leaky: Command = {
  name: 'leaky',
  summary: 'fails with its inputs in the message',
  usage: 'usage: gdlens leaky',
  async run({ argv, env }) {
    if (argv[0] === 'usage') throw new UsageError(`bad ${argv.slice(1).join(' ')}`);
    if (argv[0] === 'crash') throw new TypeError(`boom ${env.AWS_SECRET_ACCESS_KEY ?? ''}`);
    throw new IngestError(`refused ${argv.join(' ')} with ${env.OPENSEARCH_PASSWORD ?? ''} and token ${env.GDLENS_TAGS_TOKEN ?? ''}`);
  },
};

describe('runCli keeps secrets out of error messages', () => {
  const env = { OPENSEARCH_PASSWORD: 'pw-from-env-1', GDLENS_TAGS_TOKEN: 'tags-token-0123456789', AWS_SECRET_ACCESS_KEY: 'aws/secret+key' };

  it('redacts secret variables and URL passwords in every kind of error', async () => {
    for (const argv of [['leaky', 'https://u:url-pw-2@h:9200'], ['leaky', 'usage', 'https://u:url-pw-2@h'], ['leaky', 'crash']]) {
      const result = await run(argv, env, [leaky]);
      expect(result.status).toBe(1);
      expect(result.err).toMatch(/gdlens leaky: /);
      for (const secret of ['pw-from-env-1', 'tags-token-0123456789', 'aws/secret+key', 'url-pw-2']) expect(result.err).not.toContain(secret);
    }
    expect((await run(['leaky', 'https://u:url-pw-2@h:9200'], env, [leaky])).err).toContain('https://***@h:9200 with *** and token ***');
  });

  it('redacts what a command logs on stderr while it runs, and leaves stdout alone', async () => {
    const chatty: Command = {
      name: 'chatty',
      summary: 'logs its secrets',
      usage: 'usage: gdlens chatty',
      async run({ env, stdout, stderr }) {
        stderr.write(`connecting with ${env.OPENSEARCH_PASSWORD ?? ''} to https://u:url-pw-2@h\n`);
        stderr.write(`tty=${String((stderr as { isTTY?: boolean }).isTTY)}\n`);
        stdout.write('data pw-from-env-1 stays as it is');
        return 0;
      },
    };
    const result = await run(['chatty'], env, [chatty]);
    expect(result.status).toBe(0);
    expect(result.err).toBe('connecting with *** to https://***@h\ntty=false\n');
    expect(result.out).toBe('data pw-from-env-1 stays as it is');
  });

  it('a real command with a broken URL holding a password names the setting, not the password', async () => {
    const result = await run(['setup', '--opensearch', 'https://gdlens:real-pw-3@[::1'], {}, COMMANDS);
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/gdlens setup: --opensearch \(OPENSEARCH_URL, opensearch\.url\) is not a URL: 'https:\/\/\*\*\*@\[::1'/);
    expect(result.err).not.toContain('real-pw-3');
  });
});
