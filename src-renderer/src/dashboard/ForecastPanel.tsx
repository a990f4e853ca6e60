import type { HomeDashboard } from '../../../src-main/contract/planning.ts';
import { formatCell } from '../../../src-main/contract/report-shapes.ts';
import {
  formatUkDate,
  LIKELY_RANGE,
  LIKELY_RANGE_HEADING,
  LIKELY_RANGE_MEANS,
  rangeWords,
} from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { counted, type P } from './panels.tsx';
import { StatusBadge } from './YearToDate.tsx';

const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/**
 * Approvals this year (so far plus forecast) against the target, and the quarters of the Reports
 * screen's forecast. Titled without the year: the quarters run on into the next one.
 */
export function ForecastPanel({ d, selected, onOpen }: P) {
  const f = d.forecast;
  // The open households count those the forecast leaves out for want of history (the line below says which).
  const all = f.forecastFrom === f.open.value;
  // And they leave out those with no date (Undated below), which the pipeline beside counts.
  const dated = f.undated.value > 0 ? ' with a date' : '';
  const lead = f.none
    ? 'no forecast can be made from the'
    : all
      ? 'forecast from'
      : `forecast from ${formatCell(f.forecastFrom, 'count')} of the`;
  return (
    <Panel id="forecast" title={`Approvals forecast ${counted(d)}`}>
      {f.none ? (
        <p className="dash-headline">
          No forecast for {d.fy}
          {f.target !== null ? ` to set against a target of ${f.target}` : ''}
        </p>
      ) : (
        <p className="dash-headline">
          <strong>{one(f.year.expected)}</strong> expected in {d.fy}, {LIKELY_RANGE}{' '}
          {rangeWords(f.year.low, f.year.high)}
          {f.target !== null ? `, against a target of ${f.target}` : ''}{' '}
          {f.status !== null && <StatusBadge status={f.status} />}
        </p>
      )}
      <p>
        Approved so far:{' '}
        <NumberButton
          value={f.approvedSoFar.value}
          what={`households approved in ${d.fy} so far`}
          pressed={selected === f.approvedSoFar.drill}
          onOpen={() => onOpen(f.approvedSoFar.drill, `Households approved in ${d.fy} so far`)}
        />
        ; {lead}{' '}
        <NumberButton
          value={f.open.value}
          what={`open households${dated}`}
          pressed={selected === f.open.drill}
          onOpen={() =>
            onOpen(f.open.drill, all ? 'Open households in the forecast' : `Open households${dated}`)
          }
        />{' '}
        {f.open.value === 1 ? 'open household' : 'open households'}
        {dated}.
      </p>
      <Undated d={d} selected={selected} onOpen={onOpen} />
      {f.notForecast && <p>{f.notForecast}</p>}
      {!f.none && <QuarterTable d={d} />}
      <p>
        <a href="#/reports?table=forecast">How the forecast is made, and its backtest</a>
      </p>
    </Panel>
  );
}

/**
 * The open households the pipeline counts and the forecast cannot: those with no enquiry date, so
 * no day they reached their stage to walk them on from (helper-273: the pipeline read 32 open
 * households beside a forecast "from the 31 open households", the difference said nowhere).
 */
function Undated({ d, selected, onOpen }: P) {
  const u = d.forecast.undated;
  if (u.value === 0) return null;
  const one = u.value === 1;
  return (
    <p>
      <NumberButton
        value={u.value}
        what="open households with no enquiry date"
        pressed={selected === u.drill}
        onOpen={() => onOpen(u.drill, 'Open households with no enquiry date')}
      />{' '}
      {one
        ? 'open household has no enquiry date: the forecast cannot tell how long it has waited, so it is left out until its date is entered.'
        : 'open households have no enquiry date: the forecast cannot tell how long they have waited, so they are left out until their dates are entered.'}
    </p>
  );
}

/**
 * The expected approvals by quarter: the rest of this quarter and the next three, as the Reports
 * screen's forecast. A begun quarter's row is from tomorrow, and says so (helper-262: "2026/27 Q3:
 * 0 expected" beside an approval made in Q3 three days before read as the whole quarter).
 * Each figure is rounded on its own (whole approvals, as the range counts them), so this year's
 * quarters and the approvals so far can add up to a little (at most two) other than the year's
 * figure (helper-230 read 16 + 3 + 14 against 32): a line says so where they do.
 */
function QuarterTable({ d }: { d: HomeDashboard }) {
  const f = d.forecast;
  const first = f.quarters[0]!.key;
  return (
    <>
      {/* At 320 px (or 400 % zoom) its headings need a little more than Home's panel: it scrolls in
          its own box, so the page does not (helper-277). */}
      <TableScroll label="Expected approvals by quarter">
        <table className="dash-table">
          <caption>Expected approvals by quarter: {f.span}</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                {LIKELY_RANGE_HEADING}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.quarters.map((q) => (
              <tr key={q.key}>
                <th scope="row">{q.heading}</th>
                <td className="num">{one(q.expected)}</td>
                <td className="num">{rangeWords(q.low, q.high)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {f.quartersAddUpTo !== f.year.expected && (
        <p>
          Each figure is rounded on its own, so the approvals so far and {d.fy}&rsquo;s quarters add up to{' '}
          {f.quartersAddUpTo}, not {f.year.expected}.
        </p>
      )}
      <p className="hint">
        {f.restFrom !== null &&
          `${first}’s row is the rest of it, from ${formatUkDate(f.restFrom)}: its approvals before then are in Approved so far. `}
        Only the households open today are forecast: approvals from enquiries still to come are not, so the
        later quarters read low. {LIKELY_RANGE_MEANS}
      </p>
    </>
  );
}
