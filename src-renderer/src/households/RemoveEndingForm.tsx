import { endingErased, handActionAllowed } from '../../../src-main/contract/vocab.ts';
import { useState } from 'react';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { uk } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';

/** What removing each ending does, in the record's words. */
const ENDINGS = {
  closure: {
    action: 'removeClosure',
    method: 'households.removeClosure',
    noun: 'closure',
    after: 'The household is open again at the stage it had reached (re-opening would count a new enquiry)',
  },
  cessation: {
    action: 'removeCessation',
    method: 'households.removeCessation',
    noun: 'cessation',
    after: 'The household is approved again',
  },
} as const;

/**
 * An ending recorded by mistake (the wrong household; a withdrawal, or a resignation, taken back
 * before it took effect) is removed, with the reason. Its exit interview, if any, goes with it;
 * the timeline keeps what it held.
 */
export function RemoveEndingForm({
  record,
  onDone,
  ending,
}: JourneyFormProps & { ending: keyof typeof ENDINGS }) {
  const [reason, setReason] = useState('');
  const act = useJourneyAction(onDone);
  const e = ENDINGS[ending];
  // The current episode's closure: an earlier one ended an episode the household has since left.
  const standing =
    ending === 'cessation'
      ? record.cessation
      : record.closures.find((c) => c.episode === record.episode && c.reopenedOn === null);
  // An ending an erasure followed stays, as the engine keeps it.
  if (
    !handActionAllowed(e.action, record.status) ||
    !standing ||
    endingErased(standing.date, record.purgedOn)
  )
    return null;
  const remove = () => {
    // Asked before the confirm: the question came first, then "say why" after OK (helper-248).
    if (!reason.trim())
      return act.setError({ message: `Say why the ${e.noun} is removed.`, field: 'reason' });
    if (!window.confirm(`Remove the ${e.noun} of ${uk(standing.date)}? Use this only for a mistake.`)) return;
    act.send(e.method, { id: record.id, reason }, () => setReason(''));
  };
  return (
    <ActionForm
      title={`Remove the ${e.noun} (recorded by mistake)`}
      label={`Remove the ${e.noun}`}
      action={act}
      shown={['reason']}
      submit={`Remove ${e.noun}`}
      onSubmit={remove}
    >
      <p className="hint">{e.after}; its exit interview, if any, is removed with it.</p>
      <Field label="Reason for removing it" error={act.errorFor('reason')}>
        {(a) => (
          <input autoComplete="off" {...a} value={reason} onChange={(ev) => setReason(ev.target.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
