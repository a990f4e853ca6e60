import type { importsContract } from '../contract/imports.ts';
import type { Handlers } from './registry.ts';

export const importsHandlers = {} satisfies Handlers<typeof importsContract>;
