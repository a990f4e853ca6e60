import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { householdIdsQuery, withEpisodeDays } from '../db/queries/forecast-source.ts';
import { addDays, dayNumberToIso, formatUkDate, isoToDayNumber, type IsoDate } from '../domain/dates.ts';
import { fyEnd, fyRange, fyStart, fyStartYear, fyLabel } from '../domain/financial-year.ts';
import {
  CHAIN,
  expectedApprovals,
  forecastsDays,
  meanAbsoluteError,
  onPathway,
  openDays,
  SLOTS,
  type EpisodeDays,
  type ForecastAt,
} from '../domain/forecast.ts';
import { METHOD_TEXT, RANGE_HIGH, RANGE_LOW, trainingYears } from './forecast.ts';
import type { RawRow } from './shape.ts';
import { isSmall } from './suppress.ts';
import type { TableModule } from './types.ts';
import { andList, countOf, LIKELY_RANGE } from '../domain/words.ts';

/**
 * The forecast's backtest: for each past financial year, the same method run as at 1 April
 * (on the records dated up to 31 March), its forecast of the year's approvals against what
 * happened, and the mean absolute error over the years with three full years of history.
 */
interface YearResult {
  fy: string;
  /** None for a year not yet begun: no forecast is made at a 1 April still to come. */
  forecast: number | null;
  /** The forecast before rounding (the mean of the runs), which the error is worked out from. */
  mean: number | null;
  low: number | null;
  high: number | null;
  /** Episodes open at 1 April that were approved during the year (on the pathway then and at approval): what the method forecasts. */
  actualIds: number[];
  /** Every approval dated in the year (including from enquiries made during it). */
  allIds: number[];
  complete: boolean;
  fullHistory: boolean;
}

const APPROVAL = CHAIN.indexOf('approval');

const daysOf = (fy: string) => ({ from: isoToDayNumber(fyStart(fy)), to: isoToDayNumber(fyEnd(fy)) });

/**
 * One pass over the episodes for every year at once (a pass a year read every episode's days,
 * far apart in memory, five times): the households of the episodes approved in each range of
 * days (inclusive), in column order, and the first date on record: each episode's first
 * recorded milestone before approval in chain order, the earliest of them.
 */
function approvedIn(
  d: EpisodeDays,
  ranges: ReadonlyArray<{ from: number; to: number }>,
): { approved: number[][]; first: number | null } {
  const approved = ranges.map((): number[] => []);
  let first: number | null = null;
  const days = d.days;
  for (let j = 0; j < d.count; j++) {
    const base = j * SLOTS;
    const a = days[base + APPROVAL]!;
    // Most episodes were never approved (NaN, in no range): their ranges are not looked at.
    if (a === a) {
      for (let y = 0; y < ranges.length; y++) {
        // On the pathway at the approval, as the recruitment table counts it.
        if (a >= ranges[y]!.from && a <= ranges[y]!.to && onPathway(d, j, a))
          approved[y]!.push(d.householdId[j]!);
      }
    }
    // An episode whose first recorded step is its approval (a carers register's) has no history
    // a forecast learns from, so it does not make the records reach back.
    for (let i = 0; i < APPROVAL; i++) {
      const day = days[base + i]!;
      if (day !== day) continue;
      if (first === null || day < first) first = day;
      break;
    }
  }
  return { approved, first };
}

/** The forecast made at a year's 1 April, on the records dated up to 31 March (none for a year not yet begun). */
function forecastAt(fy: string, today: IsoDate): ForecastAt | null {
  const start = fyStart(fy);
  if (start > today) return null;
  return {
    asAt: addDays(start, -1),
    train: trainingYears(start),
    bins: [{ key: fy, from: start, to: fyEnd(fy) }],
  };
}

/** One year's figures, from its forecast (null: not yet begun) and its approvals (see approvedIn). */
function backtestYear(
  d: EpisodeDays,
  fy: string,
  today: IsoDate,
  first: number | null,
  approved: number[],
  f: ReturnType<typeof forecastsDays>[number] | null,
) {
  const start = fyStart(fy);
  const end = fyEnd(fy);
  const [from, to] = [isoToDayNumber(start), isoToDayNumber(end)];
  return {
    fy,
    forecast: f && expectedApprovals(f.sim.expected[0]!),
    mean: f && f.sim.expected[0]!,
    low: f && f.sim.low[0]!,
    high: f && f.sim.high[0]!,
    actualIds: (f?.open ?? [])
      .filter((e) => e.approval >= from && e.approval <= to && onPathway(d, e.index, e.approval))
      .map((e) => e.householdId),
    allIds: approved,
    complete: end < today,
    fullHistory: first !== null && first <= isoToDayNumber(fyStart(fyLabel(fyStartYear(fy) - 3))),
  } satisfies YearResult;
}

/**
 * The years' figures and the first date on record (see approvedIn), for the table's years or a
 * drill-down's one: every begun year's forecast from one pass over the episodes (forecastsDays).
 */
