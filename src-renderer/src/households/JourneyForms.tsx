import { useState, type FormEvent } from 'react';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  ENDED_BY_LABELS,
  MILESTONES,
  stageReached,
  type Milestone,
} from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { milestoneLabel, stageLabel, todayIso } from './format.ts';
import { useAction } from '../ui/use-action.ts';

/** Every journey action returns the fresh record; the page shows it. */
type Done = (r: HouseholdRecord) => void;
interface Props {
  record: HouseholdRecord;
  onDone: Done;
}

const current = (r: HouseholdRecord) => r.milestones.filter((m) => m.episode === r.episode);

export function MilestoneForms({ record, onDone }: Props) {
  const recorded = new Set(current(record).map((m) => m.kind));
  const missing = MILESTONES.filter((k) => !recorded.has(k));
  const [kind, setKind] = useState<Milestone | ''>('');
  const [date, setDate] = useState(todayIso());
  const rec = useAction();
  const chosen = kind && missing.includes(kind) ? kind : (missing[0] ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    void rec.run(async () =>
      onDone(await call('households.recordMilestone', { id: record.id, kind: chosen, date })),
    );
  };
  return (
    <>
      {record.status === 'open' && missing.length > 0 && (
        <form onSubmit={submit} className="hh-action" aria-label="Record a milestone">
          <h3>Record a milestone</h3>
          <Field label="Milestone" error={rec.errorFor('kind')}>
            {(a) => (
              <select {...a} value={chosen} onChange={(e) => setKind(e.target.value as Milestone)}>
                {missing.map((k) => (
                  <option key={k} value={k}>
                    {milestoneLabel(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Date" error={rec.errorFor('date')}>
            {(a) => (
              <input {...a} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
            )}
          </Field>
          <FormError error={rec.error} shown={['kind', 'date']} />
          <button type="submit" disabled={rec.busy}>
            Record milestone
          </button>
        </form>
      )}
      {recorded.size > 0 && <CorrectForm record={record} onDone={onDone} />}
    </>
  );
}

function CorrectForm({ record, onDone }: Props) {
  const recorded = current(record);
  const [kind, setKind] = useState<Milestone>(recorded[recorded.length - 1]!.kind);
  const old = recorded.find((m) => m.kind === kind) ?? recorded[recorded.length - 1]!;
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const act = useAction();
  const correct = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      onDone(
        await call('households.correctMilestone', {
          id: record.id,
          kind: old.kind,
          date: date || old.date,
          reason,
        }),
      );
      setReason('');
      setDate('');
    });
  };
  const remove = () =>
    void act.run(async () => {
      onDone(await call('households.removeMilestone', { id: record.id, kind: old.kind, reason }));
      setReason('');
    });
  return (
    <form onSubmit={correct} className="hh-action" aria-label="Correct or remove a milestone">
      <h3>Correct or remove a milestone</h3>
      <Field label="Recorded milestone" error={act.errorFor('kind')}>
        {(a) => (
          <select {...a} value={old.kind} onChange={(e) => setKind(e.target.value as Milestone)}>
            {recorded.map((m) => (
              <option key={m.kind} value={m.kind}>
                {milestoneLabel(m.kind)} ({m.date.split('-').reverse().join('/')})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Correct date" error={act.errorFor('date')}>
        {(a) => (
          <input {...a} type="date" value={date || old.date} onChange={(e) => setDate(e.target.value)} />
        )}
      </Field>
      <Field label="Reason for the change" error={act.errorFor('reason')}>
        {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError error={act.error} shown={['kind', 'date', 'reason']} />
      <button type="submit" disabled={act.busy}>
        Correct date
      </button>{' '}
      <button type="button" className="secondary" disabled={act.busy} onClick={remove}>
        Remove milestone
      </button>
    </form>
  );
}

export function ResponseForm({ record, onDone }: Props) {
  const [date, setDate] = useState(todayIso());
  const act = useAction();
  if (record.status !== 'open' || record.respondedDate) return null;
  return (
    <form
      className="hh-action"
      aria-label="Record the enquiry response"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => onDone(await call('households.recordResponse', { id: record.id, date })));
      }}
    >
      <h3>Enquiry answered</h3>
      <Field label="Response date" error={act.errorFor('date')}>
        {(a) => <input {...a} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <FormError error={act.error} shown={['date']} />
      <button type="submit" disabled={act.busy}>
        Record response
      </button>
    </form>
  );
}

export function CloseForm({ record, onDone, reasons }: Props & { reasons: ReasonItem[] }) {
  const [v, setV] = useState({
    date: todayIso(),
    reasonKey: '',
    endedBy: '' as '' | 'applicant' | 'service' | 'lost_contact',
    notes: '',
  });
  const act = useAction();
  if (record.status !== 'open') return null;
  const reached = stageReached(current(record).map((m) => m.kind));
  const pickReason = (key: string) => {
    const r = reasons.find((x) => x.key === key);
    const by = r?.endedBy;
    setV({
      ...v,
      reasonKey: key,
      endedBy: by === 'applicant' || by === 'service' || by === 'lost_contact' ? by : v.endedBy,
    });
  };
  return (
    <form
      className="hh-action"
      aria-label="Close the household"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () =>
          onDone(
            await call('households.closeHousehold', {
              id: record.id,
              date: v.date,
              reasonKey: v.reasonKey,
              endedBy: v.endedBy || 'applicant',
              notes: v.notes.trim() || null,
            }),
          ),
        );
      }}
    >
      <h3>Close (drop out)</h3>
      <p className="hint">Stage reached: {stageLabel(reached)} (from the milestones).</p>
      <Field label="Closure date" error={act.errorFor('date')}>
        {(a) => (
          <input
            {...a}
            type="date"
            required
            value={v.date}
            onChange={(e) => setV({ ...v, date: e.target.value })}
          />
        )}
      </Field>
      <Field label="Reason" error={act.errorFor('reasonKey')}>
        {(a) => (
          <select {...a} required value={v.reasonKey} onChange={(e) => pickReason(e.target.value)}>
            <option value="">Choose a reason</option>
            {reasons.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Ended by" error={act.errorFor('endedBy')}>
        {(a) => (
          <select
            {...a}
            required
            value={v.endedBy}
            onChange={(e) => setV({ ...v, endedBy: e.target.value as typeof v.endedBy })}
          >
            <option value="">Choose who ended it</option>
            {Object.entries(ENDED_BY_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Closure notes">
        {(a) => (
          <textarea {...a} rows={2} value={v.notes} onChange={(e) => setV({ ...v, notes: e.target.value })} />
        )}
      </Field>
      <FormError error={act.error} shown={['date', 'reasonKey', 'endedBy']} />
      <button type="submit" disabled={act.busy}>
        Close household
      </button>
    </form>
  );
}

export function ReopenForm({ record, onDone }: Props) {
  const [date, setDate] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const act = useAction();
  if (record.status !== 'closed') return null;
  return (
    <form
      className="hh-action"
      aria-label="Re-open the household"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () =>
          onDone(
            await call('households.reopenHousehold', {
              id: record.id,
              enquiryDate: date,
              notes: notes.trim() || null,
            }),
          ),
        );
      }}
    >
      <h3>Re-open (a new enquiry)</h3>
      <p className="hint">The closure stays in the history; the new enquiry counts in its own year.</p>
      <Field label="New enquiry date" error={act.errorFor('enquiryDate')}>
        {(a) => <input {...a} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label="Re-open notes">
        {(a) => <input {...a} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <FormError error={act.error} shown={['enquiryDate']} />
      <button type="submit" disabled={act.busy}>
        Re-open household
      </button>
    </form>
  );
}

export function CeaseForm({ record, onDone, reasons }: Props & { reasons: ReasonItem[] }) {
  const [v, setV] = useState({
    noticeDate: '',
    date: '',
    reasonKey: '',
    initiatedBy: 'carer' as 'carer' | 'service',
    notes: '',
  });
  const act = useAction();
  if (record.status !== 'approved') return null;
  return (
    <form
      className="hh-action"
      aria-label="Record that the household ceased fostering"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () =>
          onDone(
            await call('households.ceaseHousehold', {
              id: record.id,
              noticeDate: v.noticeDate || undefined,
              date: v.date || undefined,
              reasonKey: v.reasonKey,
              initiatedBy: v.initiatedBy,
              notes: v.notes.trim() || null,
            }),
          ),
        );
      }}
    >
      <h3>Cease fostering</h3>
      <Field
        label="Notice date"
        error={act.errorFor('noticeDate')}
        hint="A resignation takes effect 28 days after written notice."
      >
        {(a) => (
          <input
            {...a}
            type="date"
            value={v.noticeDate}
            onChange={(e) => setV({ ...v, noticeDate: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Date fostering ends"
        error={act.errorFor('date')}
        hint="Leave empty to use 28 days after the notice."
      >
        {(a) => (
          <input {...a} type="date" value={v.date} onChange={(e) => setV({ ...v, date: e.target.value })} />
        )}
      </Field>
      <Field label="Leaving reason" error={act.errorFor('reasonKey')}>
        {(a) => (
          <select
            {...a}
            required
            value={v.reasonKey}
            onChange={(e) => setV({ ...v, reasonKey: e.target.value })}
          >
            <option value="">Choose a reason</option>
            {reasons.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Initiated by">
        {(a) => (
          <select
            {...a}
            value={v.initiatedBy}
            onChange={(e) => setV({ ...v, initiatedBy: e.target.value as 'carer' | 'service' })}
          >
            <option value="carer">The carer</option>
            <option value="service">The service</option>
          </select>
        )}
      </Field>
      <Field label="Cessation notes">
        {(a) => (
          <textarea {...a} rows={2} value={v.notes} onChange={(e) => setV({ ...v, notes: e.target.value })} />
        )}
      </Field>
      <FormError error={act.error} shown={['noticeDate', 'date', 'reasonKey']} />
      <button type="submit" disabled={act.busy}>
        Record cessation
      </button>
    </form>
  );
}

export function PathwayForm({ record, onDone }: Props) {
  const [date, setDate] = useState(todayIso());
  const act = useAction();
  const to = record.pathway === 'mainstream' ? 'kinship' : 'mainstream';
  return (
    <form
      className="hh-action"
      aria-label="Switch pathway"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () =>
          onDone(await call('households.switchPathway', { id: record.id, pathway: to, date })),
        );
      }}
    >
      <h3>Switch pathway</h3>
      <Field label="Date of the switch" error={act.errorFor('date')}>
        {(a) => <input {...a} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <FormError error={act.error} shown={['date']} />
      <button type="submit" disabled={act.busy}>
        Switch to {to === 'kinship' ? 'kinship' : 'mainstream'}
      </button>
    </form>
  );
}
