import { useEffect, useState, type FormEvent } from 'react';
import type { ApplicationBasis } from '../../../src-main/contract/journey.ts';
import { APPLICATION_BASES, APPLICATION_BASIS_WORDS, countOf } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { FieldsLockedWhileSaving } from '../ui/FieldsLockedWhileSaving.tsx';
import { LoadState } from '../ui/Page.tsx';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';
import { useApi } from '../ui/use-api.ts';

const HINTS: Record<ApplicationBasis, string> = {
  stage1: 'The statutory two-stage process: Stage 1 begins when the formal application is received.',
  eoi: 'For a service whose expression of interest is the formal application (a Stage 1 start stands in when no EOI is recorded).',
};

/** The bases in the domain's order, each in words with a capital to stand as a choice's label. */
const CHOICES = APPLICATION_BASES.map((basis) => {
  const words = APPLICATION_BASIS_WORDS[basis];
  return { basis, label: words[0]!.toUpperCase() + words.slice(1), hint: HINTS[basis] };
});

/**
 * Settings: what "application received" means. It starts the 8-month application-to-panel
 * timescale (NMS 14.4), its alert, the timescales table, the Ofsted return's applications and the
 * diversity table's applicants; a kinship household's viability request stands as its
 * application whichever is chosen (domain/journey-dates.ts `applicationReceived`).
 */
export function ApplicationBasisSettings() {
  const saved = useApi('alerts.getApplicationBasis', {});
  const [basis, setBasis] = useState<ApplicationBasis | null>(null);
  const act = useSave();
  useEffect(() => {
    if (saved.data) setBasis(saved.data.basis);
  }, [saved.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!basis) return;
    act.save(async () => {
      // Shown from the save's own answer, the choice locked till then: a reading asked after
      // "Saved." and answered late put the stored basis back over one chosen since.
      const r = await call('alerts.setApplicationBasis', { basis });
      if (saved.data) saved.replace({ ...saved.data, basis: r.basis });
      return `Saved. Alerts recomputed for ${countOf(r.refreshed, 'open household')}.`;
    });
  };

  return (
    <section aria-labelledby="application-basis-title">
      <h2 id="application-basis-title">Application received</h2>
      <LoadState loading={saved.loading && !saved.data} failure={saved.failure} />
      {basis && (
        <form onSubmit={submit} className="hh-form">
          <FieldsLockedWhileSaving saving={act.busy}>
            <fieldset>
              <legend>Count an application as received from</legend>
              {CHOICES.map((c) => (
                <div key={c.basis} className="settings-choice">
                  <span className="hh-radio">
                    <input
                      type="radio"
                      id={`application-basis-${c.basis}`}
                      name="application-basis"
                      checked={basis === c.basis}
                      aria-describedby={`application-basis-${c.basis}-hint`}
                      onChange={() => setBasis(c.basis)}
                    />
                    <label htmlFor={`application-basis-${c.basis}`}>
                      {c.label}
                      {saved.data?.default === c.basis ? ' (the default)' : ''}
                    </label>
                  </span>
                  <p id={`application-basis-${c.basis}-hint`} className="hint">
                    {c.hint}
                  </p>
                </div>
              ))}
            </fieldset>
          </FieldsLockedWhileSaving>
          <p className="hint">
            It starts the 8-month application-to-panel timescale and its alert, the timescales table, the
            Ofsted return&apos;s applications and the diversity table&apos;s applicants. Whichever is chosen,
            a kinship household&apos;s viability assessment request is its application (unless a Stage 1 start
            or EOI came before it), in the alert and in every table.
          </p>
          <SaveStatus save={act} label="Save application received" />
        </form>
      )}
    </section>
  );
}
