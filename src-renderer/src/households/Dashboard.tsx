import { useEffect, useState } from 'react';
import type { Dashboard as DashboardData } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { alertLabel } from './format.ts';

/** The small count of overdue alerts above the list; a click filters the list to them. */
export function Dashboard({ onShowOverdue }: { onShowOverdue(): void }) {
  const [d, setD] = useState<DashboardData | null>(null);
  useEffect(() => {
    call('households.getDashboard', {}).then(setD, () => setD(null));
  }, []);
  if (!d) return null;
  return (
    <aside className="hh-dashboard" aria-label="Alerts">
      <p>
        <strong className="hh-dash-number">{d.overdue.toLocaleString('en-GB')}</strong> overdue alert
        {d.overdue === 1 ? '' : 's'} among {d.open.toLocaleString('en-GB')} open households.{' '}
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
