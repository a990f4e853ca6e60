import { followsPathwayOption, NO_YEAR_TABLES, type ReportTableKey } from '../contract/report-shapes.ts';

/**
 * A saved report's file name, less its extension: the table (or "reports" for several), the
 * years, "quarterly" when by quarter, the pathway, and "suppressed" when small numbers are hidden,
 * so that the mainstream and kinship versions of one table (its Excel file and its chart alike)
 * never take each other's name, nor an internal copy the publishable one's (both were
 * "funnel-2021-22-2025-26-mainstream.xlsx", and the wrong one was easily sent out).
 * A table no year range applies to (the forecast) is named by the quarters it covers: the
 * year range in the options is not what it shows ("forecast-2021-22-2025-26" held 2026/27 Q3
 * to 2027/28 Q2). Several tables holding one the Pathway option does not choose (Save all tables)
 * are "mostly" of a pathway: the kinship table is always the kinship pathway's and the Ofsted
 * return all of them, in columns, so "reports-2022-23-2024-25-mainstream" held kinship figures;
 * yet a mainstream and a kinship file must still differ. Several all of the pathway chosen are
 * named by it plainly. For all pathways, "all" holds: no table there leaves a pathway out but by
 * its nature (the kinship table).
 */
export function reportFileBase(
  tables: ReportTableKey | readonly ReportTableKey[],
  report: {
    table: ReportTableKey;
    options: { from: string; to: string; quarterly: boolean; pathway: string; suppress: boolean };
    columns: ReadonlyArray<{ key: string }>;
  },
): string {
  const several = typeof tables !== 'string' && tables.length > 1;
  const name = several ? 'reports' : report.table;
  const o = report.options;
  const own = !several && NO_YEAR_TABLES.includes(report.table) && report.columns.length > 0;
  const [from, to] = own ? [report.columns[0]!.key, report.columns.at(-1)!.key] : [o.from, o.to];
  const span = (from === to ? from : `${from}-${to}`).replace(/[/ ]/g, '-');
  const mixed =
    several &&
    o.pathway !== 'all' &&
    (tables as readonly ReportTableKey[]).some((t) => !followsPathwayOption(t));
  const pathway = mixed ? `mostly-${o.pathway}` : o.pathway;
  return `${name}-${span}${o.quarterly && !own ? '-quarterly' : ''}-${pathway}${o.suppress ? '-suppressed' : ''}`;
}
