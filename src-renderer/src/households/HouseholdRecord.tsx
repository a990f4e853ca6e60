import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { HouseholdRecord as Rec, TimelineEntry } from '../../../src-main/contract/households.ts';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import { ENDED_BY_LABELS, SOURCES, sourceLabel } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { SubjectAccessExport } from '../data/SubjectAccessExport.tsx';
import { ExitInterviewForm } from './ExitInterviewForm.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { alertLabel, milestoneLabel, pathwayLabel, stageLabel, STATUS_LABELS, uk } from './format.ts';
import {
  CeaseForm,
  CloseForm,
  MilestoneForms,
  PathwayForm,
  ReopenForm,
  ResponseForm,
} from './JourneyForms.tsx';
import { useAction } from '../ui/use-action.ts';
import { MergeForm } from './MergeForm.tsx';

/** One household: details, alerts, journey, endings with exit interviews, actions, timeline. */
export function HouseholdRecord({ id }: { id: number }) {
  const [record, setRecord] = useState<Rec | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [reasons, setReasons] = useState<{ dropout: ReasonItem[]; leaving: ReasonItem[] }>({
    dropout: [],
    leaving: [],
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const reloadTimeline = useCallback(() => call('households.getTimeline', { id }).then(setTimeline), [id]);
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
  const title = record ? `${record.reference} – Households – Fostering Funnel` : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  const done = (r: Rec) => {
    setRecord(r);
    setSaved(
      `Saved. ${r.reference} is now ${STATUS_LABELS[r.status]?.toLowerCase()} at ${stageLabel(r.stage)}.`,
    );
    void reloadTimeline();
  };

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!record) return <p role="status">Loading household…</p>;
  const name = [record.firstName, record.surname].filter(Boolean).join(' ') || '(no name)';
  const active = (list: ReasonItem[]) => list.filter((r) => !r.retired);

  return (
    <article className="hh-record" aria-labelledby="record-title">
      <p>
        <a href="#/households">← All households</a>
      </p>
      <h1 id="record-title" ref={heading} tabIndex={-1}>
        {record.reference} {name}
      </h1>
      <p className="hh-summary">
        <span className={`hh-status hh-status-${record.status}`}>{STATUS_LABELS[record.status]}</span> ·{' '}
        {stageLabel(record.stage)} since {uk(record.stageDate)} · {pathwayLabel(record.pathway)} · enquiry{' '}
        {uk(record.enquiryDate)}
        {record.episode > 1 && ` · episode ${record.episode}`}
      </p>
      <p role="status" className="hh-saved">
        {saved}
      </p>

      {record.alerts.length > 0 && (
        <section aria-labelledby="alerts-title" className="hh-alerts">
          <h2 id="alerts-title">Alerts</h2>
          <ul>
            {record.alerts.map((a) => (
              <li key={a.kind} className={a.overdue ? 'hh-overdue' : undefined}>
                {a.overdue && <strong className="hh-badge">Overdue</strong>} {alertLabel(a.kind)}: due{' '}
                {uk(a.due)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="hh-columns">
        <div>
          <section aria-labelledby="journey-title">
            <h2 id="journey-title">Journey</h2>
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
                  <tr key={`${m.episode}-${m.kind}`}>
                    <td>{m.episode}</td>
                    <td>{milestoneLabel(m.kind)}</td>
                    <td>{uk(m.date)}</td>
                    <td>{m.source === 'import' ? 'Import' : 'By hand'}</td>
                  </tr>
                ))}
                {record.respondedDate && (
                  <tr>
                    <td>{record.episode}</td>
                    <td>Enquiry answered</td>
                    <td>{uk(record.respondedDate)}</td>
                    <td>By hand</td>
                  </tr>
                )}
              </tbody>
            </table>
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

          {(record.closures.length > 0 || record.cessation) && (
            <section aria-labelledby="endings-title">
              <h2 id="endings-title">Endings and exit interviews</h2>
              {record.closures.map((c) => (
                <div key={c.id} className="hh-ending">
                  <p>
                    <strong>Closed {uk(c.date)}</strong> at {stageLabel(c.stageReached)}: {c.reasonLabel} (
                    {ENDED_BY_LABELS[c.endedBy as keyof typeof ENDED_BY_LABELS] ?? c.endedBy})
                    {c.reopenedOn && `; re-opened ${uk(c.reopenedOn)}`}
                    {c.notes && ` – ${c.notes}`}
                  </p>
                  <ExitInterviewForm
                    key={`c${c.id}-${record.exitInterviews.find((i) => i.closureId === c.id)?.id ?? 'new'}`}
                    record={record}
                    ending={{ closureId: c.id, date: c.date, label: `the closure of ${uk(c.date)}` }}
                    existing={record.exitInterviews.find((i) => i.closureId === c.id)}
                    reasons={reasons.dropout}
                    onDone={done}
                  />
                </div>
              ))}
              {record.cessation && (
                <div className="hh-ending">
                  <p>
                    <strong>Ceased {uk(record.cessation.date)}</strong>: {record.cessation.reasonLabel}{' '}
                    (initiated by the {record.cessation.initiatedBy}
                    {record.cessation.noticeDate && `, notice ${uk(record.cessation.noticeDate)}`})
                  </p>
                  <ExitInterviewForm
                    record={record}
                    ending={{
                      cessationId: record.cessation.id,
                      date: record.cessation.date,
                      label: 'ceasing to foster',
                    }}
                    existing={record.exitInterviews.find((i) => i.cessationId === record.cessation!.id)}
                    reasons={reasons.leaving}
                    onDone={done}
                  />
                </div>
              )}
            </section>
          )}

          <section aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <div className="hh-actions">
              <ResponseForm record={record} onDone={done} />
              <MilestoneForms
                key={`m-${record.milestones.length}-${record.episode}`}
                record={record}
                onDone={done}
              />
              <CloseForm record={record} onDone={done} reasons={active(reasons.dropout)} />
              <ReopenForm record={record} onDone={done} />
              <CeaseForm record={record} onDone={done} reasons={active(reasons.leaving)} />
              <PathwayForm record={record} onDone={done} />
              <MergeForm record={record} onDone={done} />
            </div>
          </section>
        </div>
        <div>
          <DetailsForm key={record.id} record={record} onDone={done} />
          <SubjectAccessExport id={record.id} />
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <ol className="hh-timeline">
              {timeline.map((t) => (
                <li key={t.id}>
                  <span className="hh-when">
                    {uk(t.at.slice(0, 10))} {t.at.slice(11, 16)}
                  </span>{' '}
                  <span className="hh-who">{t.user}</span>: {t.summary}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </article>
  );
}

function DetailsForm({ record, onDone }: { record: Rec; onDone(r: Rec): void }) {
  const pick = (r: Rec) => ({
    firstName: r.firstName ?? '',
    surname: r.surname ?? '',
    email: r.email ?? '',
    telephone: r.telephone ?? '',
    postcode: r.postcode ?? '',
    source: r.source ?? '',
    householdType: r.householdType ?? '',
    notes: r.notes ?? '',
  });
  const [v, setV] = useState(() => pick(record));
  const act = useAction();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = pick(record);
    const changes = Object.fromEntries(
      (Object.keys(v) as Array<keyof typeof v>)
        .filter((k) => v[k] !== before[k])
        .map((k) => [k, v[k].trim() || null]),
    );
    void act.run(async () => onDone(await call('households.updateDetails', { id: record.id, ...changes })));
  };
  const text = (k: keyof typeof v, label: string, type = 'text') => (
    <Field label={label} error={act.errorFor(k)}>
      {(a) => <input {...a} type={type} value={v[k]} onChange={set(k)} autoComplete="off" />}
    </Field>
  );
  return (
    <form onSubmit={submit} className="hh-form" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <div className="hh-grid">
        {text('firstName', 'First name')}
        {text('surname', 'Surname')}
        {text('email', 'Email')}
        {text('telephone', 'Telephone', 'tel')}
        {text('postcode', 'Postcode')}
        <Field label="Source">
          {(a) => (
            <select {...a} value={v.source} onChange={set('source')}>
              <option value="">Not known</option>
              {SOURCES.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
              {v.source && !SOURCES.some((s) => s.key === v.source) && (
                <option value={v.source}>{sourceLabel(v.source)}</option>
              )}
            </select>
          )}
        </Field>
        <Field label="Household">
          {(a) => (
            <select {...a} value={v.householdType} onChange={set('householdType')}>
              <option value="">Not known</option>
              <option value="single">Single applicant</option>
              <option value="couple">Couple</option>
              {v.householdType && !['single', 'couple'].includes(v.householdType) && (
                <option value={v.householdType}>{v.householdType}</option>
              )}
            </select>
          )}
        </Field>
      </div>
      <Field label="Notes">
        {(a) => <textarea {...a} rows={3} value={v.notes} onChange={set('notes')} />}
      </Field>
      <FormError error={act.error} shown={Object.keys(v)} />
      <button type="submit" disabled={act.busy}>
        Save details
      </button>
    </form>
  );
}