function backtestYears(
  d: EpisodeDays,
  years: readonly string[],
  today: IsoDate,
): { years: YearResult[]; first: number | null } {
  const { approved, first } = approvedIn(d, years.map(daysOf));
  const at = years.map((fy) => forecastAt(fy, today));
  const made = forecastsDays(
    d,
    at.filter((a) => a !== null),
  );
  let k = 0;
  return {
    years: years.map((fy, y) => backtestYear(d, fy, today, first, approved[y]!, at[y] ? made[k++]! : null)),
    first,
  };
}

function run(
  db: Db,
  o: ResolvedReportOptions,
  today: IsoDate,
): { years: YearResult[]; first: number | null } {
  return withEpisodeDays(db, o.pathway, (d) => backtestYears(d, fyRange(o.from, o.to), today));
}

/** The years that count towards the error: complete, with three full years of records before them. */
const scored = (years: readonly YearResult[]) => years.filter((y) => y.complete && y.fullHistory);

/** Years as a reader lists them: runs of consecutive years as "2021/22 to 2024/25". */
function yearList(years: readonly string[]): string {
  const runs: string[][] = [];
  for (const fy of years) {
    const last = runs.at(-1);
    if (last && fyStartYear(last.at(-1)!) + 1 === fyStartYear(fy)) last.push(fy);
    else runs.push([fy]);
  }
  const named = runs.map((r) => (r.length === 1 ? r[0]! : `${r[0]} to ${r.at(-1)}`));
  return andList(named);
}

/**
 * The line under the accuracy figures naming the years shown but left out of them, and why: a
 * manager read the error over one year as the method's over five, the rule being only in the
 * definitions. A year is left out when it is not over (its actual is not yet known) or when the
 * records do not reach three full financial years before it: its forecast would have learnt each
 * stage's conversion and time from fewer years, and started from a pipeline at 1 April missing the
 * households that enquired before the records begin, so it would not test the forecast as made today.
 */
function leftOutNote(years: readonly YearResult[], first: number | null, today: IsoDate): string[] {
  const open = years.filter((y) => !y.complete);
  const short = years.filter((y) => y.complete && !y.fullHistory);
  const why: string[] = [];
  if (short.length > 0) {
    const begin =
      first === null
        ? 'no milestone is recorded'
        : `the records begin on ${formatUkDate(dayNumberToIso(first))}`;
    const verb = short.length === 1 ? 'has' : 'have';
    why.push(
      `${yearList(short.map((y) => y.fy))}, as ${begin}: a year is compared only when three full financial years of records (from 1 April) come before it, which its forecast learns from; ${short.length === 1 ? 'this one' : 'these'} ${verb} fewer, so ${short.length === 1 ? 'its forecast' : 'their forecasts'} would not test the method as today’s forecast uses it`,
    );
  }
  const started = open.filter((y) => fyStart(y.fy) <= today);
  const later = open.filter((y) => fyStart(y.fy) > today);
  if (started.length > 0) why.push(`${yearList(started.map((y) => y.fy))}, as it has not ended`);
  if (later.length > 0)
    why.push(
      `${yearList(later.map((y) => y.fy))}, as ${later.length === 1 ? 'it has' : 'they have'} not yet started`,
    );
  return why.length === 0 ? [] : [`Left out of these figures: ${why.join('; ')}.`];
}

/**
 * The error's definition, its one place (the table's definitions, and so every file and the CLI).
 * Worked out from the unrounded forecasts: the rounded ones, whole like the actuals, made a small
 * error read as none (helper-262: "Mean absolute error (approvals) 0" over two years).
 */
export const MAE_TEXT =
  'The mean, over the years compared, of how far the forecast was from the actual approvals from the pipeline at 1 April, either way, worked out from the forecast before it is rounded to whole approvals (so it is not always a whole number, and can be more than 0 where the rounded forecast equals the actual). A year is compared when it is over and has three full years of records before it; a year marked immature is not yet over.';

/**
 * Fewer years compared than the five a backtest looks back over by default: a manager read an error
 * of 0 from two years as a forecast that is right; so few years say little of how far out a year
 * can be, and the line under the figures says so, with how many.
 */
export const FEW_YEARS = 5;

function fewYearsNote(compared: number): string[] {
  if (compared === 0 || compared >= FEW_YEARS) return [];
  return [
    `These figures rest on ${countOf(compared, 'year')} compared only: too few to show how accurate the forecast is, as one unusual year moves them a lot. Read them as a rough guide, not a measure of the forecast’s accuracy.`,
  ];
}

