import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import { ENDED_BY_LABELS, reasonWithText } from '../../../src-main/contract/vocab.ts';
import { ExitInterviewForm } from './ExitInterviewForm.tsx';
import { stageLabel, uk } from './format.ts';

/** Each closure and the cessation, with its exit interview (offered, held or declined). */
export function EndingsSection({
  record,
  reasons,
  onDone,
}: {
  record: HouseholdRecord;
  reasons: { dropout: ReasonItem[]; leaving: ReasonItem[] };
  onDone(r: HouseholdRecord, what?: string): void;
}) {
  if (record.closures.length === 0 && !record.cessation) return null;
  return (
    <section aria-labelledby="endings-title">
      <h2 id="endings-title">Endings and exit interviews</h2>
      {record.closures.map((c) => (
        <div key={c.id} className="hh-ending">
          <p>
            <strong>Closed {uk(c.date)}</strong> at {stageLabel(c.stageReached)}:{' '}
            {reasonWithText(c.reasonLabel, c.reasonText)} (
            {ENDED_BY_LABELS[c.endedBy as keyof typeof ENDED_BY_LABELS] ?? c.endedBy})
            {c.reopenedOn && `; re-opened ${uk(c.reopenedOn)}`}
            {c.notes && ` – ${c.notes}`}
          </p>
          <ExitInterviewForm
            key={`c${c.id}-${record.exitInterviews.find((i) => i.closureId === c.id)?.id ?? 'new'}`}
            record={record}
            ending={{
              closureId: c.id,
              date: c.date,
              endedBy: c.endedBy,
              label: `the closure of ${uk(c.date)}`,
            }}
            existing={record.exitInterviews.find((i) => i.closureId === c.id)}
            reasons={reasons.dropout}
            onDone={onDone}
          />
        </div>
      ))}
      {record.cessation && (
        <div className="hh-ending">
          <p>
            <strong>Ceased {uk(record.cessation.date)}</strong>:{' '}
            {reasonWithText(record.cessation.reasonLabel, record.cessation.reasonText)} (initiated by the{' '}
            {record.cessation.initiatedBy}
            {record.cessation.noticeDate && `, notice ${uk(record.cessation.noticeDate)}`})
          </p>
          {/* Drawn afresh once the interview is first saved, as a closure's is: focus goes to what was saved. */}
          <ExitInterviewForm
            key={`s${record.cessation.id}-${record.exitInterviews.find((i) => i.cessationId === record.cessation!.id)?.id ?? 'new'}`}
            record={record}
            ending={{
              cessationId: record.cessation.id,
              date: record.cessation.date,
              noticeDate: record.cessation.noticeDate,
              label: 'ceasing to foster',
            }}
            existing={record.exitInterviews.find((i) => i.cessationId === record.cessation!.id)}
            reasons={reasons.leaving}
            onDone={onDone}
          />
        </div>
      )}
    </section>
  );
}
