import type { Command, CommandContext } from './command';
import { COMMANDS } from './commands';
import { IngestError, UsageError } from '../errors';

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['usage: gdlens <command> [options]', '', 'commands:', ...lines, '', 'gdlens <command> --help shows its options.', ''].join('\n');
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
  try {
    return await command.run({ ...context, argv: rest });
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`gdlens ${name}: ${error.message}\n${command.usage}\n`);
    } else if (error instanceof IngestError) {
      context.stderr.write(`gdlens ${name}: ${error.message}\n`);
    } else {
      context.stderr.write(`gdlens ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}
