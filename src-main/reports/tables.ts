import type { ReportTableKey } from '../contract/reports.ts';
import { cohortTable } from './cohort.ts';
import { diversityTable } from './diversity.ts';
import { dropoutTable } from './dropout.ts';
import { forecastTable } from './forecast.ts';
import { backtestTable } from './forecast-backtest.ts';
import { funnelTable } from './funnel.ts';
import { kinshipTable } from './kinship.ts';
import { leavingTable } from './leaving.ts';
import { ofstedTable } from './ofsted.ts';
import { retentionTable } from './retention.ts';
import { sourcesTable } from './sources.ts';
import { timescalesTable } from './timescales.ts';
import type { TableModule } from './types.ts';

export const TABLES: Record<ReportTableKey, TableModule> = {
  funnel: funnelTable,
  cohort: cohortTable,
  dropout: dropoutTable,
  leaving: leavingTable,
  retention: retentionTable,
  timescales: timescalesTable,
  sources: sourcesTable,
  kinship: kinshipTable,
  forecast: forecastTable,
  'forecast-backtest': backtestTable,
  ofsted: ofstedTable,
  diversity: diversityTable,
};
