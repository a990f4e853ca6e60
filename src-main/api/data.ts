import type { dataContract } from '../contract/data.ts';
import type { Handlers } from './registry.ts';

export const dataHandlers = {} satisfies Handlers<typeof dataContract>;
