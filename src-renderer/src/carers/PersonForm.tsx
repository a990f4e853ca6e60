import { useState, type FormEvent } from 'react';
import type { CarersRecord, Characteristic, PersonRecord } from '../../../src-main/contract/carers.ts';
import { CHARACTERISTICS } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { todayIso } from '../households/format.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { CharacteristicSelect } from './CharacteristicSelect.tsx';
import { DateField } from '../ui/DateField.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

type Values = { firstName: string; surname: string; dateOfBirth: string; joinedOn: string } & Record<
  Characteristic,
  string
>;

const valuesOf = (p: PersonRecord | undefined): Values => ({
  firstName: p?.firstName ?? '',
  surname: p?.surname ?? '',
  dateOfBirth: p?.dateOfBirth ?? '',
  joinedOn: p?.joinedOn ?? '',
  ...(Object.fromEntries(CHARACTERISTICS.map((c) => [c, p?.characteristics[c] ?? ''])) as Record<
    Characteristic,
    string
  >),
});

/** Field names the core may name in an error, e.g. `person.ethnicity`. */
const fieldOf = (k: string) => [k, `person.${k}`];

/**
 * Carer (or applicant) 1 or 2: names, date of birth and the characteristics Ofsted collects in
 * aggregate, each optional (empty counts as "not recorded"). Once saved, a person can be
 * recorded as having left the household (it stays approved) or deleted if entered by mistake.
 */
export function PersonForm({
  householdId,
  position,
  person,
  who,
  onSaved,
}: {
  householdId: number;
  position: 1 | 2;
  person: PersonRecord | undefined;
  /** "Carer" for an approved household, "Applicant" before approval. */
  who: string;
  onSaved(r: CarersRecord): void;
}) {
  const [v, setV] = useState<Values>(() => valuesOf(person));
  const [leftOn, setLeftOn] = useState(todayIso());
  const act = useAction();
  const title = `${who} ${position}`;
  const set = (k: keyof Values) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const orNull = (s: string) => s.trim() || null;

  const save = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () =>
      onSaved(
        await call('carers.savePerson', {
          householdId,
          position,
          ...(person ? { id: person.id } : {}),
          person: {
            firstName: orNull(v.firstName),
            surname: orNull(v.surname),
            dateOfBirth: v.dateOfBirth || null,
            joinedOn: v.joinedOn || null,
            ...Object.fromEntries(CHARACTERISTICS.map((c) => [c, v[c] || null])),
          },
        }),
      ),
    );
  };
  const left = () => {
    if (!person) return;
    void act.run(async () =>
      onSaved(await call('carers.recordPersonLeft', { householdId, id: person.id, date: leftOn })),
    );
  };
  const remove = () => {
    if (!person || !window.confirm(`Delete ${title.toLowerCase()}'s details? Use this only for a mistake.`))
      return;
    void act.run(async () => onSaved(await call('carers.deletePerson', { householdId, id: person.id })));
  };
  const text = (k: 'firstName' | 'surname', label: string) => (
    <Field label={label} error={act.errorFor(...fieldOf(k))}>
      {(a) => <input {...a} value={v[k]} autoComplete="off" onChange={(e) => set(k)(e.target.value)} />}
    </Field>
  );

  return (
    <form onSubmit={save} className="hh-action" aria-label={title}>
      <h3>
        {title}
        {!person && <span className="hint"> (not entered)</span>}
        {person?.source === 'import' && <span className="hint"> (from an import)</span>}
      </h3>
      <FieldsLockedWhileSaving saving={act.busy} className="hh-grid">
        {text('firstName', 'First name')}
        {text('surname', 'Surname')}
        <DateField
          label="Date of birth"
          error={act.errorFor(...fieldOf('dateOfBirth'))}
          value={v.dateOfBirth}
          onChange={(d) => set('dateOfBirth')(d)}
        />
        {who === 'Carer' && (
          <DateField
            label="Joined the household on"
            hint="Only for someone who joined after the approval; leave blank otherwise."
            error={act.errorFor(...fieldOf('joinedOn'))}
            value={v.joinedOn}
            onChange={(d) => set('joinedOn')(d)}
          />
        )}
        {CHARACTERISTICS.map((c) => (
          <CharacteristicSelect
            key={c}
            characteristic={c}
            value={v[c]}
            error={act.errorFor(...fieldOf(c))}
            onChange={set(c)}
          />
        ))}
      </FieldsLockedWhileSaving>
      <FormError
        error={act.error}
        shown={['firstName', 'surname', 'dateOfBirth', 'joinedOn', ...CHARACTERISTICS]
          .flatMap(fieldOf)
          .concat('date')}
      />
      <button type="submit" disabled={act.busy}>
        Save {title.toLowerCase()}
      </button>
      {person && (
        <div className="carers-left">
          <DateField
            label={`${title} left the household on`}
            error={act.errorFor('date')}
            value={leftOn}
            onChange={(d) => setLeftOn(d)}
          />
          <button type="button" className="secondary" disabled={act.busy} onClick={left}>
            Record that {title.toLowerCase()} left
          </button>{' '}
          <button type="button" className="secondary" disabled={act.busy} onClick={remove}>
            Delete {title.toLowerCase()} (entered by mistake)
          </button>
        </div>
      )}
    </form>
  );
}
