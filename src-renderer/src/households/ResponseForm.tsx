import { useState } from 'react';
import { ActionForm } from './ActionForm.tsx';
import { todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';

/** The day an open enquiry was first answered (the respond-within alert stops there). */
export function ResponseForm({ record, onDone }: JourneyFormProps) {
  const [date, setDate] = useState(todayIso());
  const act = useJourneyAction(onDone);
  if (record.status !== 'open' || record.respondedDate) return null;
  return (
    <ActionForm
      title="Enquiry answered"
      label="Record the enquiry response"
      action={act}
      shown={['date']}
      submit="Record response"
      onSubmit={() => act.send('households.recordResponse', { id: record.id, date })}
    >
      <DateField
        label="Response date"
        error={act.errorFor('date')}
        required
        value={date}
        onChange={(d) => setDate(d)}
      />
    </ActionForm>
  );
}
