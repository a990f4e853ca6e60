import { useEffect, useState } from 'react';
import type { Dashboard as DashboardData } from '../../../src-main/contract/households.ts';
import { countOf, type Pathway } from '../../../src-main/contract/vocab.ts';
import { call } from '../api.ts';
import { alertLabel, pathwayLabel } from './format.ts';

/**
 * The small count of households with an overdue alert above the list; a click filters the list to
 * them. It follows the list's pathway filter, and says which pathway it counts (it counted every
 * pathway beside a list of one, and said nothing of it: helper-264).
 */
export function Dashboard({ pathway, onShowOverdue }: { pathway?: Pathway; onShowOverdue(): void }) {
  const [d, setD] = useState<DashboardData | null>(null);
  useEffect(() => {
    // A pathway chosen again before the last answer came: only the answer for the one shown is drawn.
    let current = true;
    call('households.getDashboard', pathway ? { pathway } : {}).then(
      (r) => current && setD(r),
      () => current && setD(null),
    );
    return () => {
      current = false;
    };
  }, [pathway]);
  if (!d) return null;
  return (
    <aside className="hh-dashboard" aria-label="Alerts">
      <p>
        {/* Households, not alerts: one household may have two alerts overdue (Home says it so too). */}
        <strong className="hh-dash-number">{d.overdue.toLocaleString('en-GB')}</strong>{' '}
        {d.overdue === 1 ? 'household' : 'households'} with an overdue alert, among{' '}
        {countOf(d.open, 'open household')}{' '}
        {d.pathway ? `(${pathwayLabel(d.pathway).toLowerCase()} pathway)` : '(all pathways)'}.{' '}
        {d.overdue > 0 && (
          <button type="button" className="secondary" onClick={onShowOverdue}>
            Show overdue
          </button>
        )}
      </p>
      {d.byAlert.length > 0 && (
        <ul className="hh-dash-list">
          {d.byAlert.map((a) => (
            <li key={a.kind}>
              {alertLabel(a.kind)}: {a.count.toLocaleString('en-GB')}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
