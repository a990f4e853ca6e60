import { useState, type FormEvent } from 'react';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { JourneyDateKind } from '../../../src-main/contract/journey.ts';
import {
  extensionWeeksWords,
  REG25_MAX_WEEKS,
  VIABILITY_RESULT_LABELS,
  VIABILITY_RESULTS,
  type ViabilityResult,
} from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { Field, FormError } from '../ui/Field.tsx';
import { useAction } from '../ui/use-action.ts';
import { todayIso, uk } from './format.ts';
import { currentSteps, offeredSteps, stepLabel } from './journey-steps.ts';
import { DateField } from '../ui/DateField.tsx';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';

const SHOWN = ['kind', 'date', 'result', 'extensionReason', 'extensionWeeks', 'correctionReason', 'reason'];
/** An extension's lengths, longest first (the usual one); '' is a length not recorded. */
const WEEKS = Array.from({ length: REG25_MAX_WEEKS }, (_, i) => REG25_MAX_WEEKS - i);

/**
 * Records one dated step of the current episode, or corrects or removes one already recorded
 * (with the reason, which the audit keeps). The step offered first is the next one not yet
 * recorded; the core checks the order and the pathway, and names the field it refuses.
 */
export function JourneyDateForm({
  record,
  onDone,
}: {
  record: HouseholdRecord;
  onDone(r: HouseholdRecord): void;
}) {
  const { steps, next } = offeredSteps(record);
  const recorded = currentSteps(record);
  const [chosen, setChosen] = useState<JourneyDateKind | null>(null);
  const kind = chosen ?? next!;
  const existing = recorded[kind];
  // null: not touched, so the step's recorded value (or today) shows; '' is a box the user emptied.
  const [date, setDate] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [extensionReason, setExtensionReason] = useState<string | null>(null);
  const [weeks, setWeeks] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const act = useAction();
  const shownDate = date ?? existing?.date ?? todayIso();
  const shownResult = result ?? (kind === 'viability_outcome' ? (existing?.detail ?? '') : '');
  const shownReason = extensionReason ?? (kind === 'extension' ? (existing?.reason ?? '') : '');
  const shownWeeks = weeks ?? (kind === 'extension' && existing?.weeks ? String(existing.weeks) : '');

  const clear = () => {
    setChosen(null);
    setDate(null);
    setResult(null);
    setExtensionReason(null);
    setWeeks(null);
    setWhy('');
  };
  const choose = (k: JourneyDateKind) => {
    clear();
    setChosen(k);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act.run(async () => {
      onDone(
        await call('households.recordJourneyDate', {
          id: record.id,
          kind,
          date: shownDate,
          result: kind === 'viability_outcome' && shownResult ? (shownResult as ViabilityResult) : null,
          extensionReason: kind === 'extension' ? shownReason : null,
          extensionWeeks: kind === 'extension' && shownWeeks ? Number(shownWeeks) : null,
          correctionReason: existing ? why : null,
        }),
      );
      clear();
    });
  };
  const remove = () =>
    void act.run(async () => {
      onDone(await call('households.removeJourneyDate', { id: record.id, kind, reason: why }));
      clear();
    });

  return (
    <form onSubmit={submit} className="hh-action" aria-labelledby="journey-date-form-title">
      <h3 id="journey-date-form-title">Record a journey date</h3>
      {/* No typing while a step is saved: the form starts afresh once the core answers (ActionForm). */}
      <FieldsLockedWhileSaving saving={act.busy}>
        <Field label="Step" error={act.errorFor('kind')}>
          {(a) => (
            <select {...a} value={kind} onChange={(e) => choose(e.target.value as JourneyDateKind)}>
              {steps.map((k) => (
                <option key={k} value={k}>
                  {stepLabel(k)}
                  {recorded[k] ? ` (recorded ${uk(recorded[k].date)})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField
          label="Step date"
          error={act.errorFor('date')}
          required
          value={shownDate}
          onChange={(d) => setDate(d)}
        />
        {kind === 'viability_outcome' && (
          <Field label="Viability outcome" error={act.errorFor('result')}>
            {(a) => (
              <select {...a} value={shownResult} onChange={(e) => setResult(e.target.value)}>
                <option value="">Choose the outcome</option>
                {VIABILITY_RESULTS.map((r) => (
                  <option key={r} value={r}>
                    {VIABILITY_RESULT_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {kind === 'extension' && (
          <Field label="Why it was extended" error={act.errorFor('extensionReason')}>
            {(a) => (
              <input
                autoComplete="off"
                {...a}
                value={shownReason}
                onChange={(e) => setExtensionReason(e.target.value)}
              />
            )}
          </Field>
        )}
        {kind === 'extension' && (
          <Field
            label="Length of the extension"
            error={act.errorFor('extensionWeeks')}
            hint={`Reg 25 allows up to ${extensionWeeksWords(REG25_MAX_WEEKS)} more.`}
          >
            {(a) => (
              <select {...a} value={shownWeeks} onChange={(e) => setWeeks(e.target.value)}>
                <option value="">Not recorded (taken as the longest allowed)</option>
                {WEEKS.map((w) => (
                  <option key={w} value={w}>
                    {extensionWeeksWords(w)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {existing && (
          <Field
            label="Reason for correcting or removing it"
            error={act.errorFor('correctionReason', 'reason')}
            hint={`${stepLabel(kind)} is recorded as ${uk(existing.date)}: say why it changes or is removed.`}
          >
            {(a) => <input autoComplete="off" {...a} value={why} onChange={(e) => setWhy(e.target.value)} />}
          </Field>
        )}
      </FieldsLockedWhileSaving>
      <FormError error={act.error} shown={SHOWN} />
      <button type="submit" disabled={act.busy}>
        {existing ? 'Correct journey date' : 'Record journey date'}
      </button>
      {existing && (
        <>
          {' '}
          <button type="button" className="secondary" disabled={act.busy} onClick={remove}>
            Remove journey date
          </button>
        </>
      )}
    </form>
  );
}
