import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, MethodName, Output } from '../../../src-main/contract/index.ts';
import { call, CallError } from '../api.ts';
import { takePrefetched } from './prefetch.ts';

export interface ApiData<T, I = unknown> {
  data: T | null;
  /** The core's message when the last call failed (the last good data is kept). */
  error: string | null;
  /**
   * That failure as news for Announced: a new object for each failed call, so the same words failing
   * again are said again (LoadState's alert), where `error`, the same string, changed nothing.
   */
  failure: { text: string } | null;
  /** The input field the core named in that refusal, if any (a form marks its box invalid). */
  errorField: string | null;
  loading: boolean;
  /** The input `data` answers (while a newer call loads, or after it failed, an earlier one). */
  answered: I | null;
  /** Calls again (after a change elsewhere), keeping the data on screen meanwhile. */
  refresh(): void;
  /** Shows what a change's own answer says instead of calling again (an answer still to come is dropped). */
  replace(value: T): void;
}

/**
 * The core puts the field's key before a refusal's words for the CLI and logs ("from: …"); a screen
 * shows the words alone, as a form does beside its field (useAction's errorFor).
 */
const shown = (e: Error) =>
  e instanceof CallError && e.field && e.message.startsWith(`${e.field}: `)
    ? e.message.slice(e.field.length + 2)
    : e.message;

/**
 * The one way a screen reads from the core: calls `method` with `input` whenever the input
 * changes (compared by value), with loading and error states and a refresh. A reply that
 * arrives after a newer call was made is dropped, so fast changes never show stale data.
 */
export function useApi<M extends MethodName>(method: M, input: Input<M>): ApiData<Output<M>, Input<M>> {
  const [data, setData] = useState<Output<M> | null>(null);
  const [answered, setAnswered] = useState<Input<M> | null>(null);
  const [failure, setFailure] = useState<{ text: string; field: string | null } | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(input);
  // For `replace`, which answers whatever the input is when it is called.
  const currentKey = useRef(key);
  currentKey.current = key;

  useEffect(() => {
    const mine = ++latest.current;
    setLoading(true);
    (takePrefetched(method, key) ?? call(method, JSON.parse(key) as Input<M>))
      .then((value) => {
        if (mine !== latest.current) return;
        setData(value);
        setAnswered(JSON.parse(key) as Input<M>);
        setFailure(null);
      })
      .catch((e: Error) => {
        if (mine !== latest.current) return;
        setFailure({ text: shown(e), field: e instanceof CallError ? (e.field ?? null) : null });
      })
      .finally(() => mine === latest.current && setLoading(false));
  }, [method, key, tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const replace = useCallback((value: Output<M>) => {
    latest.current++;
    setData(value);
    setAnswered(JSON.parse(currentKey.current) as Input<M>);
    setFailure(null);
    setLoading(false);
  }, []);
  const error = failure?.text ?? null;
  return { data, error, failure, errorField: failure?.field ?? null, loading, answered, refresh, replace };
}
