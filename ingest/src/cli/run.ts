import { Writable } from 'node:stream';
import type { Command, CommandContext } from './command';
import { COMMANDS } from './commands';
import { applyConfig, readableByOthers, readConfigFile, takeConfigFlag, validateConfig } from './config-file';
import { IngestError, UsageError } from '../errors';
import { redactSecrets, secretsOf } from '../opensearch/redact';

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['usage: gdlens <command> [options]', '', 'commands:', ...lines, '', 'gdlens <command> --help shows its options.', 'Every command also takes --config FILE (or GDLENS_CONFIG): flags from a YAML or JSON file; see docs/config.md.', ''].join('\n');
}

/**
 * The command's stderr (its log) with every secret replaced, written through at once so nothing
 * is held back when the command returns. `secrets` is read at each write, so values learnt later
 * (the config file's) count too. stdout carries data and is left as is.
 */
function redactingStream(stream: NodeJS.WritableStream, secrets: readonly string[]): NodeJS.WritableStream {
  const redacting = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stream.write(redactSecrets(chunk.toString(), secrets));
      callback();
    },
  });
  // Commands draw progress differently on a terminal; keep telling them the truth.
  return Object.assign(redacting, { isTTY: (stream as { isTTY?: boolean }).isTTY === true });
}

/**
 * Dispatches `argv[0]` to its command. Exit status: what the command returns, 1 for usage,
 * configuration and I/O errors.
 */
export async function runCli(context: CommandContext, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = context.argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    context.stdout.write(helpText(commands));
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.stderr.write(`gdlens: unknown command '${name}'\n\n${helpText(commands)}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const secrets = secretsOf(context.env, rest);
  // Messages may quote a URL or a server's echo of a request: no credential leaves through them.
  const report = (text: string): void => void context.stderr.write(redactSecrets(text, secrets));
  try {
    const { argv, file } = takeConfigFlag(rest);
    const configPath = file ?? (context.env.GDLENS_CONFIG || undefined);
    if (configPath === undefined) return await command.run({ ...context, argv, stderr: redactingStream(context.stderr, secrets) });
    const config = readConfigFile(configPath, file === undefined ? 'GDLENS_CONFIG' : '--config');
    validateConfig(config, commands);
    const applied = applyConfig(config, command, argv, context.env);
    secrets.push(...applied.secrets);
    if (applied.secrets.length > 0 && readableByOthers(configPath)) report(`gdlens ${name}: warning: ${configPath} holds a password and other users can read it (chmod 600 ${configPath})\n`);
    return await command.run({ ...context, argv: applied.argv, env: applied.env, stderr: redactingStream(context.stderr, secrets) });
  } catch (error) {
    if (error instanceof UsageError) {
      report(`gdlens ${name}: ${error.message}\n${command.usage}\n`);
    } else if (error instanceof IngestError) {
      report(`gdlens ${name}: ${error.message}\n`);
    } else {
      report(`gdlens ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}
