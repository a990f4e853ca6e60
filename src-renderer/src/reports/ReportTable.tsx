import type { ReportColumn, ReportRow } from '../../../src-main/contract/reports.ts';
import { columnHeading, formatCell } from '../../../src-main/contract/report-shapes.ts';

export interface CellRef {
  section: string;
  row: ReportRow;
  column: ReportColumn;
}

/**
 * One table of a report. Every count (and every rate or day figure, which drills to the
 * households it was worked out from) is a button that lists the households behind it.
 */
export function ReportTable({
  id,
  caption,
  columns,
  rows,
  section,
  firstHeading,
  onDrill,
  selected,
}: {
  id: string;
  caption: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  section: string;
  firstHeading: string;
  onDrill(cell: CellRef): void;
  selected: { section: string; row: string; column: string } | null;
}) {
  return (
    <div className="report-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="report-table" id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
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
                const value = r.values[c.key] ?? null;
                const text = formatCell(value, r.kind);
                const drillable = value !== null && value !== 0 && r.drillable !== false;
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
  );
}
