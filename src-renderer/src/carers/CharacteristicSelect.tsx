import type { Category, Characteristic } from '../../../src-main/contract/carers.ts';
import {
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  NOT_RECORDED_LABEL,
} from '../../../src-main/contract/vocab.ts';
import { Field } from '../ui/Field.tsx';

/** Categories under their headings (ethnicity's five ONS headings), or one flat list. */
function grouped(values: readonly Category[]): Array<{ heading: string | null; values: Category[] }> {
  const out: Array<{ heading: string | null; values: Category[] }> = [];
  for (const v of values) {
    const heading = v.group ?? null;
    const last = out[out.length - 1];
    if (last && last.heading === heading) last.values.push(v);
    else out.push({ heading, values: [v] });
  }
  return out;
}

/** One characteristic as the core accepts it: a listed category, or not recorded (empty). */
export function CharacteristicSelect({
  characteristic,
  value,
  error,
  onChange,
}: {
  characteristic: Characteristic;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}) {
  const options = (values: Category[]) =>
    values.map((v) => (
      <option key={v.key} value={v.key}>
        {v.label}
      </option>
    ));
  return (
    <Field label={CHARACTERISTIC_LABELS[characteristic]} error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{NOT_RECORDED_LABEL}</option>
          {grouped(CHARACTERISTIC_VALUES[characteristic]).map((g) =>
            g.heading ? (
              <optgroup key={g.heading} label={g.heading}>
                {options(g.values)}
              </optgroup>
            ) : (
              options(g.values)
            ),
          )}
        </select>
      )}
    </Field>
  );
}
