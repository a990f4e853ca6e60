import type { ReportOptionsInput, ReportTableKey } from '../../../src-main/contract/reports.ts';
import { REPORT_PATHWAYS, REPORT_TABLES } from '../../../src-main/contract/report-shapes.ts';
import { isFinancialYear } from '../../../src-main/contract/vocab.ts';
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
 * The options the Reports screen opens with, from its address (`from=2025/26&to=2025/26&quarterly=1
 * &pathway=all&suppress=1`): what reportParams wrote there, so a reload, or Back from a household a
 * figure opened, finds the table as it was left. Anything else in the address is left out.
 */
export function firstOptions(params: URLSearchParams): ReportOptionsInput {
  const o: ReportOptionsInput = {};
  const from = params.get('from');
  const to = params.get('to');
  const pathway = params.get('pathway');
  if (from && isFinancialYear(from)) o.from = from;
  if (to && isFinancialYear(to)) o.to = to;
  if (params.get('quarterly') === '1') o.quarterly = true;
  if (pathway && (REPORT_PATHWAYS as readonly string[]).includes(pathway))
    o.pathway = pathway as (typeof REPORT_PATHWAYS)[number];
  if (params.get('suppress') === '1') o.suppress = true;
  return o;
}

/** The address's parameters for a table and its options: the other half of firstTable and firstOptions. */
export function reportParams(table: ReportTableKey, o: ReportOptionsInput): Record<string, string> {
  const out: Record<string, string> = { table };
  if (o.from) out.from = o.from;
  if (o.to) out.to = o.to;
  if (o.quarterly) out.quarterly = '1';
  if (o.pathway) out.pathway = o.pathway;
  if (o.suppress) out.suppress = '1';
  return out;
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
  void prefetch('reports.getTable', { table: firstTable(params), options: firstOptions(params) }, nextTask);
}
