import type { MethodSpec } from './define.ts';

export const householdsContract = {} as const satisfies Record<string, MethodSpec>;
