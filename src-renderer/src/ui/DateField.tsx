import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatUkDate, parseUkDate } from '../../../src-main/contract/vocab.ts';
import { Field } from './Field.tsx';

const FORMAT_HINT = 'Day/month/year, e.g. 31/03/2026.';

/** What is wrong with the text typed, as a sentence that names the field; empty when nothing is. */
export function dateProblem(label: string, text: string, required: boolean): string {
  if (text.trim() === '') return required ? `${label}: give a date as dd/mm/yyyy.` : '';
  if (parseUkDate(text)) return '';
  return `${label}: "${text.trim()}" is not a date. Type it as dd/mm/yyyy, e.g. 31/03/2026.`;
}

/**
 * A date typed and shown as dd/mm/yyyy whatever the browser's locale (a native date input follows
 * the browser, so a US-locale browser shows mm/dd/yyyy). The value in and out is ISO, or '' for none;
 * while the text is not a date the value stays as it was and the browser will not submit the form:
 * the field says why, next to itself, once the person leaves it or tries to submit.
 */
export function DateField(props: {
  label: string;
  value: string;
  onChange(iso: string): void;
  required?: boolean;
  hint?: string;
  /** The core's message for this field (shown unless the text itself is the problem). */
  error?: string | undefined;
}) {
  const { label, value, required = false } = props;
  const [text, setText] = useState(formatUkDate(value));
  const [showProblem, setShowProblem] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const problem = dateProblem(label, text, required);

  // A new value from outside (a reset after saving, another record chosen) replaces the text;
  // the value this field sent itself does not, so the text stays as typed.
  useEffect(() => {
    setText((t) => ((parseUkDate(t) ?? '') === value ? t : formatUkDate(value)));
  }, [value]);

  // The browser's own check holds the form back while the text is not a date (before any submit).
  useLayoutEffect(() => {
    input.current?.setCustomValidity(problem);
  }, [problem]);

  const type = (next: string) => {
    setText(next);
    if (dateProblem(label, next, false) === '') {
      setShowProblem(false);
      const iso = parseUkDate(next) ?? '';
      if (iso !== value) props.onChange(iso);
    }
  };

  return (
    <Field
      label={label}
      hint={props.hint ? `${props.hint} ${FORMAT_HINT}` : FORMAT_HINT}
      error={showProblem && problem ? problem : props.error}
    >
      {(a) => (
        <input
          {...a}
          ref={input}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={12}
          required={required}
          value={text}
          onChange={(e) => type(e.target.value)}
          onBlur={() => setShowProblem(text.trim() !== '')}
          onInvalid={(e) => {
            // Say it beside the field rather than in the browser's bubble; the first wrong field takes focus.
            e.preventDefault();
            setShowProblem(true);
            if (e.currentTarget.form?.querySelector(':invalid') === e.currentTarget) e.currentTarget.focus();
          }}
        />
      )}
    </Field>
  );
}
