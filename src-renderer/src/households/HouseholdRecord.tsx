import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { HouseholdRecord as Rec, TimelineEntry } from '../../../src-main/contract/households.ts';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import { call } from '../api.ts';
import { CarersSection } from '../carers/CarersSection.tsx';
import { SubjectAccessExport } from '../data/SubjectAccessExport.tsx';
import { DetailsForm } from './DetailsForm.tsx';
import { EndingsSection } from './EndingsSection.tsx';
import { JourneyDates } from './JourneyDates.tsx';
import { milestoneLabel, pathwayLabel, STATUS_LABELS, uk } from './format.ts';
import { ERASED_NAME } from '../../../src-main/contract/vocab.ts';
import { standingWords, whereNow } from './standing-words.ts';
import { CeaseForm } from './CeaseForm.tsx';
import { CloseForm } from './CloseForm.tsx';
import { MilestoneForms } from './MilestoneForms.tsx';
import { PathwayForm } from './PathwayForm.tsx';
import { ReopenForm } from './ReopenForm.tsx';
import { RemoveEndingForm } from './RemoveEndingForm.tsx';
import { ResponseForm } from './ResponseForm.tsx';
import { MergeForm } from './MergeForm.tsx';
import { useFocusIfLost } from '../ui/use-focus-if-lost.ts';
import { madeAt } from '../ui/when.ts';
import { backToList } from '../routes.ts';
import { TableScroll } from '../ui/TableScroll.tsx';

