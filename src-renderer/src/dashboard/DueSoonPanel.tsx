import { formatUkDate } from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import type { P } from './panels.tsx';

/**
 * Alerts due from today to the end of the next 7 days (every pathway), soonest first: the day's
 * and the week's work before it is overdue. The count opens every household, the list shows the
 * soonest few; reg 24 limits stay in the kinship panel.
 */
export function DueSoonPanel({ d, selected, onOpen }: P) {
  const s = d.dueSoon;
  const title = `Alerts due in the next ${s.days} days`;
  const openAll = () => onOpen(s.count.drill, `Alerts due ${formatUkDate(d.today)} to ${formatUkDate(s.to)}`);
  return (
    <Panel id="due-soon" title={title}>
      <p className="dash-headline">
        <NumberButton
          value={s.count.value}
          what={`households with an alert due by ${formatUkDate(s.to)}`}
          pressed={selected === s.count.drill}
          onOpen={openAll}
        />{' '}
        household{s.count.value === 1 ? '' : 's'} with an alert due from today to {formatUkDate(s.to)} (all
        pathways)
      </p>
      {s.alerts.length > 0 && (
        <ul className="dash-list">
          {s.alerts.map((x) => (
            <li key={x.id}>
              <a href={`#/household?id=${x.id}`}>{x.reference}</a> {x.name}: {x.label}, due{' '}
              {formatUkDate(x.due)}
              {x.due === d.today ? ' (today)' : ''}
            </li>
          ))}
        </ul>
      )}
      {s.count.value > s.alerts.length && (
        <p>
          The {s.alerts.length} soonest of {s.count.value}.{' '}
          <button type="button" className="secondary" onClick={openAll}>
            Show all {s.count.value}
          </button>
        </p>
      )}
      <p>
        Kinship temporary approval limits are under Kinship deadlines.{' '}
        <a href="#/households?sort=nextAlert&amp;dir=asc">Every household by its next alert</a> (overdue
        first).
      </p>
    </Panel>
  );
}
