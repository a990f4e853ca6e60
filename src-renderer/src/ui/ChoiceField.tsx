import { Field } from './Field.tsx';

export interface Choice {
  readonly key: string;
  readonly label: string;
}

/**
 * A labelled select over one vocabulary list (from the domain through contract/vocab.ts), with an
 * empty choice first. A stored value the list does not hold (an import keeps a file's own wording)
 * stays offered as it is, so saving the form never drops it.
 */
export function ChoiceField(props: {
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange(value: string): void;
  labelOf(key: string): string;
  empty?: string;
  error?: string | undefined;
}) {
  const { value, choices } = props;
  return (
    <Field label={props.label} error={props.error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">{props.empty ?? 'Not known'}</option>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
          {value && !choices.some((c) => c.key === value) && (
            <option value={value}>{props.labelOf(value)}</option>
          )}
        </select>
      )}
    </Field>
  );
}
