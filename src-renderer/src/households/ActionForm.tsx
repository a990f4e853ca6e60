import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { FormError } from '../ui/Field.tsx';
import type { ActionError } from '../ui/use-action.ts';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

/**
 * One action on a household record: a small form under its own heading, the core's refusal when
 * no field shown takes it, and the button that runs the action (fields and button off while it runs). `label` names
 * the form for assistive technology where the heading is terse ("Close (drop out)").
 */
export function ActionForm(props: {
  title: string;
  label?: string;
  action: { busy: boolean; error: ActionError | null };
  shown: string[];
  submit: string;
  onSubmit(): void;
  /** Beside the submit button: a second action on the same fields (remove, say). */
  alongside?: ReactNode;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  // A refusal the core pins on a field shown here (a date before the stage before, in the future)
  // takes focus to that field, as a fault the form finds itself does; focus stayed on the button.
  // This effect runs before useAction's focus return, which then finds focus placed and leaves it.
  const form = useRef<HTMLFormElement>(null);
  const error = props.action.error;
  const pinned = [error?.field, ...(error?.issues ?? []).map((i) => i.field)].some(
    (f) => f !== undefined && props.shown.includes(f),
  );
  useEffect(() => {
    if (pinned) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, pinned]);
  return (
    <form ref={form} onSubmit={submit} className="hh-action" aria-label={props.label ?? props.title}>
      <h3>{props.title}</h3>
      {/* Its fields take no typing while the action runs: the form starts afresh once the core
          answers, and a date typed meanwhile was wiped, the next Enter saving today's instead. */}
      <FieldsLockedWhileSaving saving={props.action.busy}>{props.children}</FieldsLockedWhileSaving>
      <FormError error={props.action.error} shown={props.shown} />
      <button type="submit" disabled={props.action.busy}>
        {props.submit}
      </button>
      {props.alongside && <> {props.alongside}</>}
    </form>
  );
}
