import type { HouseholdListRow } from '../../../src-main/contract/households.ts';
import { sourceLabel } from '../../../src-main/contract/vocab.ts';
import { alertLabel, pathwayLabel, stageLabel, STATUS_LABELS, uk } from './format.ts';

/** One household's cells, in the order of list-columns.ts (adding a column: add its cell here too). */
export function HouseholdCells({ r }: { r: HouseholdListRow }) {
  return (
    <>
      <span role="cell">
        <a href={`#/households?id=${r.id}`}>{r.reference}</a>
      </span>
      <span role="cell">{r.name}</span>
      <span role="cell" className="hh-contact">
        {[r.email, r.telephone].filter(Boolean).join(' · ')}
      </span>
      <span role="cell">{pathwayLabel(r.pathway)}</span>
      <span role="cell">{stageLabel(r.stage)}</span>
      <span role="cell" className="num">
        {r.daysInStage ?? ''}
      </span>
      <span role="cell">{sourceLabel(r.source)}</span>
      <span role="cell">{uk(r.enquiryDate)}</span>
      <span role="cell">{STATUS_LABELS[r.status]}</span>
      <span role="cell">{r.reason ?? ''}</span>
      <span role="cell">
        {r.nextAlert && (
          <>
            {r.overdue && <strong className="hh-badge">Overdue</strong>} {alertLabel(r.nextAlert)}{' '}
            {uk(r.nextAlertDate)}
          </>
        )}
      </span>
    </>
  );
}
