import { useState, type FormEvent } from 'react';
import type { HouseholdRecord as Rec } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { HouseholdTypeField, SourceField } from './DetailChoices.tsx';

/** A household's own details (names, contact, source, household, notes); only changed fields are sent. */
export function DetailsForm({ record, onDone }: { record: Rec; onDone(r: Rec): void }) {
  const pick = (r: Rec) => ({
    firstName: r.firstName ?? '',
    surname: r.surname ?? '',
    email: r.email ?? '',
    telephone: r.telephone ?? '',
    postcode: r.postcode ?? '',
    source: r.source ?? '',
    householdType: r.householdType ?? '',
    notes: r.notes ?? '',
  });
  const [v, setV] = useState(() => pick(record));
  const act = useAction();
  const put = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => put(k)(e.target.value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = pick(record);
    const changes = Object.fromEntries(
      (Object.keys(v) as Array<keyof typeof v>)
        .filter((k) => v[k] !== before[k])
        .map((k) => [k, v[k].trim() || null]),
    );
    void act.run(async () => onDone(await call('households.updateDetails', { id: record.id, ...changes })));
  };
  const text = (k: keyof typeof v, label: string, type = 'text') => (
    <Field label={label} error={act.errorFor(k)}>
      {(a) => <input {...a} type={type} value={v[k]} onChange={set(k)} autoComplete="off" />}
    </Field>
  );
  return (
    <form onSubmit={submit} className="hh-form" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <div className="hh-grid">
        {text('firstName', 'First name')}
        {text('surname', 'Surname')}
        {text('email', 'Email')}
        {text('telephone', 'Telephone', 'tel')}
        {text('postcode', 'Postcode')}
        <SourceField value={v.source} onChange={put('source')} />
        <HouseholdTypeField value={v.householdType} onChange={put('householdType')} />
      </div>
      <Field label="Notes">
        {(a) => <textarea autoComplete="off" {...a} rows={3} value={v.notes} onChange={set('notes')} />}
      </Field>
      <FormError error={act.error} shown={Object.keys(v)} />
      <button type="submit" disabled={act.busy}>
        Save details
      </button>
    </form>
  );
}
