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
 * code) is fetched at once, beside the status, and the first table is asked for as soon as both
 * are in, whether or not the screen has mounted (it mounts meanwhile, and takes the answer).
 * Not all at the same moment: in browser mode (and Electron's app:// files) one Node process
 * serves the code and the calls, and a table being worked out (~0.2 s at 1,000,000 households)
 * held up the code still on its way, so the chart's code arrived only after the table.
 */
export function startReportsEarly(params: URLSearchParams, status: Promise<unknown>): void {
  const code = loadReportChart();
  void prefetch(
    'reports.getTable',
    { table: firstTable(params), options: {} },
    Promise.allSettled([status, code]),
  );
}
