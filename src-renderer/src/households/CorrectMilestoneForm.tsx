import { useState } from 'react';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { MILESTONES } from '../../../src-main/contract/vocab.ts';
import { ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { milestoneLabel, uk } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { currentMilestones } from './journey-steps.ts';
import { DateField } from '../ui/DateField.tsx';

type Recorded = HouseholdRecord['milestones'][number];

/**
 * Moves a recorded milestone's date, or removes one of the current episode; either needs a reason
 * (the audit keeps it). An earlier episode's dates (before a re-enquiry) are its history, which the
 * reports count in their own years: corrected, never removed.
 */
export function CorrectMilestoneForm({ record, onDone }: JourneyFormProps) {
  const current = currentMilestones(record);
  const earlier = record.milestones
    .filter((m) => m.episode < record.episode)
    .sort((a, b) => b.episode - a.episode || MILESTONES.indexOf(a.kind) - MILESTONES.indexOf(b.kind));
  const recorded = [...current, ...earlier];
  // A current milestone is chosen by its kind; an earlier one by its episode too.
  const keyOf = (m: Recorded) => (m.episode === record.episode ? m.kind : `${m.episode}:${m.kind}`);
  const [key, setKey] = useState(keyOf(current.at(-1) ?? recorded[0]!));
  const old = recorded.find((m) => keyOf(m) === key) ?? recorded[0]!;
  const inHistory = old.episode !== record.episode;
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const act = useJourneyAction(onDone);
  const correct = () =>
    act.send(
      'households.correctMilestone',
      {
        id: record.id,
        kind: old.kind,
        date: date || old.date,
        reason,
        ...(inHistory ? { episode: old.episode } : {}),
      },
      () => {
        setReason('');
        setDate('');
      },
    );
  const remove = () =>
    act.send('households.removeMilestone', { id: record.id, kind: old.kind, reason }, () => setReason(''));
  const enquiryOf = (episode: number) =>
    record.milestones.find((m) => m.episode === episode && m.kind === 'enquiry')?.date;
  const choiceLabel = (m: Recorded) => {
    const own = `${milestoneLabel(m.kind)} (${uk(m.date)})`;
    if (m.episode === record.episode) return own;
    const enquiry = enquiryOf(m.episode);
    return `${own}, earlier ${enquiry ? `enquiry of ${uk(enquiry)}` : `episode ${m.episode}`}`;
  };
  return (
    <ActionForm
      title="Correct or remove a milestone"
      action={act}
      shown={['kind', 'episode', 'date', 'reason']}
      submit="Correct date"
      onSubmit={correct}
      alongside={
        !inHistory && (
          <button type="button" className="secondary" disabled={act.busy} onClick={remove}>
            Remove milestone
          </button>
        )
      }
    >
      <ChoiceField
        label="Recorded milestone"
        empty={false}
        choices={recorded.map((m) => ({ key: keyOf(m), label: choiceLabel(m) }))}
        value={keyOf(old)}
        onChange={(k) => {
          setKey(k);
          setDate('');
        }}
        error={act.errorFor('kind') ?? act.errorFor('episode')}
      />
      <DateField
        label="Correct date"
        error={act.errorFor('date')}
        value={date || old.date}
        onChange={(d) => setDate(d)}
      />
      <Field label="Reason for the change" error={act.errorFor('reason')}>
        {(a) => (
          <input autoComplete="off" {...a} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
