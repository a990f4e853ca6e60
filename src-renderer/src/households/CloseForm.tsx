import { useState } from 'react';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  checkEndDate,
  ENDED_BY,
  ENDED_BY_LABELS,
  endedByFault,
  endingBeforeStepFault,
  handActionAllowed,
  latestMilestone,
  reasonStageFault,
  stageAtClosure,
  type EndedBy,
} from '../../../src-main/contract/vocab.ts';
import { choicesOf, ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import { ActionForm } from './ActionForm.tsx';
import { reasonChoices, stageLabel, todayIso } from './format.ts';
import { useJourneyAction, type JourneyFormProps } from './journey-form.ts';
import { currentMilestones, currentSteps } from './journey-steps.ts';
import { DateField } from '../ui/DateField.tsx';

const ENDED_BY_CHOICES = choicesOf(ENDED_BY, ENDED_BY_LABELS);
const isEndedBy = (s: string | null | undefined): s is EndedBy => ENDED_BY.includes(s as EndedBy);

/**
 * An open household drops out: a dated closure with its reason and who ended it. With `correct`, a
 * closed household's standing closure typed wrongly is corrected in place, with why: removing it
 * and closing again lost its exit interview (helper-248). The same fields, checked by the same rules.
 */
export function CloseForm(props: JourneyFormProps & { reasons: ReasonItem[]; correct?: boolean }) {
  // The current episode's closure: an earlier one ended an episode the household has since left.
  const { record } = props;
  const standing = record.closures.find((c) => c.episode === record.episode && c.reopenedOn === null);
  // A correction's fields start from the closure standing (another one, once re-opened and closed
  // again), and start again from it when it changes underneath (an import, the record read back):
  // keyed on its id alone, saving wrote the values first shown back over the import's.
  const key = standing && [standing.id, standing.date, standing.reasonKey, standing.endedBy, standing.notes];
  return <ClosureFields key={props.correct ? JSON.stringify(key) : 'close'} {...props} standing={standing} />;
}

function ClosureFields({
  record,
  onDone,
  reasons,
  correct = false,
  standing,
}: JourneyFormProps & {
  reasons: ReasonItem[];
  correct?: boolean;
  standing: JourneyFormProps['record']['closures'][number] | undefined;
}) {
  const [v, setV] = useState(() =>
    correct && standing
      ? {
          date: standing.date,
          reasonKey: standing.reasonKey,
          endedBy: (isEndedBy(standing.endedBy) ? standing.endedBy : '') as EndedBy | '',
          notes: standing.notes ?? '',
        }
      : { date: todayIso(), reasonKey: '', endedBy: '' as EndedBy | '', notes: '' },
  );
  const [because, setBecause] = useState('');
  const act = useJourneyAction(onDone);
  if (
    correct
      ? !standing || !handActionAllowed('correctClosure', record.status)
      : !handActionAllowed('close', record.status)
  )
    return null;
  // Retired reasons are not offered, but for the one a closure being corrected holds.
  const choices = reasonChoices(reasons, correct ? standing?.reasonKey : null);
  const dates = Object.fromEntries(currentMilestones(record).map((m) => [m.kind, m.date]));
  // A kinship household's viability request is its application: the core reads it (kinshipApplication).
  const reached = stageAtClosure(dates, v.date, () => record.kinshipApplication);
  // Every fault the form can know is said at once, each beside its field, by the rules the core
  // refuses them by (a reason left empty by the browser's check): never the date's first, then, once
  // a reason is chosen and the core asked, the date's. What only the core knows still comes from it.
  // As the engine (closeEpisode): the milestones first, then the episode's dated steps.
  const dateFault = v.date
    ? (checkEndDate('Closure', v.date, latestMilestone(dates), todayIso()) ??
      endingBeforeStepFault('closure', v.date, currentSteps(record)))
    : null;
  const reason = reasons.find((x) => x.key === v.reasonKey);
  const endedByWrong = reason && v.endedBy ? endedByFault(reason, v.endedBy) : null;
  const reasonWrong = reason ? reasonStageFault(reason, reached) : null;
  // A reason says who usually ends it (the reasons list in Settings); the person can still change it.
  const pickReason = (key: string) => {
    const by = reasons.find((x) => x.key === key)?.endedBy;
    setV({ ...v, reasonKey: key, endedBy: isEndedBy(by) ? by : v.endedBy });
  };
  const closure = {
    id: record.id,
    date: v.date,
    reasonKey: v.reasonKey,
    endedBy: v.endedBy || 'applicant',
    notes: v.notes.trim() || null,
  } as const;
  const close = () =>
    correct
      ? act.send('households.correctClosure', { ...closure, because }, () => setBecause(''))
      : act.send('households.closeHousehold', closure);
  return (
    <ActionForm
      title={correct ? 'Correct the closure' : 'Close (drop out)'}
      label={correct ? 'Correct the closure' : 'Close the household'}
      action={act}
      shown={['date', 'reasonKey', 'endedBy', ...(correct ? ['because'] : [])]}
      submit={correct ? 'Correct closure' : 'Close household'}
      onSubmit={close}
    >
      <p className="hint">
        Stage reached: {stageLabel(reached)} (from the milestones
        {record.kinshipApplication ? ' and the viability request, which stands as the application' : ''}).
      </p>
      <DateField
        label="Closure date"
        error={act.errorFor('date')}
        fault={dateFault}
        required
        value={v.date}
        onChange={(d) => setV({ ...v, date: d })}
      />
      <ChoiceField
        label="Reason"
        required
        empty="Choose a reason"
        choices={choices}
        value={v.reasonKey}
        onChange={pickReason}
        error={act.errorFor('reasonKey')}
        fault={reasonWrong}
      />
      <ChoiceField
        label="Ended by"
        required
        empty="Choose who ended it"
        choices={ENDED_BY_CHOICES}
        value={v.endedBy}
        onChange={(k) => setV({ ...v, endedBy: k as EndedBy })}
        error={act.errorFor('endedBy')}
        fault={endedByWrong}
      />
      <Field label="Closure notes">
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
