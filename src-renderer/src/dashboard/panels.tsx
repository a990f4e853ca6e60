import type { HomeDashboard } from '../../../src-main/contract/planning.ts';
import { formatCell } from '../../../src-main/contract/report-shapes.ts';
import { formatUkDate, PATHWAY_LABELS, rangeWords } from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import type { DrillProps } from './use-drill.ts';
import { StatusBadge } from './YearToDate.tsx';

export type P = { d: HomeDashboard } & DrillProps;

/**
 * The pathway a panel counts, in its title: the pipeline, forecast and drop-outs are the dashboard's
 * pathway (mainstream), beside the alerts of every pathway and a Households pipeline of all by default.
 */
export const counted = (d: HomeDashboard) => `(${d.pathwayLabel.toLowerCase()})`;

/** Open households by the stage they are at now. */
export function PipelinePanel({ d, selected, onOpen }: P) {
  return (
    <Panel id="pipeline" title={`Open pipeline by stage ${counted(d)}`}>
      <ol className="dash-stages">
        {d.pipeline.map((s) => (
          <li key={s.stage}>
            <span>{s.label}</span>
            <NumberButton
              value={s.count.value}
              what={`open households at ${s.label}`}
              pressed={selected === s.count.drill}
              onOpen={() => onOpen(s.count.drill, `Open households at ${s.label}`)}
            />
          </li>
        ))}
      </ol>
    </Panel>
  );
}

const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Approvals this year (so far plus forecast) against the target, and the next four quarters. */
export function ForecastPanel({ d, selected, onOpen }: P) {
  const f = d.forecast;
  // The open households count those the forecast leaves out for want of history (the line below says which).
  const all = f.forecastFrom === f.open.value;
  const lead = f.none
    ? 'no forecast can be made from the'
    : all
      ? 'forecast from'
      : `forecast from ${formatCell(f.forecastFrom, 'count')} of the`;
  return (
    <Panel id="forecast" title={`Approvals forecast for ${d.fy} ${counted(d)}`}>
      {f.none ? (
        <p className="dash-headline">
          No forecast{f.target !== null ? ` to set against a target of ${f.target}` : ''}
        </p>
      ) : (
        <p className="dash-headline">
          <strong>{one(f.year.expected)}</strong> expected (80% range {rangeWords(f.year.low, f.year.high)})
          {f.target !== null ? ` against a target of ${f.target}` : ''}{' '}
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
          what="open households"
          pressed={selected === f.open.drill}
          onOpen={() => onOpen(f.open.drill, all ? 'Open households in the forecast' : 'Open households')}
        />{' '}
        {f.open.value === 1 ? 'open household' : 'open households'}.
      </p>
      {f.notForecast && <p>{f.notForecast}</p>}
      {!f.none && <QuarterTable d={d} />}
      <p>
        <a href="#/reports?table=forecast">How the forecast is made, and its backtest</a>
      </p>
    </Panel>
  );
}

/**
 * The expected approvals by quarter. Each figure is rounded on its own (whole approvals, as the
 * range counts them), so this year's quarters and the approvals so far can add up to a little (at
 * most two) other than the year's figure (helper-230 read 16 + 3 + 14 against 32): a line says so
 * where they do.
 */
function QuarterTable({ d }: { d: HomeDashboard }) {
  const f = d.forecast;
  return (
    <>
      <table className="dash-table">
        <caption>Expected approvals by quarter</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              80% range
            </th>
          </tr>
        </thead>
        <tbody>
          {f.quarters.map((q) => (
            <tr key={q.key}>
              <th scope="row">{q.key}</th>
              <td className="num">{one(q.expected)}</td>
              <td className="num">{rangeWords(q.low, q.high)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {f.quartersAddUpTo !== f.year.expected && (
        <p>
          Each figure is rounded on its own, so the approvals so far and {d.fy}&rsquo;s quarters add up to{' '}
          {f.quartersAddUpTo}, not {f.year.expected}.
        </p>
      )}
    </>
  );
}

/** Overdue alerts of every pathway, by the kind of alert. */
export function AlertsPanel({ d, selected, onOpen }: P) {
  const a = d.alerts;
  return (
    <Panel id="alerts" title="Overdue alerts">
      <p className="dash-headline">
        <NumberButton
          value={a.overdue.value}
          what="households with an overdue alert"
          pressed={selected === a.overdue.drill}
          onOpen={() => onOpen(a.overdue.drill, 'Households with an overdue alert')}
        />{' '}
        household{a.overdue.value === 1 ? '' : 's'} with an overdue alert (all pathways)
      </p>
      {a.byKind.length > 0 && (
        <ul className="dash-list">
          {a.byKind.map((k) => (
            <li key={k.kind}>
              {k.label}:{' '}
              <NumberButton
                value={k.count.value}
                what={`overdue, ${k.label}`}
                pressed={selected === k.count.drill}
                onOpen={() => onOpen(k.count.drill, `Overdue: ${k.label}`)}
              />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

const KINSHIP_TITLE = 'Kinship deadlines passed or in the next 4 weeks';

/** Kinship temporary-approval limits passed (a placement with no approval or closure recorded since) or due in the next four weeks. */
export function KinshipPanel({ d, selected, onOpen }: P) {
  const k = d.kinship;
  return (
    <Panel id="kinship" title={KINSHIP_TITLE}>
      <p className="dash-headline">
        <NumberButton
          value={k.count.value}
          what="kinship households with a deadline passed or in the next 4 weeks"
          pressed={selected === k.count.drill}
          onOpen={() => onOpen(k.count.drill, KINSHIP_TITLE)}
        />{' '}
        household{k.count.value === 1 ? '' : 's'}
      </p>
      {k.deadlines.length > 0 && (
        <ul className="dash-list">
          {k.deadlines.map((x) => (
            <li key={`${x.id}-${x.label}`}>
              <a href={`#/household?id=${x.id}`}>{x.reference}</a> {x.name}: {x.label},{' '}
              {x.due < d.today ? <strong>passed {formatUkDate(x.due)}</strong> : `due ${formatUkDate(x.due)}`}
            </li>
          ))}
        </ul>
      )}
      {k.total > k.deadlines.length && (
        <p>
          The first {k.deadlines.length} of {k.total}.{' '}
          <button type="button" className="secondary" onClick={() => onOpen(k.count.drill, KINSHIP_TITLE)}>
            Show all
          </button>
        </p>
      )}
    </Panel>
  );
}

/** Last complete year's figures beside the comparators typed in for it. */
export function ComparatorsPanel({ d }: { d: HomeDashboard }) {
  const c = d.comparators;
  if (c.rows.length === 0) return null;
  const bases = [...new Map(c.rows.flatMap((r) => r.figures.map((f) => [f.basis, f.label]))).entries()];
  return (
    <Panel id="comparators" title={`${c.fy} against comparators`} className="dash-wide">
      <table className="dash-table">
        <caption className="visually-hidden">{c.fy}: this service against its comparators</caption>
        <thead>
          <tr>
            <th scope="col">{PATHWAY_LABELS.mainstream}</th>
            <th scope="col" className="num">
              This service
            </th>
            {bases.map(([b, label]) => (
              <th scope="col" key={b} className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.measure}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatCell(r.actual, r.kind)}</td>
              {bases.map(([b]) => (
                <td key={b} className="num">
                  {formatCell(r.figures.find((f) => f.basis === b)?.value ?? null, r.kind)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
