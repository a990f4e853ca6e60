import { handActionAllowed } from '../../../src-main/contract/vocab.ts';
import { useState } from 'react';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';

/** A closed household comes back: a new enquiry in a new episode (the closure stays in the history). */
export function ReopenForm({ record, onDone }: JourneyFormProps) {
  const [date, setDate] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const act = useJourneyAction(onDone);
  if (!handActionAllowed('reopen', record.status)) return null;
  const reopen = () =>
    act.send('households.reopenHousehold', {
      id: record.id,
      enquiryDate: date,
      notes: notes.trim() || null,
    });
  return (
    <ActionForm
      title="Re-open (a new enquiry)"
      label="Re-open the household"
      action={act}
      shown={['enquiryDate']}
      submit="Re-open household"
      onSubmit={reopen}
    >
      <p className="hint">The closure stays in the history; the new enquiry counts in its own year.</p>
      <DateField
        label="New enquiry date"
        error={act.errorFor('enquiryDate')}
        required
        value={date}
        onChange={(d) => setDate(d)}
      />
      <Field label="Re-open notes">
        {(a) => <input autoComplete="off" {...a} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
