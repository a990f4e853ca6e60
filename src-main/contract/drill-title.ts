import { columnHeading, type Report, type ReportColumn, type ReportRow } from './report-shapes.ts';

/** A column that is one period: a financial year or a quarter ("2025/26", "2025/26 Q3"). */
const PERIOD = /^\d{4}\/\d{2}(?: Q[1-4])?$/;
/**
 * A column of one period and something more: the drop-out table by quarter's blocks of stages
 * ("2025/26 Q3: Stage 1"), the diversity table's people of a year ("2025/26 enquirers").
 */
const IN_PERIOD = /^(\d{4}\/\d{2}(?: Q[1-4])?):? (.+)$/;
/** A total row or column adds nothing the table and period do not say ("Total, Total" said nothing). */
const TOTAL = 'Total';

/**
 * What the list behind a figure of a report is, as its heading says it: the table (or its further
 * view), the period, then the row and any column that is not the period, in the table's words, as
 * Home's lists say theirs ("Drop-outs in 2026/27: Lost contact / no response"). A total column is
 * the whole range the table was asked for; the period keeps its column's marks ("(immature, to
 * date)"), so the list is read as the figure was.
 */
export function drillTitle(
  report: Pick<Report, 'title' | 'options' | 'sections'>,
  cell: { section: string; row: Pick<ReportRow, 'label'>; column: ReportColumn },
): string {
  const { section, row, column } = cell;
  const table = (section && report.sections.find((s) => s.key === section)?.title) || report.title;
  const o = report.options;
  const whole = o.from === o.to ? `in ${o.from}` : `from ${o.from} to ${o.to}`;
  const within = IN_PERIOD.exec(column.label);
  const [period, detail] =
    column.key === 'total' || column.label === TOTAL
      ? [whole, null]
      : PERIOD.test(column.label)
        ? [`in ${columnHeading(column)}`, null]
        : within
          ? [`in ${columnHeading({ ...column, label: within[1]! })}`, within[2]!]
          : [whole, columnHeading(column)];
  const parts = [row.label, detail].filter((p): p is string => p !== null && p !== TOTAL);
  return `${table}, ${period}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}
