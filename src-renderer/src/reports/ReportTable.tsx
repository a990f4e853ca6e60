import type { ReportColumn, ReportRow } from '../../../src-main/contract/reports.ts';
import {
  columnHeading,
  formatCell,
  NOT_COLLECTED,
  NOT_STARTED,
  tableNotes,
} from '../../../src-main/contract/report-shapes.ts';
import { SkipPast } from '../ui/SkipPast.tsx';

export interface CellRef {
  section: string;
  row: ReportRow;
  column: ReportColumn;
}

const isDrillable = (r: ReportRow, c: ReportColumn): boolean => {
  const value = r.values[c.key] ?? null;
  return (
    value !== null && value !== 0 && value !== NOT_STARTED && value !== NOT_COLLECTED && r.drillable !== false
  );
};

/**
 * One table of a report. Every count (and every rate or day figure, which drills to the
 * households it was worked out from) is a button that lists the households behind it; so a large
 * table (the diversity table's five years of three cohorts: hundreds of figures) starts with a
 * link past it (SkipPast).
 */
export function ReportTable({
  id,
  caption,
  columns,
  rows,
  notes,
  madeOn,
  section,
  firstHeading,
  onDrill,
  selected,
}: {
  id: string;
  caption: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The table's own lines under it (a view's notes); the period lines are worked out here. */
  notes?: string[];
  /** The day the table was produced: a period after it is "not yet started". */
  madeOn: string;
  section: string;
  firstHeading: string;
  onDrill(cell: CellRef): void;
  selected: { section: string; row: string; column: string } | null;
}) {
  const figures = rows.reduce((n, r) => n + columns.filter((c) => isDrillable(r, c)).length, 0);
  const lines = tableNotes({ columns, rows, notes }, madeOn);
  return (
    <SkipPast
      id={`${id}-end`}
      stops={figures}
      past={`the ${figures.toLocaleString('en-GB')} figures of ${caption}`}
      end={`End of ${caption}`}
    >
      <div className="report-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="report-table" id={id}>
          <caption id={`${id}-caption`}>
            <span className="caption-text">{caption}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{firstHeading || <span className="visually-hidden">Row</span>}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key} className="num">
                  {columnHeading(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={`kind-${r.kind}${r.key === 'total' ? ' total' : ''}`}>
                <th scope="row">{r.label}</th>
                {columns.map((c) => {
                  const text = formatCell(r.values[c.key] ?? null, r.kind);
                  const drillable = isDrillable(r, c);
                  const isSelected =
                    selected?.section === section && selected.row === r.key && selected.column === c.key;
                  return (
                    <td key={c.key} className="num">
                      {drillable ? (
                        <button
                          type="button"
                          className="cell-button"
                          aria-label={`${text}: ${r.label}, ${columnHeading(c)}. Show the households`}
                          aria-pressed={isSelected}
                          onClick={() => onDrill({ section, row: r, column: c })}
                        >
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lines.length > 0 && (
        <ul className="report-notes" id={`${id}-notes`}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </SkipPast>
  );
}
