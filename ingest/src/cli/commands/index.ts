import type { Command } from '../command';

/** Every `gdlens <command>`. Each command lives in its own module beside this one. */
export const COMMANDS: readonly Command[] = [];
