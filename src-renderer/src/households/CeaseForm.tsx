import { useState } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  CEASE_INITIATED_BY,
  CEASE_INITIATED_BY_LABELS,
  handActionAllowed,
  type CeaseInitiatedBy,
} from '../../../src-main/contract/vocab.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';

const INITIATED_BY = choicesOf<CeaseInitiatedBy>(CEASE_INITIATED_BY, CEASE_INITIATED_BY_LABELS);

/** An approved household stops fostering: from a notice (28 days on) or a date, with its reason. */
export function CeaseForm({ record, onDone, reasons }: JourneyFormProps & { reasons: ReasonItem[] }) {
  const [v, setV] = useState({
    noticeDate: '',
    date: '',
    reasonKey: '',
    initiatedBy: 'carer' as CeaseInitiatedBy,
    notes: '',
  });
  const act = useJourneyAction(onDone);
  if (!handActionAllowed('cease', record.status)) return null;
  const cease = () =>
    act.send('households.ceaseHousehold', {
      id: record.id,
      noticeDate: v.noticeDate || undefined,
      date: v.date || undefined,
      reasonKey: v.reasonKey,
      initiatedBy: v.initiatedBy,
      notes: v.notes.trim() || null,
    });
  return (
    <ActionForm
      title="Cease fostering"
      label="Record that the household ceased fostering"
      action={act}
      shown={['noticeDate', 'date', 'reasonKey']}
      submit="Record cessation"
      onSubmit={cease}
    >
      <DateField
        label="Notice date"
        error={act.errorFor('noticeDate')}
        hint="A resignation takes effect 28 days after written notice."
        value={v.noticeDate}
        onChange={(d) => setV({ ...v, noticeDate: d })}
      />
      <DateField
        label="Date fostering ends"
        error={act.errorFor('date')}
        hint="Leave empty to use 28 days after the notice."
        value={v.date}
        onChange={(d) => setV({ ...v, date: d })}
      />
      <ChoiceField
        label="Leaving reason"
        required
        empty="Choose a reason"
        choices={reasons}
        value={v.reasonKey}
        onChange={(k) => setV({ ...v, reasonKey: k })}
        error={act.errorFor('reasonKey')}
      />
      <ChoiceField
        label="Initiated by"
        empty={false}
        choices={INITIATED_BY}
        value={v.initiatedBy}
        onChange={(k) => setV({ ...v, initiatedBy: k as CeaseInitiatedBy })}
      />
      <Field label="Cessation notes">
        {(a) => (
          <textarea
            autoComplete="off"
            {...a}
            rows={2}
            value={v.notes}
            onChange={(e) => setV({ ...v, notes: e.target.value })}
          />
        )}
      </Field>
    </ActionForm>
  );
}
