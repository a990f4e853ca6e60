import type { Milestone } from '../../../domain/stages.ts';
import type { Db } from '../../open.ts';
import { funnelDateSql, reachedDateSql, reachedSql } from '../../journey-sql.ts';
import { pathwayAt, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * Cohort conversion over the episodes table: every episode whose enquiry is dated in the period
 * is a cohort member, on the pathway it was on at that enquiry; it "reached" a stage when it has
 * that milestone or any later one (db/journey-sql.ts `reachedSql`), so counts can only fall.
 */
export type CohortStage = Exclude<Milestone, 'enquiry' | 'initial_visit'>;

/** The cohort's episodes on the pathway, read through `index`; the SQL takes the period's two dates, then the pathway. */
function members(s: ReportScope, index: string) {
  const p = pathwayAt(s, 'enquiry');
  return {
    from: `FROM episodes INDEXED BY ${index} WHERE enquiry BETWEEN ? AND ?${p.sql}`,
    params: (from: string, to: string) => [from, to, ...p.params],
  };
}

/**
 * Per enquiry day: the cohort's size, how many reached each stage, how many are still open, and
 * `days`: for each stage, the days from that enquiry to the stage's own milestone of every member
 * with that milestone (Stage 1 from the Stage 1 start with the kinship rule, db/journey-sql.ts
 * funnelDateSql), in no particular order.
 */
export type CohortDay = {
  d: string;
  households: number;
  open: number;
  days: Record<CohortStage, number[]>;
} & Record<CohortStage, number>;

/**
 * Neither approved nor closed: earlier episodes always ended, so only a current one can be open.
 * `OPEN` selects those rows (a drill's members); `OPEN_COUNT` counts the same rows of a group (the
 * per-day passes of the cohort and sources tables), cheaper per row than a CASE.
 */
const OPEN = 'approval IS NULL AND closed_on IS NULL';
export const OPEN_COUNT = 'COUNT(*) - COUNT(COALESCE(approval, closed_on))';

/**
 * Cohort sizes, reached and still-open counts and days to each milestone, per enquiry day: one
 * pass over the enquiry index, which holds every milestone column. Each stage's milestone dates of
 * the day come back joined into one BLOB (`group_concat`, NULLs left out) and are measured here
 * (`daysFrom`): a histogram per stage in SQL read the table again through that stage's own index
 * and sorted the rows by period and days, and julianday() in SQL, once per date, cost more than the
 * pass itself (~0.7 s and ~0.3 s of CPU at 1,000,000 households; the joined dates ~0.2 s).
 */
export function cohortPerDay(
  db: Db,
  s: ReportScope,
  stages: readonly CohortStage[],
  range: DateRange,
): CohortDay[] {
  const all = members(s, 'episodes_by_enquiry');
  const dateOf = (m: CohortStage) => (m === 'stage1' ? funnelDateSql('stage1').date : m);
  const rows = db
    .prepare<unknown[], Omit<CohortDay, 'days'> & Record<`dates_${CohortStage}`, Buffer | null>>(
      `SELECT enquiry AS d, COUNT(*) AS households,
         ${stages.map((m) => `COUNT(${reachedDateSql(m)}) AS ${m}`).join(', ')},
         ${OPEN_COUNT} AS open,
         ${stages.map((m) => `CAST(group_concat(${dateOf(m)}) AS BLOB) AS dates_${m}`).join(', ')}
       ${all.from} GROUP BY enquiry`,
    )
    .all(...all.params(range.from, range.to));
  const measure = daysFrom(db);
  return rows.map((r) => {
    const day = { d: r.d, households: r.households, open: r.open, days: {} } as CohortDay;
    for (const m of stages) {
      day[m] = r[m];
      day.days[m] = measure(r.d, r[`dates_${m}`]);
    }
    return day;
  });
}

/** Days from 1970-01-01 of a date, proleptic Gregorian, as julianday() counts them (a day past a month's end runs on). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const digit = (b: number) => (b >= 48 && b <= 57 ? b - 48 : NaN);

/** The day number of the plain `YYYY-MM-DD` (month 01–12, day 01–31, as julianday() reads it) at `at`; NaN otherwise. */
function plainDay(bytes: Uint8Array, at: number, end: number): number {
  if (end - at !== 10 || bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return NaN;
  const y =
    digit(bytes[at]!) * 1000 +
    digit(bytes[at + 1]!) * 100 +
    digit(bytes[at + 2]!) * 10 +
    digit(bytes[at + 3]!);
  const m = digit(bytes[at + 5]!) * 10 + digit(bytes[at + 6]!);
  const d = digit(bytes[at + 8]!) * 10 + digit(bytes[at + 9]!);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? dayNumber(y, m, d) : NaN;
}

/**
 * Days from an enquiry to each of a list of dates joined by commas, as SQLite's
 * `CAST(julianday(date) - julianday(enquiry) AS INTEGER)` gives them: the plain ISO date (the only
 * form the journey writer stores) read here, anything else asked of SQLite itself (an empty BLOB is
 * one empty date, as group_concat of one '' gives).
 */
export function daysFrom(db: Db): (enquiry: string, dates: Uint8Array | null) => number[] {
  const ask = db.prepare<[string, string], { v: number | null }>(
    'SELECT CAST(julianday(?) - julianday(?) AS INTEGER) AS v',
  );
  const text = (bytes: Uint8Array, from: number, to: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
  return (enquiry, dates) => {
    const out: number[] = [];
    if (!dates) return out;
    const e = plainDay(Buffer.from(enquiry, 'latin1'), 0, enquiry.length);
    for (let at = 0; at <= dates.length;) {
      let end = at;
      while (end < dates.length && dates[end] !== 44) end++;
      const day = plainDay(dates, at, end);
      // A day number is an integer, so the difference is exact (truncation changes nothing). A date
      // SQLite cannot read either gives NULL, passed on as the histogram query's row passed it on.
      out.push(
        Number.isNaN(day) || Number.isNaN(e)
          ? (ask.get(text(dates, at, end), enquiry)!.v as number)
          : day - e,
      );
      at = end + 1;
    }
    return out;
  };
}

/** Who a cohort drill selects: every member, those that reached a stage, those still open, those closed. */
export type CohortMembers = 'all' | 'open' | 'closed' | CohortStage;

const CLOSED = 'approval IS NULL AND closed_on IS NOT NULL';

/** The households of the cohort enquiring in the range that `which` selects. */
export function cohortHouseholds(s: ReportScope, which: CohortMembers, range: DateRange): DrillQuery {
  const predicate =
    which === 'all' ? '1' : which === 'open' ? OPEN : which === 'closed' ? CLOSED : reachedSql(which);
  const q = members(s, 'episodes_by_enquiry');
  return { sql: `SELECT household_id ${q.from} AND ${predicate}`, params: q.params(range.from, range.to) };
}
