import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DuplicateCandidate } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { navigate } from '../routes.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { todayIso } from './format.ts';
import {
  DEFAULT_PATHWAY,
  DUPLICATE_WHY_LABELS,
  formatUkDate,
  PATHWAY_FULL_LABELS,
  PATHWAYS,
  STATUS_LABELS,
  TEXT_LIMITS,
} from '../../../src-main/contract/vocab.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { useAction } from '../ui/use-action.ts';
import { HouseholdTypeField, SourceField } from './DetailChoices.tsx';
import { DateField } from '../ui/DateField.tsx';
import { addHouseholdFaults } from './add-household-faults.ts';

const PATHWAY_CHOICES = choicesOf(PATHWAYS, PATHWAY_FULL_LABELS);

const EMPTY = {
  firstName: '',
  surname: '',
  email: '',
  telephone: '',
  postcode: '',
  source: '',
  householdType: '',
  notes: '',
  reference: '',
};

/** A telephone enquiry typed in: warns about likely duplicates before saving. */
export function AddHousehold() {
  const [v, setV] = useState({
    ...EMPTY,
    enquiryDate: todayIso(),
    pathway: DEFAULT_PATHWAY,
  });
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const { busy, error, run, errorFor } = useAction();
  // A refusal naming fields (nothing typed to identify the household names the first name; an
  // email and a telephone number both wrong, both) takes the person to the first of them, as a
  // required field left empty does.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error?.field) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  // The warning of likely duplicates takes the place of Save household, whose focus fell to the page's
  // body: it goes to the warning, read out, and Tab goes on to its households and Save anyway.
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (duplicates) warning.current?.focus();
  }, [duplicates]);
  const put = (k: keyof typeof v) => (value: string) => {
    setV({ ...v, [k]: value });
    setDuplicates(null);
  };
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => put(k)(e.target.value);
  const nul = (s: string) => (s.trim() ? s.trim() : null);

  const save = (confirm: boolean) =>
    run(async () => {
      if (!confirm) {
        const found = await call('households.findDuplicates', {
          email: nul(v.email),
          firstName: nul(v.firstName),
          surname: nul(v.surname),
          postcode: nul(v.postcode),
          telephone: nul(v.telephone),
          ...(v.enquiryDate ? { enquiryDate: v.enquiryDate } : {}),
        });
        if (found.length > 0) {
          setDuplicates(found);
          return;
        }
      }
      const created = await call('households.createHousehold', {
        reference: nul(v.reference),
        pathway: v.pathway,
        enquiryDate: v.enquiryDate,
        firstName: nul(v.firstName),
        surname: nul(v.surname),
        email: nul(v.email),
        telephone: nul(v.telephone),
        postcode: nul(v.postcode),
        source: nul(v.source),
        householdType: nul(v.householdType),
        notes: nul(v.notes),
        confirmDuplicates: confirm,
      });
      navigate('households', { id: String(created.id) });
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  const faults = addHouseholdFaults(v, todayIso());
  const shown = [
    'enquiryDate',
    'firstName',
    'surname',
    'email',
    'telephone',
    'postcode',
    'reference',
    'notes',
  ];
  return (
    <form ref={form} onSubmit={submit} className="hh-form" aria-labelledby="add-title">
      <h2 id="add-title">Add a household</h2>
      <div className="hh-grid">
        <DateField
          label="Enquiry date"
          error={errorFor('enquiryDate')}
          fault={faults.enquiryDate}
          required
          value={v.enquiryDate}
          onChange={(d) => put('enquiryDate')(d)}
        />
        <ChoiceField
          label="Pathway"
          empty={false}
          choices={PATHWAY_CHOICES}
          value={v.pathway}
          onChange={put('pathway')}
        />
        <Field label="First name" error={errorFor('firstName')} fault={faults.firstName}>
          {(a) => <input {...a} value={v.firstName} onChange={set('firstName')} autoComplete="off" />}
        </Field>
        <Field label="Surname" error={errorFor('surname')}>
          {(a) => <input {...a} value={v.surname} onChange={set('surname')} autoComplete="off" />}
        </Field>
        <Field label="Email" error={errorFor('email')} fault={faults.email}>
          {(a) => (
            <input
              {...a}
              type="text"
              inputMode="email"
              value={v.email}
              onChange={set('email')}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Telephone" error={errorFor('telephone')} fault={faults.telephone}>
          {(a) => (
            <input {...a} type="tel" value={v.telephone} onChange={set('telephone')} autoComplete="off" />
          )}
        </Field>
        <Field label="Postcode" error={errorFor('postcode')} fault={faults.postcode}>
          {(a) => <input {...a} value={v.postcode} onChange={set('postcode')} autoComplete="off" />}
        </Field>
        <SourceField value={v.source} onChange={put('source')} />
        <HouseholdTypeField value={v.householdType} onChange={put('householdType')} />
        <Field label="Reference" hint="Leave empty to number it automatically" error={errorFor('reference')}>
          {(a) => <input {...a} value={v.reference} onChange={set('reference')} autoComplete="off" />}
        </Field>
      </div>
      <Field label="Notes" error={errorFor('notes')}>
        {(a) => (
          <textarea
            autoComplete="off"
            {...a}
            maxLength={TEXT_LIMITS.notes}
            rows={3}
            value={v.notes}
            onChange={set('notes')}
          />
        )}
      </Field>
      {duplicates && (
        <div role="alert" className="hh-warning" ref={warning} tabIndex={-1}>
          <p>
            <strong>This may be a household already held:</strong>
          </p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <a href={`#/households?id=${d.id}`}>
                  {d.reference} {d.name}
                </a>{' '}
                ({DUPLICATE_WHY_LABELS[d.why]}
                {d.why === 'name_enquiry' && d.enquiryDate ? `, enquired ${formatUkDate(d.enquiryDate)}` : ''}
                , {STATUS_LABELS[d.status]})
              </li>
            ))}
          </ul>
          <button type="button" disabled={busy} onClick={() => void save(true)}>
            Save anyway
          </button>
        </div>
      )}
      <FormError error={error} shown={shown} />
      {!duplicates && (
        <button type="submit" disabled={busy}>
          Save household
        </button>
      )}
    </form>
  );
}
