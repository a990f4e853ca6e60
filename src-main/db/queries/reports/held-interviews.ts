import type { Db } from '../../open.ts';
import { pathwayAt, periodSql, type DateRange, type ReportScope } from './scope.ts';

/**
 * What was said in the exit interviews held, as the episodes record keeps it for the two endings
 * that have one: a closure (the drop-out table's applicants, migration 28) and a cessation (the
 * leaving table's carers, migration 25). Only a held interview counts: reasons or an answer noted
 * against one offered or declined (the record keeps what was ticked) are not what was said.
 *
 * Each kind's columns and the index that covers them: a fixed list of literal names from our own
 * code, never from input (the SQL is built from them). A closure's interview status is the
 * episode's `exit_interview`, and its index holds the held ones only; a closure is counted by the
 * stage it reached, a cessation has none.
 */
const KINDS = {
  closure: {
    date: 'closed_on',
    index: 'episodes_by_closure_interview',
    status: 'exit_interview',
    reasons: 'closure_exit_reasons',
    mightReturn: 'closure_might_return',
    stage: 'closed_stage',
    // The index's leading columns, in its order: heldInterviewAnswers groups by them as read.
    order: ['closed_on', 'closed_stage', 'closure_might_return', 'closure_exit_reasons'],
  },
  cessation: {
    date: 'ceased_on',
    index: 'episodes_by_cessation',
    status: 'cessation_exit_interview',
    reasons: 'cessation_exit_reasons',
    mightReturn: 'cessation_might_return',
    stage: null,
    // SQLite still sorts these (the status, second, is compared to 'held', not grouped): few, ~3 ms.
    order: ['ceased_on', 'cessation_exit_interview', 'cessation_might_return', 'cessation_exit_reasons'],
  },
} as const;

export type HeldInterviewKind = keyof typeof KINDS;

/**
 * The episodes table's alias and a dot, where a query joins another table to it, else '': a
 * literal of our own code, as the columns are.
 */
type EpisodesAlias = '' | 'e.';

/** Whether the `kind`'s interview was held, its columns named through `e`. */
const held = (kind: HeldInterviewKind, e: EpisodesAlias = ''): string => `${e}${KINDS[kind].status} = 'held'`;

/**
 * The FROM … WHERE of the `kind`'s endings dated in the range, on the pathway at that date, whose
 * exit interview was held; `perReason`: each row once per reason the interview gave (json_each over
 * the row's own JSON array, no table), the reason as `json_each.value`. Append more to the WHERE.
 */
export function heldInterviewsFrom(
  kind: HeldInterviewKind,
  s: ReportScope,
  range: DateRange,
  perReason = false,
): { from: string; params: string[] } {
  const k = KINDS[kind];
  const p = pathwayAt(s, k.date);
  return {
    from: `FROM episodes INDEXED BY ${k.index}${perReason ? `, json_each(${k.reasons})` : ''}
      WHERE ${held(kind)} AND ${k.date} BETWEEN ? AND ?${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

/** The `kind`'s column of whether the held interview said they might return later (1: yes). */
export const mightReturnColumn = (kind: HeldInterviewKind): string => KINDS[kind].mightReturn;

/**
 * The `kind`'s interview as a drill's event adds it (db/queries/drill.ts), beside the ending's own
 * reason: `said`, the reasons given as a JSON array of keys ('[]': none given), and `might_return`
 * (1, 0, or NULL not known), only where the interview was held as the section counts it; else
 * both NULL, so a declined or offered interview shows nothing of what its form kept. `e`: 'e.'
 * where the query joins the episodes table as `e` to another (Home's drop-outs, from closures).
 */
export function heldInterviewSaid(kind: HeldInterviewKind, e: EpisodesAlias = ''): string {
  const k = KINDS[kind];
  return `CASE WHEN ${held(kind, e)} THEN COALESCE(${e}${k.reasons}, '[]') END AS said,
    CASE WHEN ${held(kind, e)} THEN ${e}${k.mightReturn} END AS might_return`;
}

/** The stage reached at a closure (`c`; null for a cessation) and reports/period.ts's code (`q`). */
export interface HeldInterviewGroup {
  c: string | null;
  q: number;
  n: number;
}

/**
 * By stage reached (closures only) and period code: each reason given (`reasons`, `r` a key; an
 * interview may give several or none) and those who said they might return later (`mightReturn`).
 *
 * One reading of the index: the held interviews grouped by their stored set of reasons (the JSON
 * text) and their answer, each set then counted once per reason it holds here, rather than two
 * statements (json_each over every row, then the answer): the sets are few, the rows many. They
 * are counted first by the index's own columns in its order (a closure's day, stage, answer,
 * set), so as it is read, with no sort of every interview; only those groups (at 1,000,000
 * households ~39,000 for ~280,000 held closure interviews over five years) are sorted into
 * periods: about a third of the time of sorting every interview by its period.
 */
export function heldInterviewAnswers(
  db: Db,
  kind: HeldInterviewKind,
  s: ReportScope,
  range: DateRange,
): { reasons: Array<HeldInterviewGroup & { r: string }>; mightReturn: HeldInterviewGroup[] } {
  const k = KINDS[kind];
  const h = heldInterviewsFrom(kind, s, range);
  const sets = db
    .prepare<unknown[], HeldInterviewGroup & { j: string | null; m: number | null }>(
      `SELECT c, ${periodSql('d', s.quarterly)} AS q, j, mr = 1 AS m, SUM(n) AS n
       FROM (SELECT ${k.date} AS d, ${k.stage ?? 'NULL'} AS c, ${k.reasons} AS j, ${k.mightReturn} AS mr,
         COUNT(*) AS n ${h.from} GROUP BY ${k.order.join(', ')})
       GROUP BY 1, 2, 3, 4`,
    )
    .all(...h.params);
  const reasons = new Map<string, HeldInterviewGroup & { r: string }>();
  const mightReturn = new Map<string, HeldInterviewGroup>();
  for (const { c, q, j, m, n } of sets) {
    const cell = `${c ?? ''}\u0000${q}`;
    if (m === 1) {
      const x = mightReturn.get(cell);
      if (x) x.n += n;
      else mightReturn.set(cell, { c, q, n });
    }
    // As json_each reads it: the array's elements (the record stores an array or null).
    for (const r of j === null ? [] : given(JSON.parse(j))) {
      const key = `${r}\u0000${cell}`;
      const x = reasons.get(key);
      if (x) x.n += n;
      else reasons.set(key, { r, c, q, n });
    }
  }
  return { reasons: [...reasons.values()], mightReturn: [...mightReturn.values()] };
}

/** json_each's rows of a JSON value: an array's elements, an object's values, else the value itself. */
function given(v: unknown): string[] {
  if (Array.isArray(v)) return v as string[];
  if (v !== null && typeof v === 'object') return Object.values(v) as string[];
  return [v as string];
}
