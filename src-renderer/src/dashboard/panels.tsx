import type { HomeDashboard } from '../../../src-main/contract/planning.ts';
import { formatCell } from '../../../src-main/contract/report-shapes.ts';
import { formatUkDate, PATHWAY_LABELS } from '../../../src-main/contract/vocab.ts';
import { NumberButton } from '../ui/NumberButton.tsx';
import { Panel } from '../ui/Page.tsx';
import type { DrillProps } from './use-drill.ts';

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
