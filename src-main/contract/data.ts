import type { MethodSpec } from './define.ts';

export const dataContract = {} as const satisfies Record<string, MethodSpec>;
