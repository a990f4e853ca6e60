import type { Command } from './command.ts';

export const dataCommands: Command[] = [];
