import { responseChangeAllowed } from '../../../src-main/contract/vocab.ts';
import { useState } from 'react';
import { ActionForm } from './ActionForm.tsx';
import { todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';
import { Field } from '../ui/Field.tsx';

/**
 * The day the enquiry was first answered (the respond-within alert stops there): recorded while the
 * enquiry is open, and corrected once recorded (with a reason, which the audit keeps), whatever has
 * happened since (an enquiry date moved past it is refused until the response is corrected).
 */
export function ResponseForm({ record, onDone }: JourneyFormProps) {
  const recorded = record.respondedDate;
  const [date, setDate] = useState(recorded ?? todayIso());
  const [reason, setReason] = useState('');
  const act = useJourneyAction(onDone);
  if (!responseChangeAllowed(record.status, recorded !== null)) return null;
  return (
    <ActionForm
      title="Enquiry answered"
      label={recorded ? 'Correct the enquiry response' : 'Record the enquiry response'}
      action={act}
      shown={['date', 'correctionReason']}
      submit={recorded ? 'Correct response' : 'Record response'}
      onSubmit={() =>
        act.send(
          'households.recordResponse',
          { id: record.id, date, ...(recorded ? { correctionReason: reason } : {}) },
          () => setReason(''),
        )
      }
    >
      <DateField
        label="Response date"
        error={act.errorFor('date')}
        required
        value={date}
        onChange={(d) => setDate(d)}
      />
      {recorded && (
        <Field label="Reason for the change" error={act.errorFor('correctionReason')}>
          {(a) => (
            <input autoComplete="off" {...a} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
      )}
    </ActionForm>
  );
}
