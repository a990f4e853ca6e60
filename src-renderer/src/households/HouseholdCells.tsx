import type { ReactNode } from 'react';
import type { HouseholdListRow } from '../../../src-main/contract/households.ts';
import { foundByWords, sourceLabel } from '../../../src-main/contract/vocab.ts';
import { cellClass, type COLUMNS } from './list-columns.ts';
import { alertLabel, pathwayLabel, stageLabel, STATUS_LABELS, uk } from './format.ts';

/** One household's cells, in the order of list-columns.ts (adding a column: add its cell here too). */
export function HouseholdCells({ r }: { r: HouseholdListRow }) {
  // An ending's reason beside the status it gave, in one cell (list-columns.ts says why).
  const ending = r.reason ? `${STATUS_LABELS[r.status]}: ${r.reason}` : null;
  const alert = r.nextAlert ? `${r.nextAlertWords ?? alertLabel(r.nextAlert)} ${uk(r.nextAlertDate)}` : null;
  // Beside the name of a household a search found by its carers' own names, not its own (the core
  // says who: HouseholdListRow.foundBy), who they are, in the words the record's Carers section and
  // the CLI use (foundByWords: "Carer 2", "Applicant 2" before approval; those who left said so):
  // "smith" lists the household Jones with "· Carer 2: Ann Smith", so no one wonders why it is there.
  const foundBy = r.foundBy ? foundByWords(r.status, r.foundBy) : null;
  const contact = [r.email, r.telephone].filter(Boolean).join(' · ');
  return (
    <>
      <span role="cell" className="hh-ref">
        <a href={`#/households?id=${r.id}`}>{r.reference}</a>
      </span>
      <WrapCell column="name" whole={foundBy ? `${r.name} · ${foundBy}` : r.name}>
        {r.name}
        {foundBy && <span className="hh-found-by">{` · ${foundBy}`}</span>}
      </WrapCell>
      <WrapCell column="contact" className="hh-contact" whole={contact} />
      <span role="cell">{pathwayLabel(r.pathway)}</span>
      <span role="cell">{stageLabel(r.stage)}</span>
      <DaysInStage r={r} />
      <WrapCell column="source" whole={sourceLabel(r.source)} />
      <span role="cell">{uk(r.enquiryDate)}</span>
      <WrapCell column="status" whole={ending ?? STATUS_LABELS[r.status]} />
      <WrapCell column="nextAlert" whole={alert && `${r.overdue ? 'Overdue ' : ''}${alert}`}>
        {alert && (
          <>
            {r.overdue && <strong className="hh-badge">Overdue</strong>} {alert}
          </>
        )}
      </WrapCell>
    </>
  );
}

/**
 * A cell of a column sharing the spare width (list-columns.ts cellClass), cut short at its second
 * line: its whole text is its hover title, as a mouse user may not put the keyboard in its row
 * (which shows every cell whole, households.css). Only the eye meets the cut: a screen reader
 * reads the cell's text, always whole, and Chromium adds no description where the title says
 * the same. (helper-273: a long name or email could not be read without opening the household.)
 */
function WrapCell({
  column,
  whole,
  className,
  children,
}: {
  column: (typeof COLUMNS)[number]['key'];
  /** The cell's whole text; the cell shows it unless given children (the same words, marked up). */
  whole: string | null;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <span
      role="cell"
      className={[className, cellClass(column)].filter(Boolean).join(' ')}
      title={whole || undefined}
    >
      {children ?? whole}
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
