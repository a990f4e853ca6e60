import type { HomeDashboard, TrackStatus } from '../../../src-main/contract/planning.ts';
import { formatCell, formatTenths } from '../../../src-main/contract/report-shapes.ts';
import { formatUkDate, MEASURES } from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import type { DrillProps } from './use-drill.ts';
import { TableScroll } from '../ui/TableScroll.tsx';

export const STATUS_TEXT: Record<TrackStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  no_target: 'No target set',
};

export function StatusBadge({ status }: { status: TrackStatus }) {
  return <span className={`track track-${status}`}>{STATUS_TEXT[status]}</span>;
}

/** The measures a target can be set for (Settings). */
const TARGETED = new Set<string>(MEASURES);

/** This year to date against the same point last year and the year's target (pro rata to date). */
export function YearToDate({ d, selected, onOpen }: { d: HomeDashboard } & DrillProps) {
  return (
    <Panel id="ytd" title={`${d.fy} to date`} className="dash-wide">
      <TableScroll>
        <table className="dash-table">
          <caption className="visually-hidden">
            {d.fy} to {formatUkDate(d.today)} against {d.lastFy} to {formatUkDate(d.sameDayLastYear)} and the
            target
          </caption>
          <thead>
            <tr>
              <th scope="col">{d.pathwayLabel}</th>
              <th scope="col" className="num">
                This year (to {formatUkDate(d.today)})
              </th>
              <th scope="col" className="num">
                Last year (to {formatUkDate(d.sameDayLastYear)})
              </th>
              <th scope="col" className="num">
                Target for {d.fy}
              </th>
              <th scope="col" className="num">
                Target to date
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {d.yearToDate.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">
                  <NumberButton
                    value={r.thisYear.value}
                    what={`${r.label.toLowerCase()}, ${d.fy} to date`}
                    pressed={selected === r.thisYear.drill}
                    onOpen={() => onOpen(r.thisYear.drill, `${r.label}, ${d.fy} to date`)}
                  />
                </td>
                <td className="num">
                  <NumberButton
                    value={r.lastYear.value}
                    what={`${r.label.toLowerCase()}, ${d.lastFy} to the same point`}
                    pressed={selected === r.lastYear.drill}
                    onOpen={() => onOpen(r.lastYear.drill, `${r.label}, ${d.lastFy} to the same point`)}
                  />
                </td>
                <td className="num">{formatCell(r.target, 'count')}</td>
                <td className="num">{formatTenths(r.targetToDate)}</td>
                <td>{TARGETED.has(r.key) && <StatusBadge status={r.status} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="hint">
        Targets are set in Settings. Target to date is the year’s target shared out by the days of the year
        gone; a measure is off track once it is a whole household short of it.
      </p>
    </Panel>
  );
}
