import { useEffect, useState } from 'react';
import { formatUkDate, MONTH_NAMES, parseUkDate } from '../../../src-main/contract/vocab.ts';
import { CheckedTextField } from './CheckedTextField.tsx';

const FORMAT_HINT = 'Day/month/year, e.g. 31/03/2026.';

/** Day, month and year as typed, where the text has a date's shape (dd/mm/yyyy, d-m-yyyy…). */
const DATE_SHAPE = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;

/**
 * What is wrong with the text typed, as a sentence that names the field and says what to do; empty
 * when nothing is. A date typed day first but not in the calendar (31/11/2026) is told which day
 * the month lacks, not to type it as dd/mm/yyyy, which it was; one that reads only month first
 * (02/13/2026) is shown the other way round.
 */
export function dateProblem(label: string, text: string, required: boolean): string {
  if (text.trim() === '') return required ? `${label}: give a date as dd/mm/yyyy.` : '';
  if (parseUkDate(text)) return '';
  const t = text.trim();
  const m = DATE_SHAPE.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo > 12 && d >= 1 && d <= 12)
      return `${label}: "${t}" reads only month first. Type the day first: ${String(mo).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}.`;
    if (mo >= 1 && mo <= 12 && d > 28) {
      const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      if (d > days)
        return `${label}: "${t}" is not a real date: ${MONTH_NAMES[mo - 1]} ${y} has ${days} days. Check the day.`;
    }
  }
  return `${label}: "${t}" is not a date. Type it as dd/mm/yyyy, e.g. 31/03/2026.`;
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
  /**
   * What a rule of the journey says of the date (in the future, before a milestone), from the same
   * domain rule the core refuses it by: it holds the form back and is said beside the field on
   * submit with every other field's fault, rather than only once the core is asked.
   */
  fault?: string | null | undefined;
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
      fault={props.fault ?? undefined}
    />
  );
}
