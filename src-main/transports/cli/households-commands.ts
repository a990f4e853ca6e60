import type { Command } from './command.ts';

export const householdsCommands: Command[] = [];
