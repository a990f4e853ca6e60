import { useRef, useState, type FormEvent } from 'react';
import type { CarersRecord } from '../../../src-main/contract/carers.ts';
import { call } from '../api.ts';
import { todayIso, uk } from '../households/format.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { useFocusRefusedField } from '../ui/use-focus-refused-field.ts';
import { DateField } from '../ui/DateField.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

const signed = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);

/**
 * Dated changes of places after approval (added or removed), with the places they leave today.
 * The core refuses a change before approval, in the future, or leaving fewer than 0 places.
 */
export function PlaceChanges({ record, onSaved }: { record: CarersRecord; onSaved(r: CarersRecord): void }) {
  const [date, setDate] = useState(todayIso());
  const [change, setChange] = useState('');
  const [note, setNote] = useState('');
  const act = useAction();
  // A fault found here, or one the core pins on a field, takes focus to that field (helper-247).
  const form = useFocusRefusedField(act.error, ['date', 'change', 'note']);
  const householdId = record.householdId;

  const add = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(change.trim().replace('−', '-'));
    if (change.trim() === '' || !Number.isInteger(n)) {
      act.setError({ message: 'Give the places added (e.g. 1) or removed (e.g. -1).', field: 'change' });
      return;
    }
    void act.run(async () => {
      onSaved(
        await call('carers.addPlaceChange', { householdId, date, change: n, note: note.trim() || null }),
      );
      setChange('');
      setNote('');
    });
  };
  // The Delete pressed goes with its row: the keyboard goes on from this section's heading, not
  // from the carers' "Saved." far above (helper-247).
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = (id: number) =>
    void act
      .run(async () => {
        onSaved(await call('carers.deletePlaceChange', { householdId, id }));
        return true;
      })
      .then((done) => done && heading.current?.focus());

  return (
    <div className="hh-action">
      <h3 ref={heading} tabIndex={-1}>
        Changes of places
      </h3>
      <p>
        Places today:{' '}
        {record.placesToday === null ? 'not recorded (enter the places approved for)' : record.placesToday}
        {record.approvedOn && ` · approved ${uk(record.approvedOn)}`}
      </p>
      {record.placeChanges.length > 0 && (
        <table>
          <caption className="visually-hidden">Changes of places</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Change</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {record.placeChanges.map((c) => (
              <tr key={c.id}>
                <td>{uk(c.date)}</td>
                <td>{signed(c.change)}</td>
                <td>{c.note}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={act.busy}
                    aria-label={`Delete the change of ${signed(c.change)} on ${uk(c.date)}`}
                    onClick={() => remove(c.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form ref={form} onSubmit={add} aria-label="Add a change of places">
        <FieldsLockedWhileSaving saving={act.busy} className="hh-grid">
          <DateField
            label="Date of the change"
            error={act.errorFor('date')}
            required
            value={date}
            onChange={(d) => setDate(d)}
          />
          <Field
            label="Places added or removed"
            hint="e.g. 1, or -1 to remove one"
            error={act.errorFor('change')}
          >
            {(a) => (
              <input
                autoComplete="off"
                {...a}
                type="text"
                size={4}
                value={change}
                onChange={(e) => setChange(e.target.value)}
              />
            )}
          </Field>
          <Field label="Note on the change" error={act.errorFor('note')}>
            {(a) => (
              <input autoComplete="off" {...a} value={note} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
        </FieldsLockedWhileSaving>
        <FormError error={act.error} shown={['date', 'change', 'note']} />
        <button type="submit" disabled={act.busy}>
          Add change of places
        </button>
      </form>
    </div>
  );
}
