import { useLayoutEffect, useRef, useState } from 'react';
import { Field, firstInvalid } from './Field.tsx';

/**
 * A text input the renderer checks itself (DateField, NumberField). A native date or number input
 * is checked by the browser, which refuses it in a bubble of its own, in the browser's language,
 * that a screen reader may not read and that goes when the mouse moves. Here `problem` (a sentence
 * naming the field; '' for none) is said beside the field once the person leaves it or tries to
 * submit, the first wrong field takes focus, and the browser will not submit the form meanwhile.
 */
export function CheckedTextField(props: {
  label: string;
  text: string;
  problem: string;
  onText(next: string): void;
  /** Whether the text typed will do: the message goes as soon as it does, not when the field is left. */
  fine(next: string): boolean;
  size: number;
  required: boolean;
  hint?: string | undefined;
  /** The core's message for this field (shown unless the text itself is the problem). */
  error?: string | undefined;
  /**
   * What a rule says of a well-formed value (DateField's fault): it holds the form back like
   * `problem`, but is said only once a submit is tried, with every other field's fault, never on
   * leaving the field (its words would move the submit button from under the pointer mid-click).
   */
  fault?: string | undefined;
}) {
  const { label, text, problem } = props;
  const fault = problem ? '' : (props.fault ?? '');
  const [showProblem, setShowProblem] = useState(false);
  const [showFault, setShowFault] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // The browser's own check holds the form back while the text will not do (before any submit).
  useLayoutEffect(() => {
    input.current?.setCustomValidity(problem || fault);
  }, [problem, fault]);

  return (
    <Field
      label={label}
      {...(props.hint ? { hint: props.hint } : {})}
      error={showProblem && problem ? problem : showFault && fault ? fault : props.error}
    >
      {(a) => (
        <input
          {...a}
          ref={input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={props.size}
          required={props.required}
          value={text}
          onChange={(e) => {
            props.onText(e.target.value);
            if (props.fine(e.target.value)) {
              setShowProblem(false);
              setShowFault(false);
            }
          }}
          onBlur={(e) => {
            // Left for a button of its own form (pressed with the mouse): its words now would move
            // that button from under the pointer between press and release, and the click would be
            // lost. A submit says them anyway (onInvalid), and a cancel has no need of them.
            const to = e.relatedTarget;
            if (to instanceof HTMLButtonElement && to.form && to.form === e.currentTarget.form) return;
            setShowProblem(text.trim() !== '');
          }}
          onInvalid={(e) => {
            // Said beside the field rather than in the browser's bubble; the first wrong field takes focus.
            e.preventDefault();
            setShowProblem(true);
            setShowFault(true);
            if (firstInvalid(e.currentTarget)) e.currentTarget.focus();
          }}
        />
      )}
    </Field>
  );
}
