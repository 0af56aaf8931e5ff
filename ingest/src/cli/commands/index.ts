import type { Command, CommandContext } from '../command';

/**
 * A command whose module loads on first use of anything but its name. Dispatch looks only at
 * names, so a run loads its own command and nothing else: loading all ten (the Grafana model,
 * the dashboards, the alert rules, YAML) cost about 0.2 s of every start-up. `help` and a
 * `--config` file, which need every command's summary or flags, still load them all.
 */
function lazyCommand(name: string, load: () => Command): Command {
  let loaded: Command | undefined;
  const command = (): Command => {
    if (loaded === undefined) {
      loaded = load();
      if (loaded.name !== name) throw new Error(`command table: '${name}' loads a command named '${loaded.name}'`);
    }
    return loaded;
  };
  return {
    name,
    get flags() {
      return command().flags;
    },
    get subcommands() {
      return command().subcommands;
    },
    get summary() {
      return command().summary;
    },
    get usage() {
      return command().usage;
    },
    run: (context: CommandContext) => command().run(context),
  };
}

// Plain requires (this package builds to CommonJS) keep loading synchronous, as dispatch is.
/** Every `gdlens <command>`. Each command lives in its own module beside this one. */
export const COMMANDS: readonly Command[] = [
  lazyCommand('parse', () => (require('./parse') as typeof import('./parse')).parseCommand),
  lazyCommand('generate', () => (require('./generate') as typeof import('./generate')).generateCommand),
  lazyCommand('setup', () => (require('./setup') as typeof import('./setup')).setupCommand),
  lazyCommand('ingest', () => (require('./ingest') as typeof import('./ingest')).ingestCommand),
  lazyCommand('prune', () => (require('./prune') as typeof import('./prune')).pruneCommand),
  lazyCommand('grafana', () => (require('./grafana-import') as typeof import('./grafana-import')).grafanaCommand),
  lazyCommand('backtest', () => (require('./backtest') as typeof import('./backtest')).backtestCommand),
  lazyCommand('check-dashboards', () => (require('./check-dashboards') as typeof import('./check-dashboards')).checkDashboardsCommand),
  lazyCommand('demo', () => (require('./demo') as typeof import('./demo')).demoCommand),
  lazyCommand('tag', () => (require('./tag') as typeof import('./tag')).tagCommand),
];
