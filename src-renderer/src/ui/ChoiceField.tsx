import { Field } from './Field.tsx';

export interface Choice {
  readonly key: string;
  readonly label: string;
}

/**
 * A labelled select over one vocabulary list (from the domain through contract/vocab.ts, or a list
 * the core sent), with an empty choice first unless `empty` is false. A stored value the list does
 * not hold (an import keeps a file's own wording) stays offered as it is, so saving never drops it.
 */
export function ChoiceField(props: {
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange(value: string): void;
  labelOf?(key: string): string;
  empty?: string | false;
  required?: boolean;
  error?: string | undefined;
  hint?: string;
  /**
   * What a rule says of the choice made (it does not fit another field): it holds the form back and
   * is said beside the field on submit with every other field's fault (Field's onInvalid).
   */
  fault?: string | null | undefined;
}) {
  const { value, choices, empty = 'Not known' } = props;
  return (
    <Field
      label={props.label}
      error={props.error}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.fault !== undefined ? { fault: props.fault } : {})}
    >
      {(a) => (
        <select
          {...a}
          required={props.required}
          value={value}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {empty !== false && <option value="">{empty}</option>}
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
          {value && !choices.some((c) => c.key === value) && (
            <option value={value}>{props.labelOf?.(value) ?? value}</option>
          )}
        </select>
      )}
    </Field>
  );
}

/** A vocabulary's keys and their labels as choices, in the vocabulary's own order. */
export const choicesOf = <K extends string>(keys: readonly K[], labels: Record<K, string>): Choice[] =>
  keys.map((key) => ({ key, label: labels[key] }));
