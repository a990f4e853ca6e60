import { useEffect, useState } from 'react';
import { formatUkDate, parseUkDate } from '../../../src-main/contract/vocab.ts';
import { CheckedTextField } from './CheckedTextField.tsx';

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
 * while the text is not a date the value stays as it was and the field says why beside itself
 * (CheckedTextField).
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
  const problem = dateProblem(label, text, required);

  // A new value from outside (a reset after saving, another record chosen) replaces the text;
  // the value this field sent itself does not, so the text stays as typed.
  useEffect(() => {
    setText((t) => ((parseUkDate(t) ?? '') === value ? t : formatUkDate(value)));
  }, [value]);

  const fine = (next: string) => dateProblem(label, next, false) === '';
  const type = (next: string) => {
    setText(next);
    if (!fine(next)) return;
    const iso = parseUkDate(next) ?? '';
    if (iso !== value) props.onChange(iso);
  };

  return (
    <CheckedTextField
      label={label}
      text={text}
      problem={problem}
      onText={type}
      fine={fine}
      size={12}
      required={required}
      hint={props.hint ? `${props.hint} ${FORMAT_HINT}` : FORMAT_HINT}
      error={props.error}
    />
  );
}
