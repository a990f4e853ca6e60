import { useEffect, type RefObject } from 'react';

/**
 * An action can replace the control it was started from (a form that closes, a button that becomes a
 * sentence): keyboard focus then falls to the page's body, and the next Tab starts again from the top.
 * Each time `shown` changes to a new outcome and focus was lost, it goes to `line` (give it
 * tabIndex={-1}), the sentence saying what happened: read out, and Tab continues from there.
 */
export function useFocusIfLost(line: RefObject<HTMLElement | null>, shown: unknown): void {
  useEffect(() => {
    const active = document.activeElement;
    if (shown && (!active || active === document.body)) line.current?.focus();
  }, [line, shown]);
}
