import { useEffect, useRef } from 'react';
import type { ActionError } from './use-action.ts';

/**
 * A refusal the core pins on a field the form shows (a date before the stage before, in the
 * future, left empty) takes focus to that field, as a fault the form finds itself does; focus
 * stayed on the button. In a form whose action its parent holds (ActionForm) it runs before
 * useAction's focus return, which then finds focus placed and leaves it; in one that holds its own
 * (the exit interview's), after it, moving focus on from the button. Returns the ref for the form.
 */
export function useFocusRefusedField(error: ActionError | null, shown: readonly string[]) {
  const form = useRef<HTMLFormElement>(null);
  const pinned = [error?.field, ...(error?.issues ?? []).map((i) => i.field)].some(
    (f) => f !== undefined && shown.includes(f),
  );
  useEffect(() => {
    if (pinned) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, pinned]);
  return form;
}
