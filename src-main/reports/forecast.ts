import type { ReportColumn, ReportDefinition, ResolvedReportOptions } from '../contract/reports.ts';
import { SUPPRESSED } from '../contract/report-shapes.ts';
import type { Db } from '../db/open.ts';
import { householdIdsQuery, withEpisodeDays } from '../db/queries/forecast-source.ts';
import { addDays, formatUkDate, type IsoDate } from '../domain/dates.ts';
import {
  fyEnd,
  fyOf,
  fyStart,
  lastCompleteYears,
  quarterOf,
  quarterRange,
} from '../domain/financial-year.ts';
import {
  CHAIN,
  expectedApprovals,
  forecastDays,
  FROM_STAGES,
  historyEndsAt,
  rangeOver,
  RUNS,
  type FromStage,
  type StageModel,
} from '../domain/forecast.ts';
import { MILESTONE_WORDS, STAGE_LABELS } from '../domain/stages.ts';
import type { RawRow } from './shape.ts';
import { rate } from './rate.ts';
import { isSmall } from './suppress.ts';
import type { TableModule } from './types.ts';
import { andList, LIKELY_RANGE, orList } from '../domain/words.ts';

/**
 * The approvals forecast as a report table: columns are the quarter holding today (from tomorrow)
 * and the three after it; rows the expected approvals, the 80 % range and the expected approvals
 * from the households now at each stage. The method is in domain/forecast.ts.
 */
export interface Quarter {
  key: string;
  from: IsoDate;
  to: IsoDate;
}

/** The quarter holding `today`, from the day after, then the next three whole quarters. */
export function nextQuarters(today: IsoDate, count = 4): Quarter[] {
  const out: Quarter[] = [];
  let day = addDays(today, 1);
  for (let i = 0; i < count; i++) {
    const key = quarterOf(day);
    const q = Number(key.slice(-1)) as 1 | 2 | 3 | 4;
    const range = quarterRange(fyOf(day), q);
    out.push({ key, from: day, to: range.to });
    day = addDays(range.to, 1);
  }
  return out;
}

/**
 * The quarters `nextQuarters(today)` covers, in words, as the Reports screen's period line and
 * Home's forecast say it. On a quarter's last day nothing of it is left: the next four whole quarters.
 */
export const quartersSpan = (today: IsoDate): string =>
  quarterBegun(today) ? 'the rest of this quarter and the next three' : 'the next four quarters';

/**
 * The first of `nextQuarters(today)` is the quarter holding today, from tomorrow: part of it has
 * gone, and its approvals are not in its figures (helper-262: Home's "Q3: 0 expected" read as the
 * whole quarter beside an approval made in it already).
 */
export const quarterBegun = (today: IsoDate): boolean => quarterOf(addDays(today, 1)) === quarterOf(today);

/**
 * `nextQuarters(today)` as columns, headed as Reports (screen, files, CLI) and Home head them: a
 * begun quarter "(from 29/11/2026)" (columnHeading), since its figures are the rest of it only
 * (helper-270: Reports headed it "2026/27 Q3" beside Home's "2026/27 Q3 (from 29/11/2026)").
 */
export const quarterColumns = (quarters: readonly Quarter[], today: IsoDate): ReportColumn[] =>
  quarters.map((q, i) => ({
    key: q.key,
    label: q.key,
    ...(i === 0 && quarterBegun(today) ? { countsFrom: q.from } : {}),
  }));

/**
 * Which of `nextQuarters(today)` (their indices) are in today's financial year: they hold the rest
 * of it (at most all four, from 1 April; none on 31 March, whose quarters start tomorrow).
 */
export const thisYearsQuarters = (quarters: Quarter[], today: IsoDate): number[] =>
  quarters.flatMap((q, i) => (fyOf(q.from) === fyOf(today) ? [i] : []));

/** The three complete financial years before the one holding `asAt`. */
export function trainingYears(asAt: IsoDate): { from: IsoDate; to: IsoDate; label: string } {
  const y = lastCompleteYears(asAt, 3);
  return { from: fyStart(y.from), to: fyEnd(y.to), label: `${y.from} to ${y.to}` };
}

const one = (v: number) => Math.round(v * 10) / 10;

export interface LiveForecast {
  today: IsoDate;
  quarters: Quarter[];
  expected: number[];
  low: number[];
  high: number[];
  byStage: Record<FromStage, number[]>;
  openByStage: Record<FromStage, number>;
  openIds: Record<FromStage, number[]>;
  models: StageModel[];
  training: string;
  /**
   * Approvals from tomorrow to the end of this financial year (whole), with the likely range of that
   * total, and which of `quarters` (their indices) are this year's.
   */
  restOfYear: { expected: number; low: number; high: number; quarters: number[] };
}

