import { useState } from 'react';
import { firstMilestone, otherPathway, pathwaySwitchFault } from '../../../src-main/contract/vocab.ts';
import { ActionForm } from './ActionForm.tsx';
import { todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { currentMilestones } from './journey-steps.ts';
import { DateField } from '../ui/DateField.tsx';

/** Mainstream to kinship or back, dated (the journey engine keeps both pathways' steps apart). */
export function PathwayForm({ record, onDone }: JourneyFormProps) {
  const [date, setDate] = useState(todayIso());
  const act = useJourneyAction(onDone);
  const to = otherPathway(record.pathway);
  // Said beside the date before Save, by the rule the core refuses it by (after a cessation, before
  // the episode's start or the last change, a third in the episode), from what the record shows.
  const dates = Object.fromEntries(currentMilestones(record).map((m) => [m.kind, m.date]));
  // The episode starts at its first milestone in the journey's order, as the core dates it.
  const start = firstMilestone(dates)?.date;
  const switches = record.pathwayChanges.map((c) => c.date).sort();
  const fault = date
    ? pathwaySwitchFault(
        {
          reference: record.reference,
          dates,
          lastSwitchOn: switches.at(-1) ?? null,
          episodeSwitches: start ? switches.filter((d) => d >= start) : [],
          cessation: record.cessation,
        },
        date,
        todayIso(),
      )
    : null;
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
        fault={fault}
        required
        value={date}
        onChange={(d) => setDate(d)}
      />
    </ActionForm>
  );
}
