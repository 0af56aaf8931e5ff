import type { Command } from '../command';
import { generateCommand } from './generate';
import { parseCommand } from './parse';

/** Every `gdlens <command>`. Each command lives in its own module beside this one. */
export const COMMANDS: readonly Command[] = [parseCommand, generateCommand];
