import type { HouseholdListRow } from '../../../src-main/contract/households.ts';
import { foundByWords, sourceLabel } from '../../../src-main/contract/vocab.ts';
import { cellClass } from './list-columns.ts';
import { alertLabel, pathwayLabel, stageLabel, STATUS_LABELS, uk } from './format.ts';

/** One household's cells, in the order of list-columns.ts (adding a column: add its cell here too). */
export function HouseholdCells({ r }: { r: HouseholdListRow }) {
  // An ending's reason beside the status it gave, in one cell (list-columns.ts says why).
  const ending = r.reason ? `${STATUS_LABELS[r.status]}: ${r.reason}` : null;
  const alert = r.nextAlert ? `${r.nextAlertWords ?? alertLabel(r.nextAlert)} ${uk(r.nextAlertDate)}` : null;
  return (
    <>
      <span role="cell" className="hh-ref">
        <a href={`#/households?id=${r.id}`}>{r.reference}</a>
      </span>
      <span role="cell" className={cellClass('name')}>
        {r.name}
        {r.foundBy && <FoundBy r={r} />}
      </span>
      <span role="cell" className={`hh-contact ${cellClass('contact')}`}>
        {[r.email, r.telephone].filter(Boolean).join(' · ')}
      </span>
      <span role="cell">{pathwayLabel(r.pathway)}</span>
      <span role="cell">{stageLabel(r.stage)}</span>
      <DaysInStage r={r} />
      <span role="cell" className={cellClass('source')} title={sourceLabel(r.source)}>
        {sourceLabel(r.source)}
      </span>
      <span role="cell">{uk(r.enquiryDate)}</span>
      <span role="cell" className={cellClass('status')} title={ending ?? undefined}>
        {ending ?? STATUS_LABELS[r.status]}
      </span>
      {/* Cut short on its second line in a narrow column: the whole text on hover (a screen reader reads it whole). */}
      <span
        role="cell"
        className={cellClass('nextAlert')}
        title={alert ? `${r.overdue ? 'Overdue: ' : ''}${alert}` : undefined}
      >
        {alert && (
          <>
            {r.overdue && <strong className="hh-badge">Overdue</strong>} {alert}
          </>
        )}
      </span>
    </>
  );
}

/**
 * Beside the name of a household a search found by its carers' own names, not its own (the core
 * says who: HouseholdListRow.foundBy), who they are, in the words the record's Carers section and
 * the CLI use (foundByWords: "Carer 2", "Applicant 2" before approval; those who left said so):
 * "smith" lists the household Jones with "· Carer 2: Ann Smith", so no one wonders why it is there.
 */
function FoundBy({ r }: { r: HouseholdListRow }) {
  return (
    <span className="hh-found-by">
      {' · '}
      {foundByWords(r.status, r.foundBy!)}
    </span>
  );
}

/**
 * Days in stage, counted only while the household stands at a stage (households-order.ts
 * STANDING_SINCE). An ended one's cell says why it has none, read out and on hover, behind a dash:
 * beside "Stage 1" an empty cell could be taken for a figure missing.
 */
function DaysInStage({ r }: { r: HouseholdListRow }) {
  const why =
    r.daysInStage === null && (r.status === 'closed' || r.status === 'ceased')
      ? `Not counted once ${r.status}`
      : undefined;
  return (
    <span role="cell" className="num" title={why}>
      {r.daysInStage}
      {why && (
        <>
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{why}</span>
        </>
      )}
    </span>
  );
}
