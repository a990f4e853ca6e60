import type { MethodSpec } from './define.ts';

export const reportsContract = {} as const satisfies Record<string, MethodSpec>;
