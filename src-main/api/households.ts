import type { householdsContract } from '../contract/households.ts';
import type { Handlers } from './registry.ts';

export const householdsHandlers = {} satisfies Handlers<typeof householdsContract>;
