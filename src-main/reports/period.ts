import { ApiError } from '../contract/errors.ts';
import type { ReportColumn, ReportOptions, ResolvedReportOptions } from '../contract/reports.ts';
import { formatUkDate, MONTH_NAMES, type IsoDate } from '../domain/dates.ts';
import {
  fyEnd,
  fyLabel,
  fyRange,
  fyStart,
  fyStartYear,
  fyOf,
  lastCompleteYears,
  quarterOf,
  quarterRange,
} from '../domain/financial-year.ts';

/**
 * Columns and periods of every report: the one place that turns options into financial
 * years or quarters (the SQL giving a date's period code is db/queries/reports/scope.ts `periodSql`). Year keys are `2024/25`,
 * quarter keys `2024/25 Q1` (Q1 = April to June), as domain/financial-year.ts writes them.
 */
export interface Period extends ReportColumn {
  from: IsoDate;
  to: IsoDate;
  /** The integer the SQL expression from db/queries/reports/scope.ts `periodSql` gives for dates in this period. */
  code: number;
}

/** At most this many years in one report: enough for any annual report, bounded for the UI. */
export const MAX_YEARS = 30;

export function resolveOptions(options: ReportOptions, today: IsoDate): ResolvedReportOptions {
  const def = lastCompleteYears(today, 5);
  const from = options.from ?? (options.to ? fyLabel(fyStartYear(options.to) - 4) : def.from);
  const to = options.to ?? (options.from ? maxFy(from, def.to) : def.to);
  if (fyStartYear(from) > fyStartYear(to)) {
    throw new ApiError(
      'invalid_input',
      `from: The From year (${from}) is after the To year (${to}): choose a From year no later than ${to}, or a To year no earlier than ${from}.`,
      'from',
    );
  }
  if (fyStartYear(to) - fyStartYear(from) + 1 > MAX_YEARS) {
    throw new ApiError('invalid_input', `from: A report covers at most ${MAX_YEARS} years.`, 'from');
  }
  return {
    from,
    to,
    quarterly: options.quarterly,
    pathway: options.pathway,
    suppress: options.suppress,
  };
}

const maxFy = (a: string, b: string) => (fyStartYear(a) > fyStartYear(b) ? a : b);

/** The report's columns, oldest first. */
export function periods(o: ResolvedReportOptions): Period[] {
  const out: Period[] = [];
  for (const fy of fyRange(o.from, o.to)) {
    const y = fyStartYear(fy);
    if (!o.quarterly) {
      out.push({ key: fy, label: fy, from: fyStart(fy), to: fyEnd(fy), code: y * 10 });
      continue;
    }
    for (const q of [1, 2, 3, 4] as const) {
      const r = quarterRange(fy, q);
      out.push({ key: `${fy} Q${q}`, label: `${fy} Q${q}`, from: r.from, to: r.to, code: y * 10 + q });
    }
  }
  return out;
}

export const rangeOf = (o: ResolvedReportOptions): { from: IsoDate; to: IsoDate } => ({
  from: fyStart(o.from),
  to: fyEnd(o.to),
});

/**
 * A range as far as today. A cessation recorded at the carer's notice is dated up to 28 days
 * ahead, and a table of the year in progress ("figures to 07/12/2026") counted it already, in the
 * leaving table and retention (helper-242). Every other fact a table counts is dated on or before
 * today, so the tables that count cessations read their ranges through this; the Ofsted return
 * its cessations alone, as its carers' ages are at 31 March (db/queries/ofsted.ts ReturnRange).
 */
export const toToday = <R extends { from: IsoDate; to: IsoDate }>(r: R, today: IsoDate): R =>
  r.to > today ? { ...r, to: today } : r;

/**
 * The period as every table's heading and file says it. A range running past today (this year,
 * chosen for a report to the executive) says so: its last column, and the figures "at 31 March"
 * and "at the end of the period", are as far as today, not the whole year they are headed by.
 */
export function periodText(o: ResolvedReportOptions, today: IsoDate): string {
  const span = o.from === o.to ? o.from : `${o.from} to ${o.to}`;
  return `${span} (${periodDays(o, today)})${o.quarterly ? ', by quarter' : ''}`;
}

/**
 * The period's first and last days alone, for a table whose title already names its year (the
 * Ofsted return's): "collection 2025/26, 2025/26 (1 April…)" said it twice.
 */
export function periodDays(o: ResolvedReportOptions, today: IsoDate): string {
  const r = rangeOf(o);
  const long = (iso: IsoDate) => {
    const [d, m, y] = formatUkDate(iso).split('/');
    return `${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
  };
  return `${long(r.from)} to ${long(r.to)}${openWords(o, today)}`;
}

/**
 * What a range running past today holds: figures to today while its current year runs (its last
 * day too, as the columns' "(to date)" says: not-started.ts), and none for the years after it,
 * which have not begun ("2030/31 has not ended" read as a year under way).
 */
function openWords(o: ResolvedReportOptions, today: IsoDate): string {
  const r = rangeOf(o);
  if (r.to < today) return '';
  if (r.from > today)
    return `; no figures yet, as ${o.from === o.to ? `${o.to} has` : 'they have'} not begun`;
  const current = fyOf(today);
  if (current === o.to) return `; figures to ${formatUkDate(today)}, as ${o.to} has not ended`;
  const next = fyLabel(fyStartYear(current) + 1);
  const after = next === o.to ? `${o.to} has` : `${next} to ${o.to} have`;
  return `; figures to ${formatUkDate(today)}, as ${current} has not ended and ${after} not begun`;
}

/** The column key of a date, by the domain's own financial-year rule (for per-date SQL counts). */
export const columnOf = (o: ResolvedReportOptions): ((date: IsoDate) => string) =>
  o.quarterly ? quarterOf : fyOf;
