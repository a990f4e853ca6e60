import type { ReportTableKey } from '../contract/reports.ts';
import { cohortTable } from './cohort.ts';
import { diversityTable } from './diversity.ts';
import { dropoutTable } from './dropout.ts';
import { forecastTable } from './forecast.ts';
import { backtestTable } from './forecast-backtest.ts';
import { funnelTable } from './funnel.ts';
import { kinshipTable } from './kinship.ts';
import { leavingTable } from './leaving.ts';
import { withPeriodStates } from './not-started.ts';
import { ofstedTable } from './ofsted.ts';
import { retentionTable } from './retention.ts';
import { sourcesTable } from './sources.ts';
import { timescalesTable } from './timescales.ts';
import type { TableModule } from './types.ts';

/**
 * Every table whose columns are periods marks those not yet started and the one in progress in one
 * place (not-started.ts); the forecast's columns are quarters to come by design.
 */
export const TABLES: Record<ReportTableKey, TableModule> = {
  funnel: withPeriodStates(funnelTable),
  cohort: withPeriodStates(cohortTable),
  dropout: withPeriodStates(dropoutTable),
  leaving: withPeriodStates(leavingTable),
  retention: withPeriodStates(retentionTable),
  timescales: withPeriodStates(timescalesTable),
  sources: withPeriodStates(sourcesTable),
  kinship: withPeriodStates(kinshipTable),
  forecast: forecastTable,
  'forecast-backtest': withPeriodStates(backtestTable),
  ofsted: withPeriodStates(ofstedTable),
  diversity: withPeriodStates(diversityTable),
};
