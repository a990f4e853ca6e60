import { useState } from 'react';
import {
  handActionAllowed,
  missingStepsOfRecord,
  MILESTONES,
  type Milestone,
} from '../../../src-main/contract/vocab.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { ActionForm } from './ActionForm.tsx';
import { CorrectMilestoneForm } from './CorrectMilestoneForm.tsx';
import { milestoneLabel, todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { currentMilestones } from './journey-steps.ts';
import { DateField } from '../ui/DateField.tsx';

/**
 * Records the next milestone (any the episode lacks, in the journey's order; the core refuses one out
 * of order), and corrects or removes one already recorded.
 */
export function MilestoneForms({ record, onDone }: JourneyFormProps) {
  const recorded = new Set(currentMilestones(record).map((m) => m.kind));
  const missing = MILESTONES.filter((k) => !recorded.has(k));
  const [kind, setKind] = useState<Milestone | ''>('');
  const [date, setDate] = useState(todayIso());
  const act = useJourneyAction(onDone);
  const chosen = kind && missing.includes(kind) ? kind : (missing[0] ?? '');
  // Steps before the one chosen with no date: said as it is chosen (the core accepts it without them).
  const gaps = chosen && missingStepsOfRecord(chosen, record);
  const labels = Object.fromEntries(missing.map((k) => [k, milestoneLabel(k)])) as Record<Milestone, string>;
  const submit = () => {
    if (!chosen) return;
    act.send('households.recordMilestone', { id: record.id, kind: chosen, date });
  };
  return (
    <>
      {handActionAllowed('record', record.status) && missing.length > 0 && (
        <ActionForm
          title="Record a milestone"
          action={act}
          shown={['kind', 'date']}
          submit="Record milestone"
          onSubmit={submit}
        >
          <ChoiceField
            label="Milestone"
            empty={false}
            choices={choicesOf(missing, labels)}
            value={chosen}
            onChange={(k) => setKind(k as Milestone)}
            error={act.errorFor('kind')}
          />
          <DateField
            label="Date"
            error={act.errorFor('date')}
            required
            value={date}
            onChange={(d) => setDate(d)}
          />
          {gaps && (
            <p className="hh-warning" role="status">
              {gaps}
            </p>
          )}
        </ActionForm>
      )}
      {record.milestones.length > 0 && <CorrectMilestoneForm record={record} onDone={onDone} />}
    </>
  );
}
