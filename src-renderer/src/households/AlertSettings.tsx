import { useEffect, useState, type FormEvent } from 'react';
import type { AlertThresholds } from '../../../src-main/contract/alerts.ts';
import { call } from '../api.ts';
import { NumberField } from '../ui/NumberField.tsx';
import { SaveStatus } from '../ui/SaveStatus.tsx';
import { useSave } from '../ui/use-save.ts';
import { uk } from './format.ts';
import './households.css';
import { countOf } from '../../../src-main/contract/vocab.ts';

const FIELDS: Array<[keyof AlertThresholds, string]> = [
  ['respondWorkingDays', 'Respond to an enquiry within (working days)'],
  ['initialVisitWorkingDays', 'Initial visit within (working days)'],
  ['stage1Months', 'Stage 1 longest (months)'],
  ['applicationToPanelMonths', 'Application to panel longest (months)'],
  ['panelToDecisionWorkingDays', 'Panel to decision (working days)'],
  ['kinshipFirstWeeks', 'Kinship temporary approval, first limit (weeks)'],
  ['kinshipFinalWeeks', 'Kinship temporary approval with extension (weeks)'],
];

/** Settings: the alert thresholds; saving recomputes every open household's next alert. */
export function AlertSettings() {
  const [v, setV] = useState<Record<keyof AlertThresholds, string> | null>(null);
  const [until, setUntil] = useState('');
  const act = useSave();
  useEffect(() => {
    call('alerts.getThresholds', {}).then(
      (r) => {
        setV(
          Object.fromEntries(Object.entries(r.thresholds).map(([k, n]) => [k, String(n)])) as Record<
            keyof AlertThresholds,
            string
          >,
        );
        setUntil(r.bankHolidaysUntil);
      },
      () => undefined,
    );
  }, []);
  if (!v) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    act.save(async () => {
      const t = Object.fromEntries(
        Object.entries(v).map(([k, s]) => [k, Number(s)]),
      ) as unknown as AlertThresholds;
      const r = await call('alerts.setThresholds', t);
      return `Saved. Alerts recomputed for ${countOf(r.refreshed, 'open household')}.`;
    });
  };
  return (
    <section aria-labelledby="alert-settings-title">
      <h2 id="alert-settings-title">Alert timescales</h2>
      <form onSubmit={submit} className="hh-form" aria-labelledby="alert-settings-title">
        <div className="hh-grid">
          {FIELDS.map(([k, label]) => (
            <NumberField
              key={k}
              label={label}
              error={act.errorFor(k)}
              min={1}
              max={520}
              required
              value={v[k]}
              onChange={(text) => setV({ ...v, [k]: text })}
            />
          ))}
        </div>
        <p className="hint">
          Working days skip weekends and England and Wales bank holidays: the shipped list runs to {uk(until)}
          ; after it the regular holidays are reckoned by rule, without any one-off holiday proclaimed later.
        </p>
        <SaveStatus save={act} label="Save timescales" shown={FIELDS.map(([k]) => k)} />
      </form>
    </section>
  );
}
