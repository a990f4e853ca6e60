import { useId, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

/**
 * What a required field left empty says, in the app's words (the browser's own bubble is in the
 * browser's language, goes when the mouse moves, and a screen reader may not read it).
 */
export const missingMessage = (label: string, control: Element): string =>
  `${label}: ${control.tagName === 'SELECT' ? 'choose one' : 'fill this in'}.`;

/**
 * Whether this control is the form's first refused one (the one to take focus). Controls only: a
 * fieldset holding a refused control matches :invalid too, and comes before it.
 */
export const firstInvalid = (control: Element): boolean =>
  (control as HTMLInputElement).form?.querySelector('input:invalid, select:invalid, textarea:invalid') ===
  control;

/**
 * A labelled control with its hint and the core's error message next to it. A required control
 * left empty is refused beside itself, not by the browser's bubble: the control is given an
 * onInvalid that says so (CheckedTextField gives its own, saying more) and an onInput
 * that clears it; the first such control takes focus.
 */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  /**
   * What a rule says of the value typed (Add household's email, by the rule the core refuses it by):
   * it holds the form back and is said beside the field on submit with every other field's fault,
   * not one Save at a time. Given (null for none), the control takes `ref`.
   */
  fault?: string | null | undefined;
  children: (a: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    onInvalid(e: FormEvent<HTMLElement>): void;
    onInput(): void;
    ref?(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null): void;
  }) => ReactNode;
}) {
  const id = useId();
  const [missing, setMissing] = useState<string | null>(null);
  const checked = useRef<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null>(null);
  const [faultShown, setFaultShown] = useState(false);
  // The browser's own check holds the form back while the fault stands; said once a submit is tried.
  useLayoutEffect(() => {
    checked.current?.setCustomValidity(props.fault ?? '');
  }, [props.fault]);
  const fault = faultShown && props.fault ? props.fault : undefined;
  const error = fault ?? props.error ?? missing ?? undefined;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="hh-field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
        ...(props.fault !== undefined ? { ref: (c) => void (checked.current = c) } : {}),
        onInvalid: (e) => {
          e.preventDefault();
          const control = e.currentTarget as HTMLInputElement;
          // A rule's fault set on the control is said in the rule's words, not as a missing value.
          if (!control.validity.customError) setMissing(missingMessage(props.label, control));
          else if (props.fault) setFaultShown(true);
          if (firstInvalid(control)) control.focus();
        },
        onInput: () => {
          setMissing(null);
          setFaultShown(false);
        },
      })}
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A form-level error: one that names no field shown with its own message. `id` lets a control it
 * names without a Field of its own (a box of a grid) be described by it (aria-describedby).
 */
export function FormError({
  error,
  shown,
  id,
}: {
  error: { message: string; field?: string } | null;
  shown: string[];
  id?: string;
}) {
  if (!error || (error.field && shown.includes(error.field))) return null;
  return (
    <p role="alert" className="error" id={id}>
      {error.message}
    </p>
  );
}
