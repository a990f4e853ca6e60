import type { Input, MethodName, Output } from '../../../src-main/contract/index.ts';
import { call } from '../api.ts';

/**
 * A screen's first call, started at start-up instead of once the screen mounts: the shell
 * waits for the core's day before mounting a screen (so forms never default to the browser's
 * calendar), and a call that does not depend on that day need not wait too. `useApi` takes the
 * answer when a call is the same method with the same input, once; every other call goes to
 * the core as usual. An answer no screen took within a few seconds of arriving is dropped, so
 * a screen opened later never shows figures read at start-up.
 */
const early = new Map<string, Promise<unknown>>();
const KEEP_MS = 5000;

const keyOf = (method: string, inputKey: string) => `${method} ${inputKey}`;

/**
 * Asks now, or once `after` settles. A screen taking the answer before then waits for that
 * moment rather than asking at once: in browser mode (and Electron's app:// files) one Node
 * process serves the code and the calls, and a table being worked out holds up code still on
 * its way.
 */
export function prefetch<M extends MethodName>(
  method: M,
  input: Input<M>,
  after: Promise<unknown> = Promise.resolve(),
): Promise<Output<M>> {
  const key = keyOf(method, JSON.stringify(input));
  const answer = after.then(
    () => call(method, input),
    () => call(method, input),
  );
  early.set(key, answer);
  const drop = () => setTimeout(() => early.get(key) === answer && early.delete(key), KEEP_MS);
  // The screen that takes the answer shows its error; one that never does has nothing to report.
  answer.then(drop, drop);
  return answer;
}

/** The early answer for this call, if one is waiting (taken once). */
export function takePrefetched<M extends MethodName>(method: M, inputKey: string): Promise<Output<M>> | null {
  const key = keyOf(method, inputKey);
  const answer = early.get(key) as Promise<Output<M>> | undefined;
  early.delete(key);
  return answer ?? null;
}