export const backtestTable: TableModule = {
  key: 'forecast-backtest',
  title: 'Forecast backtest: the forecast made at 1 April against the year’s approvals',
  definitions: () => [
    {
      key: 'backtest',
      label: 'Backtest',
      text: 'For each year, the forecast is worked out as at 1 April from the records dated up to 31 March only, trained on the three financial years before it, exactly as today’s forecast is.',
    },
    { key: 'method', label: 'How the forecast is made', text: METHOD_TEXT },
    {
      key: 'forecast',
      label: 'Forecast, low and high',
      text: `The expected approvals in the year from the households open at 1 April, rounded to whole approvals as the range counts them, and the low and high ends of the ${LIKELY_RANGE} of the simulated total: in 8 of every 10 runs the year's approvals fell between them.`,
    },
    {
      key: 'actual',
      label: 'Actual approvals from the pipeline at 1 April',
      text: 'Households open at 1 April on the pathway that were approved during the year on it: what the forecast forecasts.',
    },
    {
      key: 'actual_all',
      label: 'All approvals in the year',
      text: 'Every approval dated in the year, on the pathway at its date as the recruitment table counts it, including households that enquired during it (not forecast).',
    },
    {
      key: 'mae',
      label: 'Mean absolute error',
      text: MAE_TEXT,
    },
  ],

  build(db, o, today) {
    const { years, first: firstDay } = run(db, o, today);
    const columns: ReportColumn[] = years.map((y) =>
      y.complete ? { key: y.fy, label: y.fy } : { key: y.fy, label: y.fy, immature: true },
    );
    const figure = (key: string, label: string, pick: (y: YearResult) => number | null): RawRow => ({
      key,
      label,
      kind: 'figure',
      as: 'estimate',
      values: Object.fromEntries(years.map((y) => [y.fy, pick(y)])),
      drillable: true,
    });
    const count = (key: string, label: string, pick: (y: YearResult) => number): RawRow => ({
      key,
      label,
      kind: 'count',
      values: Object.fromEntries(years.map((y) => [y.fy, pick(y)])),
    });
    const rows: RawRow[] = [
      figure('forecast', 'Forecast approvals (as at 1 April)', (y) => y.forecast),
      figure('low', RANGE_LOW, (y) => y.low),
      figure('high', RANGE_HIGH, (y) => y.high),
      count('actual', 'Actual approvals from the pipeline at 1 April', (y) => y.actualIds.length),
      count('actual_all', 'All approvals in the year', (y) => y.allIds.length),
    ];
    const s = scored(years);
    // A scored year is complete, so its forecast was made. The error is the unrounded forecast's
    // (MAE_TEXT): from the rounded one, forecasts of 2.4 and 3.4 against 2 and 3 read as an error of 0.
    const mae = meanAbsoluteError(s.map((y) => ({ forecast: y.mean!, actual: y.actualIds.length })));
    const within = s.filter((y) => y.actualIds.length >= y.low! && y.actualIds.length <= y.high!).length;
    // Suppressed, an actual of 1 to 4 reads "<5", and the error and the years within range, beside the
    // forecast printed, would give it back (forecast 1, error 0 over one year: the actual is 1).
    const hidden = o.suppress === true && s.some((y) => isSmall(y.actualIds.length));
    // The years compared: one named once ("2025/26", not "2025/26 to 2025/26"), none said in words.
    const first = s[0]?.fy;
    const last = s[s.length - 1]?.fy;
    const col = {
      key: 'all',
      label: !first ? 'No year compared' : first === last ? first : `${first} to ${last}`,
    };
    const stat = (key: string, label: string, value: number | null): RawRow => ({
      key,
      label,
      kind: 'figure',
      as: 'estimate',
      values: { all: value === null ? null : Math.round(value * 10) / 10 },
      drillable: false,
    });
    return {
      main: { columns, rows, relations: [] },
      sections: [
        {
          key: 'accuracy',
          title: 'Accuracy over the years compared',
          rowHeading: 'Measure',
          raw: {
            columns: [col],
            rows: [
              stat('mae', 'Mean absolute error (approvals)', hidden ? null : mae),
              stat('years', 'Years compared', s.length),
              stat(
                'within_range',
                `Years whose actual fell within the ${LIKELY_RANGE}`,
                hidden ? null : within,
              ),
            ],
            relations: [],
            notes: [
              ...leftOutNote(years, firstDay, today),
              ...fewYearsNote(s.length),
              ...(hidden
                ? [
                    'The error and the years within range are not shown: a year compared had fewer than 5 actual approvals (small numbers suppressed), which they would give back.',
                  ]
                : []),
            ],
          },
        },
      ],
    };
  },

  drill(db, o, section, row, column, today) {
    if (section) return null;
    const fy = fyRange(o.from, o.to).find((y) => y === column);
    if (!fy) return null;
    const asAtDay = isoToDayNumber(addDays(fyStart(fy), -1));
    if (row === 'forecast' || row === 'low' || row === 'high') {
      // A year not yet begun has no pipeline at its 1 April.
      if (fyStart(fy) > today) return householdIdsQuery([]);
      return householdIdsQuery(
        withEpisodeDays(db, o.pathway, (d) => openDays(d, asAtDay).map((e) => e.householdId)),
      );
    }
    if (row === 'actual' || row === 'actual_all') {
      const y = withEpisodeDays(db, o.pathway, (d) => backtestYears(d, [fy], today).years[0]!);
      return householdIdsQuery(row === 'actual' ? y.actualIds : y.allIds);
    }
    return null;
  },
};
