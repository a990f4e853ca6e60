import { REPORT_TABLES, type ReportTableKey } from '../../../src-main/contract/reports.ts';
import { prefetch } from '../ui/prefetch.ts';
import { loadReportChart } from './chart-loader.ts';

const isTable = (v: string | null): v is ReportTableKey =>
  !!v && (REPORT_TABLES as readonly string[]).includes(v);

/** The table the Reports screen opens on: the link's `table`, else the funnel. */
export function firstTable(params: URLSearchParams): ReportTableKey {
  const asked = params.get('table');
  return isTable(asked) ? asked : 'funnel';
}

/**
 * When the app opens on the Reports screen, the chart's code (recharts, nearly half of the UI's
 * code) is fetched at once, and the first table is asked for once the status is in and that code
 * has arrived, before the screen mounts: the browser builds the screen while the core works out
 * the table (~0.2 s at 1,000,000 households). Not all three at the same moment: in browser mode
 * one Node process serves the code, the status and the table, and a table being worked out
 * holds up the others (the chart's code then arrived after the table).
 */
export function startReportsEarly(params: URLSearchParams, status: Promise<unknown>): void {
  const code = loadReportChart();
  void prefetch(
    'reports.getTable',
    { table: firstTable(params), options: {} },
    Promise.allSettled([status, code]),
  );
}