/** The live forecast from today's records (also read by the dashboard). */
export function liveForecast(
  db: Db,
  pathway: ResolvedReportOptions['pathway'],
  today: IsoDate,
): LiveForecast {
  const quarters = nextQuarters(today);
  const train = trainingYears(today);
  const { models, open, sim } = withEpisodeDays(db, pathway, (days) =>
    forecastDays(days, today, train, quarters),
  );
  const openIds = Object.fromEntries(FROM_STAGES.map((s) => [s, [] as number[]])) as Record<
    FromStage,
    number[]
  >;
  for (const e of open) openIds[e.stage].push(e.householdId);
  const thisYear = thisYearsQuarters(quarters, today);
  const rest = rangeOver(sim, thisYear);
  return {
    restOfYear: {
      expected: expectedApprovals(thisYear.reduce((sum, i) => sum + sim.expected[i]!, 0)),
      low: rest.low,
      high: rest.high,
      quarters: thisYear,
    },
    today,
    quarters,
    expected: sim.expected.map(expectedApprovals),
    low: sim.low,
    high: sim.high,
    byStage: Object.fromEntries(FROM_STAGES.map((s) => [s, sim.byStage[s].map(one)])) as Record<
      FromStage,
      number[]
    >,
    openByStage: sim.openByStage,
    openIds,
    models,
    training: train.label,
  };
}

const median = (sorted: readonly number[]) =>
  sorted.length === 0
    ? null
    : sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;

/** The stage a household moves on to from each, in words: the next in the forecast's chain. */
const NEXT = Object.fromEntries(
  FROM_STAGES.map((s) => [s, MILESTONE_WORDS[CHAIN[CHAIN.indexOf(s) + 1]!]]),
) as Record<FromStage, string>;

/**
 * A stage's conversion in words, rounded as every rate is (half up, `rate`). Where households that
 * entered it are still waiting there, the rate is not moved ÷ (moved + dropped): each waiting one
 * counts as its chance of moving on (finishModels), and the sentence says so, so the figures it
 * gives are not read as disagreeing with the rate.
 */
function conversionWords(m: StageModel, p: number, training: string): string {
  const entered = `entered ${STAGE_LABELS[m.stage]} in ${training}`;
  if (m.waiting.length === 0 || p === 0 || p === 1) {
    const pct = rate(m.moved, m.moved + m.dropped)!.toFixed(1);
    return `${pct}% moved on (${m.moved} of ${m.moved + m.dropped} that ${entered} and have moved on or dropped out)`;
  }
  const pct = rate(p, 1)!.toFixed(1);
  const still = m.waiting.length.toLocaleString('en-GB');
  return `${pct}% move on: of the households that ${entered}, ${m.moved} moved on, ${m.dropped} dropped out and ${still} ${m.waiting.length === 1 ? 'is' : 'are'} still waiting, each counted as its chance of moving on after the days it has waited`;
}

/**
 * One sentence per stage: the conversion and time the forecast used, so a reader can check it.
 * Suppressed, a stage whose households moved on, dropped out or still waiting number 1 to 4 says
 * neither its counts nor its rate nor its median (each would give the small count back: 97.0% of
 * 67 is 65 moved on and 2 dropped out), only that its numbers are small.
 */
export function modelDefinitions(
  models: readonly StageModel[],
  training: string,
  suppress = false,
): ReportDefinition[] {
  return models.map((m) => {
    const days = median(m.toNext);
    const small = suppress && [m.moved, m.dropped, m.waiting.length].some(isSmall);
    return {
      key: `model_${m.stage}`,
      label: `${STAGE_LABELS[m.stage]} → ${NEXT[m.stage]}`,
      text:
        m.p === null
          ? `No household entered ${STAGE_LABELS[m.stage]} in ${training} and moved on or dropped out, so households now there, or at a stage before it, are not forecast (see the line under the table).`
          : small
            ? `Not shown: fewer than 5 of the households that entered ${STAGE_LABELS[m.stage]} in ${training} moved on, dropped out or are still waiting (small numbers suppressed), so its rate, counts and time would give them away. The forecast uses them as for any stage.`
            : `${conversionWords(m, m.p, training)}${days === null ? '' : `; median ${days} days to ${NEXT[m.stage]}`}.`,
    };
  });
}

export const METHOD_TEXT = `Each stage’s conversion is the share of the households that entered it in the last three complete financial years and have since moved on (rather than dropped out), each one still there counting as its chance of moving on after the days it has waited; its time is their days to the next stage. Each open household is walked forward ${RUNS.toLocaleString('en-GB')} times with a fixed random seed: at its current stage its chance of moving on and its remaining time allow for the days it has already waited, then each later stage converts at its rate after a time drawn from its history. A stage skipped in the records is taken as passed on the date of the next recorded stage. Only households open today count, each on its pathway today (the histories too: each household on its pathway at the forecast’s day): approvals from enquiries still to come are not forecast.`;

/** The rows of the range's ends, in the forecast and the backtest alike. */
export const RANGE_LOW = `Low end of the ${LIKELY_RANGE}`;
export const RANGE_HIGH = `High end of the ${LIKELY_RANGE}`;

const stageRowKey = (s: FromStage) => `expected_from_${s}`;

/** The stages with households open now whose walk stops for want of history (historyEndsAt). */
const notForecast = (f: LiveForecast) =>
  FROM_STAGES.filter((s) => f.openByStage[s] > 0 && historyEndsAt(f.models, s) !== null);

