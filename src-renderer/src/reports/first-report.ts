import type { ReportTableKey } from '../../../src-main/contract/reports.ts';
import { REPORT_TABLES } from '../../../src-main/contract/report-shapes.ts';
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
 * code) and the first table are asked for at once, before the screen mounts (it mounts once the
 * status is in, and takes the answer): the core works the table out (~0.2 s at 1,000,000
 * households) while the browser compiles the chart's code. The code is asked for first, and the
 * bridge answers a file in the turn it is asked for, so the table does not hold it up.
 */
export function startReportsEarly(params: URLSearchParams): void {
  void loadReportChart().catch(() => undefined);
  // The code's import() goes through Vite's preload helper, which makes it a microtask later:
  // the table is asked for in the next task, so its request leaves after the code's.
  const nextTask = new Promise((resolve) => setTimeout(resolve, 0));
  void prefetch('reports.getTable', { table: firstTable(params), options: {} }, nextTask);
}
