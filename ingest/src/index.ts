export { runCli } from './cli/run';
export type { Command, CommandContext } from './cli/command';
export { IngestError, UsageError, ConfigError } from './errors';