/**
 * The open households, those the forecast is made from (all of them less the ones at a stage
 * whose walk stops for want of history) and those stages; `none`: households are open and not
 * one of them can be forecast, so the totals are no figure either.
 */
export function forecastCoverage(f: LiveForecast) {
  const leftOut = notForecast(f);
  const open = FROM_STAGES.reduce((sum, s) => sum + f.openByStage[s], 0);
  const from = FROM_STAGES.reduce((sum, s) => sum + (leftOut.includes(s) ? 0 : f.openByStage[s]), 0);
  return { open, from, leftOut, none: open > 0 && from === 0 };
}

/**
 * The sentence saying which open households the forecast leaves out, and why, or null where it
 * leaves none out: without it a pipeline with no history behind it read as forecasting no
 * approvals (helper-230, an empty history printed 0s). Stages only, no counts: a count of 1 to 4
 * would undo the suppression of the report rows' "open" counts (Home, whose pipeline is never
 * suppressed, gives the counts beside it).
 */
export function notForecastNote(f: LiveForecast, withSoFar = false): string | null {
  const { leftOut: stages, none } = forecastCoverage(f);
  if (stages.length === 0) return null;
  const at = andList(stages.map((s) => STAGE_LABELS[s]));
  const ends = orList([...new Set(stages.map((s) => STAGE_LABELS[historyEndsAt(f.models, s)!]))]);
  // Home's year figure adds the approvals so far to the forecast (planning/dashboard.ts).
  const rest = none
    ? 'There is no forecast until the records hold such a history.'
    : withSoFar
      ? "The year's expected approvals and their range are the approvals so far plus the forecast for the other open households only."
      : 'The expected approvals and their range are those of the other open households alone.';
  return `Households now at ${at} are not in this forecast: no household entered ${ends} in ${f.training} and moved on or dropped out, so the records do not say how they would go on. ${rest}`;
}

export const forecastTable: TableModule = {
  key: 'forecast',
  title: 'Approvals forecast from the open pipeline',
  period: (_o, today) => {
    const q = nextQuarters(today);
    return `${q[0]!.key} to ${q[q.length - 1]!.key}, as at ${formatUkDate(today)} (${quartersSpan(today)})`;
  },
  definitions: () => [
    { key: 'method', label: 'How the forecast is made', text: METHOD_TEXT },
    {
      key: 'expected',
      label: 'Expected approvals',
      text: 'The mean of the approvals in the quarter across the runs, rounded to whole approvals as the range counts them (households are approved whole), so it reads inside its range.',
    },
    {
      key: 'range',
      label: `Low and high: the ${LIKELY_RANGE}`,
      text: `The approvals in the quarter fell between the low and the high in 8 of every 10 runs (1 in 10 fell below the low, 1 in 10 above the high). Each quarter’s range stands alone; the ranges do not add up.`,
    },
    {
      key: 'by_stage',
      label: 'Expected approvals from a stage',
      text: 'The expected approvals in the quarter from the households open at that stage today, to one decimal; they add up to the mean the expected row rounds.',
    },
  ],

  build(db, o, today) {
    const f = liveForecast(db, o.pathway, today);
    const columns = quarterColumns(f.quarters, today);
    const byCol = (values: ReadonlyArray<number | null>) =>
      Object.fromEntries(columns.map((c, i) => [c.key, values[i] === undefined ? 0 : values[i]!]));
    const figure = (key: string, label: string, values: ReadonlyArray<number | null>): RawRow => ({
      key,
      label,
      kind: 'figure',
      as: 'estimate',
      values: byCol(values),
      drillable: true,
    });
    const { leftOut: unknown, none } = forecastCoverage(f);
    const total = (values: number[]) => (none ? columns.map(() => null) : values);
    const rows: RawRow[] = [
      figure('expected', 'Expected approvals', total(f.expected)),
      figure('low', RANGE_LOW, total(f.low)),
      figure('high', RANGE_HIGH, total(f.high)),
      ...FROM_STAGES.map((s) =>
        figure(
          stageRowKey(s),
          `Expected approvals from households now at ${STAGE_LABELS[s]} (${o.suppress && isSmall(f.openByStage[s]) ? SUPPRESSED : f.openByStage[s]} open)`,
          // Not forecast, they have no figure: "–", not 0.
          unknown.includes(s) ? columns.map(() => null) : f.byStage[s],
        ),
      ),
    ];
    const note = notForecastNote(f);
    return {
      main: { columns, rows, relations: [], ...(note ? { notes: [note] } : {}) },
      sections: [],
      definitions: modelDefinitions(f.models, f.training, o.suppress),
    };
  },

  drill(db, o, section, row, column, today) {
    if (section || !nextQuarters(today).some((q) => q.key === column)) return null;
    const f = liveForecast(db, o.pathway, today);
    if (row === 'expected' || row === 'low' || row === 'high') {
      return householdIdsQuery(FROM_STAGES.flatMap((s) => f.openIds[s]));
    }
    const stage = FROM_STAGES.find((s) => stageRowKey(s) === row);
    return stage ? householdIdsQuery(f.openIds[stage]) : null;
  },
};
