import type { z } from 'zod';

/** One API method: its runtime input schema and (as a phantom type) its output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Never read at runtime: carries the output type to the typed client. */
  output?: O;
}

/** `method<Output>()(inputSchema)`: the output type is given, the input type inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
