import { useEffect, useRef } from 'react';
import { TableScroll } from './TableScroll.tsx';
import './ui.css';
import { closesOnEscape } from './escape.ts';
import type { DrillEvent, HomeDrillResult } from '../../../src-main/contract/planning.ts';
import {
  countedAsWords,
  currentStageLabel,
  formatUkDate,
  heldInterviewWords,
  STATUS_LABELS,
  type HouseholdStatus,
} from '../../../src-main/contract/vocab.ts';

/** One line per fact counted (a household approved and ceased in the same year has two). */
const lines = (events: readonly DrillEvent[], text: (e: DrillEvent) => string) =>
  events.map((e, i) => <div key={i}>{text(e)}</div>);

/** The households behind one number, each linking to its record. */
export function DrillPanel({
  title,
  result,
  error,
  onClose,
}: {
  title: string;
  /** A report's list or Home's (events where its figure counts endings). */
  result: HomeDrillResult | null;
  error: string | null;
  onClose(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The number pressed to open the list: Close list (which goes with the panel) hands focus back to
  // it, or the next Tab would start again from the top of the page.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && !heading.current?.closest('section')?.contains(active))
      opener.current = active;
    heading.current?.focus();
  }, [title]);
  useEffect(
    () => () => {
      const active = document.activeElement;
      if (opener.current?.isConnected && (!active || active === document.body)) opener.current.focus();
    },
    [],
  );
  // Where the figure counts endings, when each household closed or left and why (the reason in words).
  const events = result?.households.some((h) => h.events) ?? false;
  // A report's drop-outs also say who ended each closure.
  const endedBy = result?.households.some((h) => h.events?.some((e) => e.endedBy !== undefined)) ?? false;
  // Drop-outs and cessations (Reports', Home's drop-outs and net change) also say what each said at the interview held.
  const said = result?.households.some((h) => h.events?.some((e) => e.said !== undefined)) ?? false;
  // A list that says why a household is in it (the Ofsted return's carers not recorded by age).
  const why = result?.households.some((h) => h.why) ?? false;
  return (
    <section className="drill-panel" aria-labelledby="drill-title" onKeyDown={closesOnEscape(onClose)}>
      <div className="drill-head">
        <h2 id="drill-title" ref={heading} tabIndex={-1}>
          Households behind: {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close list
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!result && !error && <p role="status">Loading…</p>}
      {result && (
        <>
          <p role="status">
            {result.total === 1 ? '1 household' : `${result.total.toLocaleString('en-GB')} households`}
            {result.households.length < result.total ? ` (the first ${result.households.length} shown)` : ''}.
            {result.note && ` ${result.note}`}
          </p>
          {result.households.length > 0 && (
            <TableScroll>
              <table className="report-table drill-table">
                <caption className="visually-hidden">Households behind {title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Name</th>
                    <th scope="col">Stage now</th>
                    <th scope="col">Status</th>
                    {events && (
                      <>
                        <th scope="col">Counted as</th>
                        <th scope="col">Date</th>
                        <th scope="col">Reason</th>
                        {endedBy && <th scope="col">Ended by</th>}
                        {said && (
                          <>
                            <th scope="col">Said at exit interview</th>
                            <th scope="col">Might return later</th>
                          </>
                        )}
                      </>
                    )}
                    {why && <th scope="col">Why</th>}
                  </tr>
                </thead>
                <tbody>
                  {result.households.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <a href={`#/household?id=${h.id}`}>{h.reference}</a>
                      </td>
                      <td>{h.name}</td>
                      <td>{currentStageLabel(h.stage)}</td>
                      <td>{STATUS_LABELS[h.status as HouseholdStatus] ?? h.status}</td>
                      {events && (
                        <>
                          <td>{lines(h.events ?? [], countedAsWords)}</td>
                          <td>{lines(h.events ?? [], (e) => formatUkDate(e.date))}</td>
                          <td>{lines(h.events ?? [], (e) => e.reason ?? '')}</td>
                          {endedBy && <td>{lines(h.events ?? [], (e) => e.endedBy ?? '')}</td>}
                          {said && (
                            <>
                              <td>{lines(h.events ?? [], (e) => heldInterviewWords(e).said)}</td>
                              <td>{lines(h.events ?? [], (e) => heldInterviewWords(e).mightReturn)}</td>
                            </>
                          )}
                        </>
                      )}
                      {why && (
                        <td>
                          {(h.why ?? []).map((w, i) => (
                            <div key={i}>{w}</div>
                          ))}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
