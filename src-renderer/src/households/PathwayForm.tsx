import { useState } from 'react';
import { otherPathway } from '../../../src-main/contract/vocab.ts';
import { ActionForm } from './ActionForm.tsx';
import { todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';

/** Mainstream to kinship or back, dated (the journey engine keeps both pathways' steps apart). */
export function PathwayForm({ record, onDone }: JourneyFormProps) {
  const [date, setDate] = useState(todayIso());
  const act = useJourneyAction(onDone);
  const to = otherPathway(record.pathway);
  return (
    <ActionForm
      title="Switch pathway"
      action={act}
      shown={['date']}
      submit={`Switch to ${to}`}
      onSubmit={() => act.send('households.switchPathway', { id: record.id, pathway: to, date })}
    >
      <DateField
        label="Date of the switch"
        error={act.errorFor('date')}
        required
        value={date}
        onChange={(d) => setDate(d)}
      />
    </ActionForm>
  );
}
