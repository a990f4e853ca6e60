import { useEffect, useRef, type RefObject } from 'react';

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

/**
 * A button is disabled while its action runs, and a disabled button loses keyboard focus to the page's
 * body (Chromium does so at once). Call the function returned as the action starts: when it ends, focus
 * goes back to the control that had it, if that is still on the page and focus has gone nowhere else
 * (a refused action leaves the person where they were; a form replaced by its outcome is for
 * useFocusIfLost). A refusal the core pinned on a field (`refused`) takes focus on to the field its
 * form marks invalid, as a fault the form finds itself does (every form, not only those that ask:
 * helper-241 and helper-242 found Details, journey dates and Settings leaving it on the button).
 */
export function useFocusReturn(busy: boolean, refused = false): () => void {
  const from = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (busy) return;
    const el = from.current;
    from.current = null;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    const field =
      refused && (lost || active === el)
        ? el?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]')
        : null;
    if (field) field.focus();
    else if (el?.isConnected && lost) el.focus();
  }, [busy, refused]);
  return () => {
    const active = document.activeElement;
    from.current = active instanceof HTMLElement && active !== document.body ? active : null;
  };
}