/** One household: details, alerts, journey, endings with exit interviews, actions, timeline. */
export function HouseholdRecord({ id }: { id: number }) {
  const [record, setRecord] = useState<Rec | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [reasons, setReasons] = useState<{ dropout: ReasonItem[]; leaving: ReasonItem[] }>({
    dropout: [],
    leaving: [],
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState({ text: '', count: 0 });
  // Once another change is asked for, what the last one saved is no longer the news: a refusal
  // must not stand beside "Saved." (cleared when any form of the record is sent, not moving focus).
  const [asking, setAsking] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const savedLine = useRef<HTMLParagraphElement>(null);

  // Read again after every change: an answer that comes after a newer one's is dropped, so the
  // timeline never goes back to before the latest change.
  const timelineAsked = useRef(0);
  const reloadTimeline = useCallback(() => {
    const mine = ++timelineAsked.current;
    return call('households.getTimeline', { id }).then((t) => {
      if (mine === timelineAsked.current) setTimeline(t);
    });
  }, [id]);
  useEffect(() => {
    Promise.all([
      call('households.getHousehold', { id }),
      call('reasons.listReasons', { list: 'dropout', includeRetired: true }),
      call('reasons.listReasons', { list: 'leaving', includeRetired: true }),
      reloadTimeline(),
    ]).then(
      ([r, dropout, leaving]) => {
        setRecord(r);
        setReasons({ dropout, leaving });
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [id, reloadTimeline]);
  const loaded = record !== null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  // A closed household loses its close form, the milestone form starts afresh: focus goes to what was saved.
  useFocusIfLost(savedLine, saved.count > 0 && saved);
  const title = record ? `${record.reference} – Households – Fostering Funnel` : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  /** `what`: what was saved, where the household's standing alone would not say (an exit interview). */
  const done = (r: Rec, what?: string) => {
    setRecord(r);
    setAsking(false);
    setSaved((s) => ({
      text: `Saved${what ? ` ${what}` : ''}. ${r.reference} ${whereNow(r)}.`,
      count: s.count + 1,
    }));
    void reloadTimeline();
  };

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!record) return <p role="status">Loading household…</p>;
  // As the lists name an erased household (a name typed since, for a family come back, shows).
  const name =
    [record.firstName, record.surname].filter(Boolean).join(' ') ||
    (record.purged ? ERASED_NAME : '(no name)');
  const active = (list: ReasonItem[]) => list.filter((r) => !r.retired);
  const responseRow = record.respondedDate && (
    <tr>
      <td>{record.episode}</td>
      <td>Enquiry answered</td>
      <td>{uk(record.respondedDate)}</td>
      <td>{record.fieldSources.responded_date === 'import' ? 'Import' : 'By hand'}</td>
    </tr>
  );
  const hasEnquiryRow = record.milestones.some((m) => m.kind === 'enquiry' && m.episode === record.episode);

  return (
    <article className="hh-record" aria-labelledby="record-title" onSubmitCapture={() => setAsking(true)}>
      <p>
        <a href="#/households" onClick={backToList}>
          ← All households
        </a>
      </p>
      <h1 id="record-title" ref={heading} tabIndex={-1}>
        {record.reference} {name}
      </h1>
      <p className="hh-summary">
        <span className={`hh-status hh-status-${record.status}`}>{STATUS_LABELS[record.status]}</span> ·{' '}
        {standingWords(record)} · {pathwayLabel(record.pathway)} · enquiry {uk(record.enquiryDate)}
        {record.episode > 1 && ` · episode ${record.episode}`}
      </p>
      <p role="status" className="hh-saved" ref={savedLine} tabIndex={-1}>
        {asking ? '' : saved.text}
      </p>

      {record.alerts.length > 0 && (
        <section aria-labelledby="alerts-title" className="hh-alerts">
          <h2 id="alerts-title">Alerts</h2>
          <ul>
            {record.alerts.map((a) => (
              <li key={a.kind} className={a.overdue ? 'hh-overdue' : undefined}>
                {/* The core's label: the decision alert says whether it counts from the minutes or the panel. */}
                {a.overdue && <strong className="hh-badge">Overdue</strong>} {a.label}: due {uk(a.due)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="hh-columns">
        <div>
          <section aria-labelledby="journey-title">
            <h2 id="journey-title">Journey</h2>
            <TableScroll label="Milestones">
              <table>
                <caption className="visually-hidden">Milestones</caption>
                <thead>
                  <tr>
                    <th scope="col">Episode</th>
                    <th scope="col">Milestone</th>
                    <th scope="col">Date</th>
                    <th scope="col">Entered</th>
                  </tr>
                </thead>
                <tbody>
                  {record.milestones.map((m) => (
                    <Fragment key={`${m.episode}-${m.kind}`}>
                      <tr>
                        <td>{m.episode}</td>
                        <td>{milestoneLabel(m.kind)}</td>
                        <td>{uk(m.date)}</td>
                        <td>{m.source === 'import' ? 'Import' : 'By hand'}</td>
                      </tr>
                      {/* The answer follows its enquiry, not the episode's last step. */}
                      {m.kind === 'enquiry' && m.episode === record.episode && responseRow}
                    </Fragment>
                  ))}
                  {!hasEnquiryRow && responseRow}
                </tbody>
              </table>
            </TableScroll>
            {record.pathwayChanges.length > 0 && (
              <ul>
                {record.pathwayChanges.map((p, i) => (
                  <li key={i}>
                    Pathway {pathwayLabel(p.from)} → {pathwayLabel(p.to)} on {uk(p.date)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <JourneyDates record={record} onDone={done} />
          <EndingsSection record={record} reasons={reasons} onDone={done} />

          <section aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <div className="hh-actions">
              <ResponseForm
                key={`r-${record.episode}-${record.respondedDate}`}
                record={record}
                onDone={done}
              />
              <MilestoneForms
                key={`m-${record.milestones.length}-${record.episode}`}
                record={record}
                onDone={done}
              />
              <CloseForm record={record} onDone={done} reasons={active(reasons.dropout)} />
              <ReopenForm record={record} onDone={done} />
              <CloseForm correct record={record} onDone={done} reasons={reasons.dropout} />
              <RemoveEndingForm ending="closure" record={record} onDone={done} />
              <CeaseForm record={record} onDone={done} reasons={active(reasons.leaving)} />
              <CeaseForm correct record={record} onDone={done} reasons={reasons.leaving} />
              <RemoveEndingForm ending="cessation" record={record} onDone={done} />
              <PathwayForm record={record} onDone={done} />
              <MergeForm record={record} onDone={done} />
            </div>
          </section>
          <CarersSection key={record.id} household={record} onChanged={() => void reloadTimeline()} />
        </div>
        <div>
          <DetailsForm key={record.id} record={record} onDone={done} />
          <SubjectAccessExport id={record.id} />
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            {/* Read with the record (above), so empty here is empty, not still loading. Sample data's
                households are made without a history; every other household has its creation. */}
            {timeline.length === 0 && (
              <p className="hint hh-timeline-empty">
                Nothing recorded yet: each change made by hand or by an import is listed here, with who made
                it and when.
              </p>
            )}
            <ol className="hh-timeline">
              {timeline.map((t) => (
                <li key={t.id}>
                  <span className="hh-when">{madeAt(t.at)}</span> <span className="hh-who">{t.user}</span>:{' '}
                  {t.summary}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </article>
  );
}
