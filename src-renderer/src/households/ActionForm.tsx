import type { FormEvent, ReactNode } from 'react';
import { FormError } from '../ui/Field.tsx';
import type { ActionError } from '../ui/use-action.ts';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { useFocusRefusedField } from '../ui/use-focus-refused-field.ts';

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
  const form = useFocusRefusedField(props.action.error, props.shown);
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
