import type { Command } from './command.ts';

export const importsCommands: Command[] = [];
