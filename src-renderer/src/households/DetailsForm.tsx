import { useState, type FormEvent } from 'react';
import type { HouseholdRecord as Rec } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { HouseholdTypeField, SourceField } from './DetailChoices.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

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
type Details = ReturnType<typeof pick>;
const KEYS = Object.keys(pick({} as Rec)) as Array<keyof Details>;

/** A household's own details (names, contact, source, household, notes); only changed fields are sent. */
export function DetailsForm({ record, onDone }: { record: Rec; onDone(r: Rec): void }) {
  const [v, setV] = useState(() => pick(record));
  // The record as the fields last took it. Another action on the screen can change it (a merge
  // brings the duplicate's telephone): each field not typed in takes the new value. Kept as typed
  // when it came, a blank box sent with the next save erased what the merge had brought.
  const [seen, setSeen] = useState(record);
  if (record !== seen) {
    const [was, now] = [pick(seen), pick(record)];
    setSeen(record);
    setV(
      (typed) => Object.fromEntries(KEYS.map((k) => [k, typed[k] === was[k] ? now[k] : typed[k]])) as Details,
    );
  }
  const act = useAction();
  const put = (k: keyof Details) => (value: string) => setV({ ...v, [k]: value });
  const set = (k: keyof Details) => (e: { target: { value: string } }) => put(k)(e.target.value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = pick(record);
    const changes = Object.fromEntries(
      KEYS.filter((k) => v[k] !== before[k]).map((k) => [k, v[k].trim() || null]),
    );
    void act.run(async () => {
      const saved = await call('households.updateDetails', { id: record.id, ...changes });
      // As stored (trimmed), so the next save sends nothing it did not change.
      setV(pick(saved));
      onDone(saved);
    });
  };
  const text = (k: keyof typeof v, label: string, type = 'text') => (
    <Field label={label} error={act.errorFor(k)}>
      {(a) => <input {...a} type={type} value={v[k]} onChange={set(k)} autoComplete="off" />}
    </Field>
  );
  return (
    <form onSubmit={submit} className="hh-form" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      {/* No typing while it saves: the form then holds the values as stored (helper-239). */}
      <FieldsLockedWhileSaving saving={act.busy}>
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
      </FieldsLockedWhileSaving>
      <FormError error={act.error} shown={Object.keys(v)} />
      <button type="submit" disabled={act.busy}>
        Save details
      </button>
    </form>
  );
}
