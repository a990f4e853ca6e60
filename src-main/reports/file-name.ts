import { NO_YEAR_TABLES, type ReportTableKey } from '../contract/report-shapes.ts';

/**
 * A saved report's file name, less its extension: the table (or "reports" for several), the
 * years, "quarterly" when by quarter, and the pathway, so that the mainstream and kinship
 * versions of one table (its Excel file and its chart alike) never take each other's name.
 * A table no year range applies to (the forecast) is named by the quarters it covers: the
 * year range in the options is not what it shows ("forecast-2021-22-2025-26" held 2026/27 Q3
 * to 2027/28 Q2).
 */
export function reportFileBase(
  name: string,
  report: {
    table: ReportTableKey;
    options: { from: string; to: string; quarterly: boolean; pathway: string };
    columns: ReadonlyArray<{ key: string }>;
  },
): string {
  const o = report.options;
  const own = NO_YEAR_TABLES.includes(report.table) && report.columns.length > 0;
  const [from, to] = own ? [report.columns[0]!.key, report.columns.at(-1)!.key] : [o.from, o.to];
  const span = (from === to ? from : `${from}-${to}`).replace(/[/ ]/g, '-');
  return `${name}-${span}${o.quarterly && !own ? '-quarterly' : ''}-${o.pathway}`;
}
