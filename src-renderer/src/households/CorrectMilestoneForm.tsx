import { useState } from 'react';
import type { Milestone } from '../../../src-main/contract/vocab.ts';
import { ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { milestoneLabel, uk } from './format.ts';
import { currentMilestones, useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';

/** Moves a recorded milestone's date, or removes it; either needs a reason (the audit keeps it). */
export function CorrectMilestoneForm({ record, onDone }: JourneyFormProps) {
  const recorded = currentMilestones(record);
  const [kind, setKind] = useState<Milestone>(recorded[recorded.length - 1]!.kind);
  const old = recorded.find((m) => m.kind === kind) ?? recorded[recorded.length - 1]!;
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const act = useJourneyAction(onDone);
  const correct = () =>
    act.send(
      'households.correctMilestone',
      { id: record.id, kind: old.kind, date: date || old.date, reason },
      () => {
        setReason('');
        setDate('');
      },
    );
  const remove = () =>
    act.send('households.removeMilestone', { id: record.id, kind: old.kind, reason }, () => setReason(''));
  return (
    <ActionForm
      title="Correct or remove a milestone"
      action={act}
      shown={['kind', 'date', 'reason']}
      submit="Correct date"
      onSubmit={correct}
      alongside={
        <button type="button" className="secondary" disabled={act.busy} onClick={remove}>
          Remove milestone
        </button>
      }
    >
      <ChoiceField
        label="Recorded milestone"
        empty={false}
        choices={recorded.map((m) => ({ key: m.kind, label: `${milestoneLabel(m.kind)} (${uk(m.date)})` }))}
        value={old.kind}
        onChange={(k) => setKind(k as Milestone)}
        error={act.errorFor('kind')}
      />
      <DateField
        label="Correct date"
        error={act.errorFor('date')}
        value={date || old.date}
        onChange={(d) => setDate(d)}
      />
      <Field label="Reason for the change" error={act.errorFor('reason')}>
        {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
