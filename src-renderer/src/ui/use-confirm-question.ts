import { useEffect, useRef, useState } from 'react';

/**
 * A button that asks before it acts (Erase…, Restore…) gives way to its question, and the question's
 * Cancel gives way back to the button: focus follows each, or it fell to the page's body. The question
 * opens on Cancel, so Enter pressed twice does nothing. `K` names which button asked where a list has
 * several (Restore… on each backup); a page with one uses `true`.
 */
export function useConfirmQuestion<K = true>() {
  const [asking, setAsking] = useState<K | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const askButtons = useRef(new Map<K, HTMLButtonElement>());
  const cancelled = useRef<K | null>(null);
  useEffect(() => {
    if (asking !== null) cancelButton.current?.focus();
    else if (cancelled.current !== null) askButtons.current.get(cancelled.current)?.focus();
    cancelled.current = null;
  }, [asking]);
  return {
    asking,
    ask: (key: K) => setAsking(key),
    cancel: () => {
      cancelled.current = asking;
      setAsking(null);
    },
    /** The question answered: it closes, and focus goes where the action's outcome puts it. */
    answered: () => setAsking(null),
    cancelButton,
    /** The ref for the button that asks, to which Cancel gives focus back. */
    askButton: (key: K) => (el: HTMLButtonElement | null) => {
      if (el) askButtons.current.set(key, el);
      else askButtons.current.delete(key);
    },
  };
}
