import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import {
  closureGroups,
  closureGroupsByQuarter,
  closureHouseholds,
  isDropoutView,
} from '../db/queries/reports/dropout.ts';
import { reasonsInOrder } from '../db/queries/reports/scope.ts';
import { ENDED_BY_ON_SIDE, isEndedBy, returnSideOf, type ReturnSide } from '../domain/reasons.ts';
import {
  ENDED_BY,
  ENDED_BY_LABELS,
  EXIT_INTERVIEW_REPORT_ROWS,
  OPEN_STAGES,
  STAGE_LABELS,
  type EndedBy,
} from '../domain/stages.ts';
import {
  INTERVIEW_ANSWERS,
  INTERVIEW_ANSWERS_DEFINITION,
  INTERVIEW_ANSWERS_SECTION,
  interviewAnswerBlocks,
  interviewAnswerHouseholds,
} from './dropout-interviews.ts';
import { grid, reasonRows } from './grid.ts';
import { periods, rangeOf } from './period.ts';
import type { RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/** Drop-outs: closures dated in the chosen period, by reason and stage reached. Columns are stages, not periods. */
const STAGE_COLUMNS: ReportColumn[] = OPEN_STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s] }));

/**
 * By quarter, one block of the stage columns (and their total) per quarter: a column's key is the
 * quarter's and the annual table's column's together (`2025/26 Q3 stage1`, `2025/26 Q3 total`).
 */
const QUARTER_COLUMN = /^(\d{4}\/\d{2} Q[1-4]) (.+)$/;
const inQuarter = (quarter: string, column: string) => `${quarter} ${column}`;
const ofQuarterColumn = (key: string): { quarter: string; column: string } | null => {
  const m = QUARTER_COLUMN.exec(key);
  return m ? { quarter: m[1]!, column: m[2]! } : null;
};

type Groups = ReturnType<typeof closureGroups>;
type View = (g: Groups[number]) => string;
const VIEW_OF: { reason: View; endedBy: View; interview: View } = {
  reason: (g) => g.r,
  endedBy: (g) => g.b,
  interview: (g) => g.i,
};

/**
 * The three views of the closures, over the whole period or one block per quarter. Each block is
 * the annual grid of that quarter's closures (found by the one rule, closureGroups over its dates),
 * its keys and labels prefixed with the quarter's.
 */
function views(db: Db, blocks: ReadonlyArray<{ key: string | null; label: string; groups: Groups }>) {
  const all = blocks.flatMap((b) => b.groups);
  const counts = (g: Groups, view: View) => g.map((x) => ({ r: view(x), c: x.c, n: x.n }));
  const listed = reasonsInOrder(db, 'dropout');
  const reasons = reasonRows(listed, counts(all, VIEW_OF.reason));
  // The rows' reasons with who ends an assessment for each (a reason not a row has no closures).
  const reasonRowsWithEndedBy = reasons.map((r) => ({
    key: r.key,
    endedBy: listed.find((l) => l.key === r.key)!.endedBy,
  }));
  const endedBy = ENDED_BY.map((k) => ({ key: k, label: ENDED_BY_LABELS[k] }));
  const table = (rows: ReadonlyArray<{ key: string; label: string }>, view: View, totalLabel?: string) =>
    joined(
      blocks.map((b) => ({
        key: b.key,
        label: b.label,
        raw: grid(rows, STAGE_COLUMNS, counts(b.groups, view), {
          totalColumn: true,
          ...(totalLabel ? { totalLabel } : {}),
        }),
      })),
    );
  return {
    main: table(reasons, VIEW_OF.reason),
    endedBy: table(endedBy, VIEW_OF.endedBy),
    endedByOfReasons: blocks.flatMap((b) => endedByOfReasons(b.key, b.groups, reasonRowsWithEndedBy)),
    interviews: table(EXIT_INTERVIEW_REPORT_ROWS, VIEW_OF.interview, 'All drop-outs'),
  };
}

/**
 * Each reason says who ends an assessment for it (Settings), and the journey engine holds every
 * closure to that line: one the service ends, or one the applicant ends or loses contact over
 * (domain/reasons.ts endedByFault); Other and added reasons, anyone. So where a column has no
 * closure for anyone's reason (printed 0), a reader who knows the reasons can add up its printed
 * service reasons and set them against the "ended by the service" cell below, and a hidden
 * reason's cell would come back: the service's cell is the sum of its reasons' cells, and the
 * applicant's and lost contact's together of theirs. Only where the closures keep to the line
 * (Settings may since have moved a reason across it), or the sums would be wrong.
 */
function endedByOfReasons(
  key: string | null,
  groups: Groups,
  reasons: ReadonlyArray<{ key: string; endedBy: string | null }>,
) {
  const sideOf = new Map(reasons.map((r) => [r.key, isEndedBy(r.endedBy) ? returnSideOf(r.endedBy) : null]));
  const out: Array<{ parts: Array<[string, string]>; main: Array<[string, string]> }> = [];
  for (const column of [...OPEN_STAGES, 'total']) {
    const col = key === null ? column : inQuarter(key, column);
    const closures = groups.filter((g) => g.n > 0 && (column === 'total' || g.c === column));
    const kept = closures.every((g) => {
      const side = sideOf.get(g.r);
      return side !== undefined && side !== null && isEndedBy(g.b) && side === returnSideOf(g.b);
    });
    if (!kept) continue;
    for (const [side, ways] of Object.entries(ENDED_BY_ON_SIDE) as Array<[ReturnSide, readonly EndedBy[]]>) {
      const main = reasons
        .filter((r) => sideOf.get(r.key) === side)
        .map((r): [string, string] => [r.key, col]);
      out.push({ parts: ways.map((w): [string, string] => [w, col]), main });
    }
  }
  return out;
}

