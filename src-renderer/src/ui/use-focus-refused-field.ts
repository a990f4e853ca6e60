import { useLayoutEffect, useRef } from 'react';
import type { ActionError } from './use-action.ts';

/**
 * A refusal the core pins on a field the form shows (a date before the stage before, in the
 * future, left empty) takes focus to that field, as a fault the form finds itself does; focus
 * stayed on the button. A layout effect, so it runs before every passive effect of the same render:
 * useAction's focus return then finds focus placed and leaves it, whether the form's parent holds
 * the action (ActionForm) or the form holds its own (the exit interview's), and focus never passes
 * through the button on its way (a screen reader would announce it). Returns the ref for the form.
 */
export function useFocusRefusedField(error: ActionError | null, shown: readonly string[]) {
  const form = useRef<HTMLFormElement>(null);
  const pinned = [error?.field, ...(error?.issues ?? []).map((i) => i.field)].some(
    (f) => f !== undefined && shown.includes(f),
  );
  useLayoutEffect(() => {
    if (pinned) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, pinned]);
  return form;
}
