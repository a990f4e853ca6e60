import { useLayoutEffect, useRef, useState } from 'react';
import { Field } from './Field.tsx';

/**
 * What is wrong with the whole number typed, as a sentence that names the field; empty when
 * nothing is. The range is said in every message, so the person knows what will do.
 */
export function numberProblem(
  label: string,
  text: string,
  min: number,
  max: number,
  required: boolean,
): string {
  const t = text.trim();
  const want = `a whole number from ${min} to ${max}`;
  if (t === '') return required ? `${label}: give ${want}.` : '';
  if (!/^\d+$/.test(t)) return `${label}: "${t}" is not a whole number. Give ${want}.`;
  const n = Number(t);
  if (n < min || n > max) return `${label}: ${t} is too ${n < min ? 'small' : 'large'}. Give ${want}.`;
  return '';
}

/**
 * A whole number typed as text. A native number input is checked by the browser, which refuses
 * it in a bubble of its own, in the browser's language, that a screen reader may not read and
 * that goes when the mouse moves; this field says what is wrong beside itself instead (as a date
 * field does), once the person leaves it or tries to submit, and the browser will not submit the
 * form meanwhile. The value in and out is the text typed.
 */
export function NumberField(props: {
  label: string;
  value: string;
  onChange(text: string): void;
  min: number;
  max: number;
  required?: boolean;
  hint?: string;
  /** The core's message for this field (shown unless the text itself is the problem). */
  error?: string | undefined;
}) {
  const { label, value, min, max, required = false } = props;
  const [showProblem, setShowProblem] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const problem = numberProblem(label, value, min, max, required);

  useLayoutEffect(() => {
    input.current?.setCustomValidity(problem);
  }, [problem]);

  return (
    <Field
      label={label}
      {...(props.hint ? { hint: props.hint } : {})}
      error={showProblem && problem ? problem : props.error}
    >
      {(a) => (
        <input
          {...a}
          ref={input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={6}
          required={required}
          value={value}
          onChange={(e) => {
            props.onChange(e.target.value);
            // The message goes as soon as the number will do, not before the person leaves the field.
            if (numberProblem(label, e.target.value, min, max, required) === '') setShowProblem(false);
          }}
          onBlur={() => setShowProblem(value.trim() !== '')}
          onInvalid={(e) => {
            // Said beside the field rather than in the browser's bubble; the first wrong field takes focus.
            e.preventDefault();
            setShowProblem(true);
            if (e.currentTarget.form?.querySelector(':invalid') === e.currentTarget) e.currentTarget.focus();
          }}
        />
      )}
    </Field>
  );
}
