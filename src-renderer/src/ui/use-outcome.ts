import { useCallback, useState } from 'react';
import { useFocusReturn } from './use-focus-if-lost.ts';

export interface Outcome {
  text: string;
  error: boolean;
}

/**
 * An action whose outcome, done or refused, is one sentence in one status line (screens where the
 * actions are buttons over a list, not fields: backups, purges). One action at a time: busy meanwhile.
 */
export function useOutcome() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fail = useCallback((e: unknown) => setOutcome({ text: (e as Error).message, error: true }), []);
  const returnFocus = useFocusReturn(busy);
  const run = async (action: () => Promise<string>) => {
    returnFocus();
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ text: await action(), error: false });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run, fail };
}
