import type { MethodSpec } from './define.ts';

export const importsContract = {} as const satisfies Record<string, MethodSpec>;
