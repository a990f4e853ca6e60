import { useState } from 'react';
import { useAction } from './use-action.ts';

/**
 * A settings form's save: one call through useAction, whose answer (a sentence saying what was
 * saved and what it changed) is kept to announce beside the button, a new object for each save (see
 * Announced). A new save clears the last one, so a refusal does not stand beside it.
 */
export function useSave() {
  const action = useAction();
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const save = (fn: () => Promise<string>) => {
    setMessage(null);
    void action.run(async () => setMessage({ text: await fn() }));
  };
  return { ...action, message, save };
}

export type Save = ReturnType<typeof useSave>;
