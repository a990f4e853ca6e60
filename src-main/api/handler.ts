import type { Contract, MethodName, Output } from '../contract/index.ts';
import type { ParsedInputOf } from '../contract/define.ts';
import type { AppContext } from './context.ts';

/** The shape of a handler (apart from the registry, which imports every group: no cycle back to it). */
export type Handler<M extends MethodName> = (
  ctx: AppContext,
  input: ParsedInputOf<Contract[M]>,
) => Output<M> | Promise<Output<M>>;

/** A group's handlers, checked with `satisfies` against its slice of the contract. */
export type Handlers<G> = {
  [M in keyof G & MethodName]: Handler<M>;
};
