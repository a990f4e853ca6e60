import type { Command } from './command.ts';

export const reportsCommands: Command[] = [];
