import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../../src/cli/command';
import { ingestCommand } from '../../../src/cli/commands/ingest';
import { ConfigError, UsageError } from '../../../src/errors';

// Every case fails before any connection is made: no OpenSearch or S3 is needed.
function run(argv: string[]): Promise<number> {
  const context: CommandContext = {
    argv,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    env: {},
    now: () => 0,
    signal: new AbortController().signal,
  };
  return ingestCommand.run(context);
}

describe('gdlens ingest --s3 usage', () => {
  it('takes no other inputs with --s3', async () => {
    await expect(run(['--s3', 's3://logs-bucket/AWSLogs/', 'file.json'])).rejects.toThrow(new UsageError('--s3 takes no other inputs'));
    await expect(run(['--s3', 's3://logs-bucket/AWSLogs/', '--watch', '/tmp'])).rejects.toThrow(UsageError);
  });

  it('refuses the S3 flags without --s3', async () => {
    await expect(run(['--once', 'file.json'])).rejects.toThrow(/--once goes with --s3/);
    await expect(run(['--s3-endpoint', 'http://127.0.0.1:1', 'file.json'])).rejects.toThrow(/--s3-endpoint goes with --s3/);
  });

  it('names --s3 when the URL is not s3://bucket/prefix', async () => {
    await expect(run(['--s3', 'logs-bucket/AWSLogs/'])).rejects.toThrow(ConfigError);
    await expect(run(['--s3', 'logs-bucket/AWSLogs/'])).rejects.toThrow(/--s3 must look like s3:\/\/bucket\/prefix/);
  });

  it('mentions --s3 when no input is given at all', async () => {
    await expect(run([])).rejects.toThrow(/--s3 s3:\/\/bucket\/prefix/);
  });
});
