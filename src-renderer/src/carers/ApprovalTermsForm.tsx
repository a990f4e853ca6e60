import { useState, type FormEvent } from 'react';
import type { CarersRecord } from '../../../src-main/contract/carers.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { useFocusRefusedField } from '../ui/use-focus-refused-field.ts';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

type Terms = NonNullable<CarersRecord['terms']>;
const NUMBERS = [
  ['places', 'Places approved for'],
  ['ageFrom', 'Ages from'],
  ['ageTo', 'Ages to'],
] as const;
const FLAGS = [
  ['shortBreaks', 'Short breaks'],
  ['parentAndChild', 'Parent and child'],
] as const;

const flagText = (b: boolean | null | undefined) => (b === true ? 'yes' : b === false ? 'no' : '');

/**
 * The terms of approval: places, the age range and the kinds of care. Each is optional; one
 * left empty counts as "not recorded" in the Ofsted return (never as 0). Later changes of
 * places are dated separately, so the places here are those at approval.
 */
export function ApprovalTermsForm({
  householdId,
  terms,
  onSaved,
}: {
  householdId: number;
  terms: Terms | null;
  onSaved(r: CarersRecord): void;
}) {
  const [v, setV] = useState({
    places: terms?.places?.toString() ?? '',
    ageFrom: terms?.ageFrom?.toString() ?? '',
    ageTo: terms?.ageTo?.toString() ?? '',
    shortBreaks: flagText(terms?.shortBreaks),
    parentAndChild: flagText(terms?.parentAndChild),
  });
  const act = useAction();
  // A fault found here, or one the core pins on a field, takes focus to that field (helper-247).
  const form = useFocusRefusedField(act.error, [...NUMBERS.map(([k]) => k), ...FLAGS.map(([k]) => k)]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const number = (s: string) => (s.trim() === '' ? null : Number(s));
    const bad = NUMBERS.find(([k]) => v[k].trim() !== '' && !Number.isInteger(number(v[k])));
    if (bad) {
      act.setError({ message: `${bad[1]}: give a whole number, or leave it empty.`, field: bad[0] });
      return;
    }
    const flag = (s: string) => (s === 'yes' ? true : s === 'no' ? false : null);
    void act.run(async () =>
      onSaved(
        await call('carers.saveTerms', {
          householdId,
          places: number(v.places),
          ageFrom: number(v.ageFrom),
          ageTo: number(v.ageTo),
          shortBreaks: flag(v.shortBreaks),
          parentAndChild: flag(v.parentAndChild),
        }),
      ),
    );
  };

  return (
    <form ref={form} onSubmit={submit} className="hh-action" aria-label="Approval terms">
      <h3>
        Approval terms
        {terms?.source === 'import' && <span className="hint"> (from an import)</span>}
      </h3>
      <FieldsLockedWhileSaving saving={act.busy} className="hh-grid">
        {NUMBERS.map(([k, label]) => (
          <Field key={k} label={label} error={act.errorFor(k)}>
            {(a) => (
              <input
                autoComplete="off"
                {...a}
                type="text"
                inputMode="numeric"
                size={4}
                value={v[k]}
                onChange={set(k)}
              />
            )}
          </Field>
        ))}
        {FLAGS.map(([k, label]) => (
          <Field key={k} label={label} error={act.errorFor(k)}>
            {(a) => (
              <select {...a} value={v[k]} onChange={set(k)}>
                <option value="">Not recorded</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            )}
          </Field>
        ))}
      </FieldsLockedWhileSaving>
      <FormError error={act.error} shown={[...NUMBERS.map(([k]) => k), ...FLAGS.map(([k]) => k)]} />
      <button type="submit" disabled={act.busy}>
        Save approval terms
      </button>
    </form>
  );
}
