import { useState } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  CEASE_INITIATED_BY,
  CEASE_INITIATED_BY_LABELS,
  cessationDate,
  handActionAllowed,
  type CeaseInitiatedBy,
} from '../../../src-main/contract/vocab.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { DateField } from '../ui/DateField.tsx';
import { reasonChoices } from './format.ts';

const INITIATED_BY = choicesOf<CeaseInitiatedBy>(CEASE_INITIATED_BY, CEASE_INITIATED_BY_LABELS);
const isInitiatedBy = (s: string): s is CeaseInitiatedBy =>
  CEASE_INITIATED_BY.includes(s as CeaseInitiatedBy);
type Cessation = NonNullable<JourneyFormProps['record']['cessation']>;

/**
 * An approved household stops fostering: from a notice (28 days on) or a date, with its reason.
 * With `correct`, a ceased household's cessation typed wrongly is corrected in place, with why:
 * removing it and recording it again lost its exit interview (helper-248). The same fields and rules.
 */
export function CeaseForm(props: JourneyFormProps & { reasons: ReasonItem[]; correct?: boolean }) {
  const held = props.record.cessation;
  // A correction's fields start from the cessation held, and start again from it when it changes
  // underneath (an import, the record read back): keyed on its id alone, the form kept the values
  // first shown and saving wrote them back over the import's. A record read back unchanged keeps
  // what was typed.
  const key = held && [held.id, held.noticeDate, held.date, held.reasonKey, held.initiatedBy, held.notes];
  return <CessationFields key={props.correct ? JSON.stringify(key) : 'cease'} {...props} held={held} />;
}

function CessationFields({
  record,
  onDone,
  reasons,
  correct = false,
  held,
}: JourneyFormProps & { reasons: ReasonItem[]; correct?: boolean; held: Cessation | null }) {
  const [v, setV] = useState(() =>
    correct && held
      ? {
          noticeDate: held.noticeDate ?? '',
          // A date worked out from the notice (28 days on) is left to follow it: prefilled, a notice
          // corrected alone was refused against the old date (helper-253).
          date:
            held.noticeDate && cessationDate({ noticeDate: held.noticeDate }) === held.date ? '' : held.date,
          reasonKey: held.reasonKey,
          initiatedBy: (isInitiatedBy(held.initiatedBy) ? held.initiatedBy : 'carer') as CeaseInitiatedBy,
          notes: held.notes ?? '',
        }
      : { noticeDate: '', date: '', reasonKey: '', initiatedBy: 'carer' as CeaseInitiatedBy, notes: '' },
  );
  const [because, setBecause] = useState('');
  const act = useJourneyAction(onDone);
  if (
    correct
      ? !held || !handActionAllowed('correctCessation', record.status)
      : !handActionAllowed('cease', record.status)
  )
    return null;
  // Retired reasons are not offered, but for the one a cessation being corrected holds.
  const choices = reasonChoices(reasons, correct ? held?.reasonKey : null);
  const cessation = {
    id: record.id,
    noticeDate: v.noticeDate || undefined,
    date: v.date || undefined,
    reasonKey: v.reasonKey,
    initiatedBy: v.initiatedBy,
    notes: v.notes.trim() || null,
  };
  const cease = () =>
    correct
      ? act.send('households.correctCessation', { ...cessation, because }, () => setBecause(''))
      : act.send('households.ceaseHousehold', cessation);
  return (
    <ActionForm
      title={correct ? 'Correct the cessation' : 'Cease fostering'}
      label={correct ? 'Correct the cessation' : 'Record that the household ceased fostering'}
      action={act}
      shown={['noticeDate', 'date', 'reasonKey', ...(correct ? ['because'] : [])]}
      submit={correct ? 'Correct cessation' : 'Record cessation'}
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
        choices={choices}
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
      {correct && (
        <Field label="Reason for the correction" error={act.errorFor('because')}>
          {(a) => (
            <input autoComplete="off" {...a} value={because} onChange={(e) => setBecause(e.target.value)} />
          )}
        </Field>
      )}
    </ActionForm>
  );
}
