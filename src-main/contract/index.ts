import type { InputOf, MethodSpec, OutputOf } from './define.ts';
import { dataContract } from './data.ts';
import { carersContract } from './carers.ts';
import { householdsContract } from './households.ts';
import { reasonsContract } from './reasons.ts';
import { alertsContract } from './alerts.ts';
import { importsContract } from './imports.ts';
import { planningContract } from './planning.ts';
import { journeyContract } from './journey.ts';
import { reportsContract } from './reports.ts';
import { systemContract } from './system.ts';

/**
 * Every method the UI (or the CLI, or the HTTP bridge) may call: the only door between
 * the renderer and the core. Each group lives in its own file; names are `group.verbNoun`.
 */
export const contract = {
  ...systemContract,
  ...householdsContract,
  ...journeyContract,
  ...reasonsContract,
  ...alertsContract,
  ...importsContract,
  ...reportsContract,
  ...planningContract,
  ...dataContract,
  ...carersContract,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = InputOf<Contract[M]>;
export type Output<M extends MethodName> = OutputOf<Contract[M]>;

/** The typed client every transport offers the renderer. */
export type Api = { [M in MethodName]: (input: Input<M>) => Promise<Output<M>> };
