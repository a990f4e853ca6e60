import type { z } from 'zod';

/** One API method: its runtime input schema and (as a phantom type) its output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  /** Built on first read: a command builds the schemas of the methods it calls, not all of a group's. */
  readonly input: I;
  /** Never read at runtime: carries the output type to the typed client. */
  output?: O;
}

/**
 * `method<Output>()(() => inputSchema)`: the output type is given, the input type inferred. The
 * schema is made when first read: building zod schemas is most of loading a method group.
 */
export const method =
  <O>() =>
  <I extends z.ZodType>(build: () => I): MethodSpec<I, O> => {
    let input: I | undefined;
    return {
      get input() {
        return (input ??= build());
      },
    };
  };

export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