/** The closures of each quarter of the period, found in one read (closureGroupsByQuarter). */
function quarterBlocks(db: Db, o: ResolvedReportOptions) {
  const blocks = periods(o).map((p) => ({ key: p.key, label: p.label, code: p.code, groups: [] as Groups }));
  for (const g of closureGroupsByQuarter(db, o, rangeOf(o)))
    blocks.find((b) => b.code === g.q)?.groups.push(g);
  return blocks;
}

/** Grids of the same rows side by side, each block's columns under its quarter (none: the whole period). */
function joined(blocks: ReadonlyArray<{ key: string | null; label: string; raw: RawTable }>): RawTable {
  if (blocks.length === 1 && blocks[0]!.key === null) return blocks[0]!.raw;
  const [first] = blocks;
  const rows = first!.raw.rows.map((r) => ({ ...r, values: {} as Record<string, number> }));
  const out: RawTable = { columns: [], rows, relations: [] };
  for (const { key, label, raw } of blocks) {
    const col = (c: string) => inQuarter(key!, c);
    out.columns.push(...raw.columns.map((c) => ({ key: col(c.key), label: `${label}: ${c.label}` })));
    raw.rows.forEach((r, i) => {
      if (r.kind !== 'count') return;
      for (const [c, n] of Object.entries(r.values)) (rows[i]!.values as Record<string, number>)[col(c)] = n;
    });
    for (const rel of raw.relations) {
      out.relations.push({
        cells: rel.cells.map(([r, c]) => [r, col(c)]),
        ...(rel.total ? { total: [rel.total[0], col(rel.total[1])] } : {}),
      });
    }
  }
  return out;
}

export const dropoutTable: TableModule = {
  key: 'dropout',
  title: 'Applicants who dropped out, by reason and stage reached',
  definitions: (o) => [
    {
      key: 'counting',
      label: 'What is counted',
      text: o.quarterly
        ? 'Closures (drop-outs before approval) by the quarter of their closure date (Q1 = April to June), by the reason recorded and the stage the household had reached: one block of stage columns, with its total, per quarter. Each quarter counts exactly as the table by financial years counts its whole period, so the quarters add up to it.'
        : 'Closures (drop-outs before approval) dated within the whole chosen period, by the reason recorded and the stage the household had reached. Columns are the stages reached, over the whole period; with Columns by quarter, one block of them per quarter.',
    },
    {
      key: 'kinship_application',
      label: 'Kinship households',
      text: "A kinship household's viability assessment stands as its application: closed after its viability request, it counts at Stage 1 at least, as the Ofsted return counts it among applications withdrawn or turned down.",
    },
    {
      key: 'ended_by',
      label: 'Who ended it',
      text: 'The same closures by who ended them: the applicant, the service, or contact was lost.',
    },
    {
      key: 'exit_interviews',
      label: 'Exit interviews',
      text: 'The same closures by the exit interview recorded against them: held, declined, offered and not yet held, or none recorded.',
    },
    INTERVIEW_ANSWERS_DEFINITION,
    {
      key: 'retired',
      label: 'Retired reasons',
      text: 'A retired reason is shown only when closures in the period still carry it.',
    },
  ],

  build(db: Db, o) {
    const blocks = o.quarterly
      ? quarterBlocks(db, o)
      : [{ key: null, label: '', groups: closureGroups(db, o, rangeOf(o)) }];
    const v = views(db, blocks);
    return {
      main: v.main,
      sections: [
        {
          key: 'ended_by',
          title: 'Drop-outs by who ended them',
          rowHeading: 'Who ended it',
          restatesMainTotal: true,
          restatesMainCells: v.endedByOfReasons,
          raw: v.endedBy,
        },
        {
          key: 'exit_interviews',
          title: 'Exit-interview coverage of these drop-outs',
          rowHeading: 'Exit interview',
          restatesMainTotal: true,
          raw: v.interviews,
        },
        { ...INTERVIEW_ANSWERS_SECTION, raw: joined(interviewAnswerBlocks(db, o, blocks)) },
      ],
    };
  },

  // A quarter's block adds up, cell by cell, to the table by financial years (its stage columns).
  annualColumnOf: (column) => ofQuarterColumn(column)?.column ?? null,

  drill(_db, o, section, row, column) {
    if (!isDropoutView(section) && section !== INTERVIEW_ANSWERS) return null;
    const q = o.quarterly ? ofQuarterColumn(column) : { quarter: null, column };
    if (!q) return null;
    const range = q.quarter === null ? rangeOf(o) : periods(o).find((p) => p.key === q.quarter);
    if (!range) return null;
    if (q.column !== 'total' && !OPEN_STAGES.includes(q.column as never)) return null;
    if (section === INTERVIEW_ANSWERS)
      return interviewAnswerHouseholds(o, range, row, q.column === 'total' ? null : q.column);
    return closureHouseholds(
      o,
      range,
      section,
      row === 'total' ? null : row,
      q.column === 'total' ? null : q.column,
    );
  },
};
