import { useState, type FormEvent } from 'react';
import type { ExitInterviewRecord, HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { ReasonItem } from '../../../src-main/contract/reasons.ts';
import {
  EXIT_INTERVIEW_STATUSES,
  EXIT_INTERVIEW_STATUS_LABELS,
  MIGHT_RETURN_LABELS,
  givenInInterview,
  interviewHeldAfter,
  TEXT_LIMITS,
  type ExitInterviewStatus,
} from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { uk } from './format.ts';
import { useAction } from '../ui/use-action.ts';
import { DateField } from '../ui/DateField.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { useFocusRefusedField } from '../ui/use-focus-refused-field.ts';

/** The fields the form shows, which take the core's refusal beside them (and focus). */
const SHOWN = ['offeredDate', 'heldDate', 'heldBy', 'notes'];

/** The exit interview after one ending (a closure or the cessation): offered, held or declined. */
export function ExitInterviewForm(props: {
  record: HouseholdRecord;
  /** `noticeDate`: a resignation's notice, from which the interview may be held (during the notice). */
  ending: {
    closureId?: number;
    cessationId?: number;
    date: string;
    noticeDate?: string | null;
    /** A closure's ended-by: none is held after lost contact (interviewHeldAfter). */
    endedBy?: string;
    label: string;
  };
  existing: ExitInterviewRecord | undefined;
  reasons: ReasonItem[];
  /** `what` was saved, for the record's "Saved …" line. */
  onDone(r: HouseholdRecord, what: string): void;
}) {
  const e = props.existing;
  const [v, setV] = useState({
    status: e?.status ?? ('offered' as ExitInterviewStatus),
    offeredDate: e?.offeredDate ?? '',
    heldDate: e?.heldDate ?? '',
    heldBy: e?.heldBy ?? '',
    // Only a held interview gives reasons (the core stores none for another: an older record's show none).
    reasons: e?.status === 'held' ? e.reasons : [],
    notes: e?.notes ?? '',
    mightReturn: e?.mightReturn === true ? 'yes' : e?.mightReturn === false ? 'no' : '',
  });
  const act = useAction();
  // A reason the core refuses is named by its place in the list sent (reasons.N): said in its fieldset.
  // Read against that list, not the boxes ticked now: ticking or unticking one after a refusal moved
  // the mark onto another box.
  const [sent, setSent] = useState<string[]>([]);
  const reasonFields = sent.map((_, n) => `reasons.${n}`);
  const shown = [...SHOWN, ...reasonFields];
  const form = useFocusRefusedField(act.error, shown);
  const key = props.ending.closureId ? `c${props.ending.closureId}` : `s${props.ending.cessationId}`;
  const toggle = (k: string) =>
    setV({ ...v, reasons: v.reasons.includes(k) ? v.reasons.filter((x) => x !== k) : [...v.reasons, k] });
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const reasons = v.status === 'held' ? v.reasons : [];
    setSent(reasons);
    void act.run(async () =>
      props.onDone(
        await call('households.saveExitInterview', {
          id: props.record.id,
          ...(props.ending.closureId
            ? { closureId: props.ending.closureId }
            : { cessationId: props.ending.cessationId! }),
          status: v.status,
          offeredDate: v.offeredDate || null,
          heldDate: v.status === 'held' ? v.heldDate || null : null,
          heldBy: v.status === 'held' ? v.heldBy.trim() || null : null,
          reasons,
          notes: v.notes.trim() || null,
          mightReturn: v.mightReturn === '' ? null : v.mightReturn === 'yes',
        }),
        `the exit interview after ${props.ending.label}`,
      ),
    );
  };
  // Retired reasons, and those no interview held gives (lost contact: they came to it), disappear
  // from the choices unless this interview holds them (as saved: unticked, one stays to re-tick).
  const list = props.ending.closureId ? 'dropout' : 'leaving';
  const saved = e?.reasons ?? [];
  const choices = props.reasons.filter(
    (r) =>
      (!r.retired && givenInInterview(list, r.key)) || saved.includes(r.key) || v.reasons.includes(r.key),
  );
  // "Held" is not offered after lost contact, unless this interview was saved held (before the rule).
  const canHold = interviewHeldAfter(props.ending.endedBy) || e?.status === 'held';
  const statuses = EXIT_INTERVIEW_STATUSES.filter((s) => s !== 'held' || canHold);
  const reasonsError = act.errorFor(...reasonFields);
  const refused = (k: string) => v.reasons.includes(k) && !!act.errorFor(`reasons.${sent.indexOf(k)}`);
  return (
    <form
      ref={form}
      onSubmit={submit}
      className="hh-action"
      aria-label={`Exit interview after ${props.ending.label}`}
    >
      <h3>Exit interview after {props.ending.label}</h3>
      {/* No typing while it saves: the first save draws the form afresh from the core's answer. */}
      <FieldsLockedWhileSaving saving={act.busy}>
        <fieldset aria-describedby={canHold ? undefined : `${key}-status-hint`}>
          <legend>Interview</legend>
          {!canHold && (
            <p className="hint" id={`${key}-status-hint`}>
              Contact was lost, so no interview was held: if they came to one, correct who ended the closure
              first.
            </p>
          )}
          {statuses.map((s) => (
            <span key={s} className="hh-radio">
              <input
                type="radio"
                id={`${key}-status-${s}`}
                name={`${key}-status`}
                checked={v.status === s}
                onChange={() => setV({ ...v, status: s, reasons: s === 'held' ? v.reasons : [] })}
              />
              <label htmlFor={`${key}-status-${s}`}>{EXIT_INTERVIEW_STATUS_LABELS[s]}</label>
            </span>
          ))}
        </fieldset>
        <DateField
          label="Offered on"
          error={act.errorFor('offeredDate')}
          hint={
            props.ending.noticeDate
              ? `Notice was given on ${uk(props.ending.noticeDate)}; fostering ends on ${uk(props.ending.date)}.`
              : `The ending was on ${uk(props.ending.date)}.`
          }
          value={v.offeredDate}
          onChange={(d) => setV({ ...v, offeredDate: d })}
        />
        {v.status === 'held' && (
          <>
            <DateField
              label="Held on"
              error={act.errorFor('heldDate')}
              value={v.heldDate}
              onChange={(d) => setV({ ...v, heldDate: d })}
            />
            <Field label="Held by" error={act.errorFor('heldBy')}>
              {(a) => (
                <input
                  autoComplete="off"
                  {...a}
                  maxLength={TEXT_LIMITS.heldBy}
                  value={v.heldBy}
                  onChange={(ev) => setV({ ...v, heldBy: ev.target.value })}
                />
              )}
            </Field>
          </>
        )}
        <fieldset
          disabled={v.status !== 'held'}
          aria-describedby={v.status === 'held' ? undefined : `${key}-reasons-hint`}
        >
          <legend>Reasons given</legend>
          {v.status !== 'held' && (
            <p className="hint" id={`${key}-reasons-hint`}>
              Reasons are recorded only for an interview held.
            </p>
          )}
          {reasonsError && (
            <p className="error field-error" role="alert" id={`${key}-reasons-error`}>
              {reasonsError}
            </p>
          )}
          <div className="hh-checks">
            {choices.map((r) => (
              <span key={r.key} className="hh-radio">
                <input
                  type="checkbox"
                  id={`${key}-r-${r.key}`}
                  checked={v.reasons.includes(r.key)}
                  {...(refused(r.key)
                    ? { 'aria-invalid': true, 'aria-describedby': `${key}-reasons-error` }
                    : {})}
                  onChange={() => toggle(r.key)}
                />
                <label htmlFor={`${key}-r-${r.key}`}>{r.label}</label>
              </span>
            ))}
          </div>
        </fieldset>
        <Field label="Interview notes" error={act.errorFor('notes')}>
          {(a) => (
            <textarea
              autoComplete="off"
              {...a}
              maxLength={TEXT_LIMITS.notes}
              rows={3}
              value={v.notes}
              onChange={(ev) => setV({ ...v, notes: ev.target.value })}
            />
          )}
        </Field>
        <Field label="Might return later">
          {(a) => (
            <select
              {...a}
              value={v.mightReturn}
              onChange={(ev) => setV({ ...v, mightReturn: ev.target.value })}
            >
              <option value="">{MIGHT_RETURN_LABELS.unknown}</option>
              <option value="yes">{MIGHT_RETURN_LABELS.yes}</option>
              <option value="no">{MIGHT_RETURN_LABELS.no}</option>
            </select>
          )}
        </Field>
      </FieldsLockedWhileSaving>
      <FormError error={act.error} shown={shown} />
      <button type="submit" disabled={act.busy}>
        Save exit interview
      </button>
    </form>
  );
}
