import { useState } from 'react';
import { useAction } from './use-action.ts';

/**
 * A settings form's save: one call through useAction, whose answer (a sentence saying what was
 * saved and what it changed) is kept to announce beside the button. A new save clears the last one.
 */
export function useSave() {
  const action = useAction();
  const [message, setMessage] = useState('');
  const save = (fn: () => Promise<string>) => {
    setMessage('');
    void action.run(async () => setMessage(await fn()));
  };
  return { ...action, message, save };
}

export type Save = ReturnType<typeof useSave>;
