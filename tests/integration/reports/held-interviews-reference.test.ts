import { describe, expect, it } from 'vitest';
import { pathwayAtSql } from '../../../src-main/db/journey-sql.ts';
import {
  heldInterviewAnswers,
  type HeldInterviewKind,
} from '../../../src-main/db/queries/reports/held-interviews.ts';
import { periods, rangeOf, resolveOptions } from '../../../src-main/reports/period.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

/**
 * What the drop-out and leaving tables' "what they said in the exit interviews held" count
 * (held-interviews.ts heldInterviewAnswers, which groups by the index's columns first and sorts
 * only those groups into periods), recounted here the plain way: every held interview of the
 * episodes record read one by one, put in its period by reports/period.ts's periods, each reason
 * of its stored array counted once. Over a sample of households (many days, stages, reason sets
 * and answers in each quarter, both pathways and some switches), by year and by quarter, for each
 * pathway and over a range with a year not yet ended.
 */
const TODAY = '2026-11-26';

const COLUMNS: Record<
  HeldInterviewKind,
  { date: string; status: string; stage: string | null; reasons: string; mightReturn: string }
> = {
  closure: {
    date: 'closed_on',
    status: 'exit_interview',
    stage: 'closed_stage',
    reasons: 'closure_exit_reasons',
    mightReturn: 'closure_might_return',
  },
  cessation: {
    date: 'ceased_on',
    status: 'cessation_exit_interview',
    stage: null,
    reasons: 'cessation_exit_reasons',
    mightReturn: 'cessation_might_return',
  },
};

type Cell = { r?: string; c: string | null; q: number; n: number };
const sorted = (cells: Cell[]) =>
  cells
    .filter((x) => x.n > 0)
    .map((x) => `${x.r ?? ''}|${x.c ?? ''}|${x.q}|${x.n}`)
    .sort();

describe('the exit interviews held, counted by stage and period', () => {
  it('are each held interview counted once per reason and answer, as a plain recount gives them', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 1500, seed: 5, today: TODAY });
    for (const kind of ['closure', 'cessation'] as const) {
      const k = COLUMNS[kind];
      const held = db
        .prepare<[], { d: string; c: string | null; j: string | null; m: number | null; p: string }>(
          `SELECT ${k.date} AS d, ${k.stage ?? 'NULL'} AS c, ${k.reasons} AS j, ${k.mightReturn} AS m,
            ${pathwayAtSql(k.date)} AS p
           FROM episodes WHERE ${k.status} = 'held' AND ${k.date} IS NOT NULL`,
        )
        .all();
      expect(held.length).toBeGreaterThan(kind === 'closure' ? 100 : 5);
      for (const range of [{}, { from: '2022/23', to: '2026/27' }])
        for (const pathway of ['mainstream', 'kinship', 'all'] as const)
          for (const quarterly of [false, true]) {
            const o = resolveOptions({ ...range, pathway, quarterly, suppress: false }, TODAY);
            const { from, to } = rangeOf(o);
            const ps = periods(o);
            const reasons = new Map<string, Cell>();
            const mightReturn = new Map<string, Cell>();
            const add = (into: Map<string, Cell>, cell: Omit<Cell, 'n'>) => {
              const key = `${cell.r ?? ''}|${cell.c ?? ''}|${cell.q}`;
              const x = into.get(key);
              if (x) x.n += 1;
              else into.set(key, { ...cell, n: 1 });
            };
            for (const h of held) {
              if (h.d < from || h.d > to || (pathway !== 'all' && h.p !== pathway)) continue;
              const q = ps.find((p) => p.from <= h.d && h.d <= p.to)!.code;
              for (const r of h.j === null ? [] : (JSON.parse(h.j) as string[]))
                add(reasons, { r, c: h.c, q });
              if (h.m === 1) add(mightReturn, { c: h.c, q });
            }
            const got = heldInterviewAnswers(db, kind, o, { from, to });
            const label = `${kind} ${pathway} ${quarterly ? 'by quarter' : 'by year'} ${JSON.stringify(range)}`;
            expect(sorted(got.reasons), label).toEqual(sorted([...reasons.values()]));
            expect(sorted(got.mightReturn), label).toEqual(sorted([...mightReturn.values()]));
            if (kind === 'closure' && pathway === 'mainstream')
              expect(reasons.size, label).toBeGreaterThan(10);
          }
    }
  });
});
