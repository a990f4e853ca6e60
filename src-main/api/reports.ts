import type { reportsContract } from '../contract/reports.ts';
import type { Handlers } from './registry.ts';

export const reportsHandlers = {} satisfies Handlers<typeof reportsContract>;
