import { CheckedTextField } from './CheckedTextField.tsx';

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

/** A whole number typed as text, checked beside itself (CheckedTextField). The value in and out is the text typed. */
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
  return (
    <CheckedTextField
      label={label}
      text={value}
      problem={numberProblem(label, value, min, max, required)}
      onText={props.onChange}
      fine={(next) => numberProblem(label, next, min, max, required) === ''}
      size={6}
      required={required}
      hint={props.hint}
      error={props.error}
    />
  );
}
