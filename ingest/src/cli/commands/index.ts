import type { Command } from '../command';
import { backtestCommand } from './backtest';
import { checkDashboardsCommand } from './check-dashboards';
import { demoCommand } from './demo';
import { generateCommand } from './generate';
import { grafanaCommand } from './grafana-import';
import { ingestCommand } from './ingest';
import { parseCommand } from './parse';
import { pruneCommand } from './prune';
import { setupCommand } from './setup';
import { tagCommand } from './tag';

/** Every `gdlens <command>`. Each command lives in its own module beside this one. */
export const COMMANDS: readonly Command[] = [
  parseCommand,
  generateCommand,
  setupCommand,
  ingestCommand,
  pruneCommand,
  grafanaCommand,
  backtestCommand,
  checkDashboardsCommand,
  demoCommand,
  tagCommand,
];
