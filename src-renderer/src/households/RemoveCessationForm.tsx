import { handActionAllowed } from '../../../src-main/contract/vocab.ts';
import { useState } from 'react';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { uk } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';

/**
 * A cessation recorded by mistake (the wrong household, a resignation withdrawn before it took
 * effect) is removed, with the reason: the household is approved again. Its exit interview, if
 * any, goes with it; the timeline keeps what it held.
 */
export function RemoveCessationForm({ record, onDone }: JourneyFormProps) {
  const [reason, setReason] = useState('');
  const act = useJourneyAction(onDone);
  if (!handActionAllowed('removeCessation', record.status) || !record.cessation) return null;
  const remove = () => {
    if (
      !window.confirm(`Remove the cessation of ${uk(record.cessation!.date)}? Use this only for a mistake.`)
    )
      return;
    act.send('households.removeCessation', { id: record.id, reason }, () => setReason(''));
  };
  return (
    <ActionForm
      title="Remove the cessation (recorded by mistake)"
      label="Remove the cessation"
      action={act}
      shown={['reason']}
      submit="Remove cessation"
      onSubmit={remove}
    >
      <p className="hint">The household is approved again; its exit interview, if any, is removed with it.</p>
      <Field label="Reason for removing it" error={act.errorFor('reason')}>
        {(a) => (
          <input autoComplete="off" {...a} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
