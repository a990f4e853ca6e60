import { openApp } from '../lib/app.ts';
import {
  firstMissing,
  guarded,
  missingCase,
  summaryLine,
  type BenchEnv,
  type CaseResult,
} from '../lib/env.ts';
import { runChild } from '../lib/spawn.ts';
import { max, median, ms1, percentile, r2 } from '../lib/stats.ts';

/**
 * Case 5: the households list page as the UI asks for it (100 rows and the total), over the
 * whole sample database. The floor is the same page fetched by one bare indexed SELECT
 * (no total, no reason look-up, no alert bookkeeping).
 */
interface Op {
  key: string;
  label: string;
  input: (households: number) => Record<string, unknown>;
  floor: string;
}

const COLS = 'id, reference, first_name, surname, pathway, stage, stage_date, source, enquiry_date, status';

export const LIST_OPS: Op[] = [
  {
    key: 'first',
    label: 'first page',
    input: () => ({}),
    floor: `SELECT ${COLS} FROM households ORDER BY enquiry_date DESC, id DESC LIMIT 100`,
  },
  {
    key: 'search',
    label: 'search "patel"',
    input: () => ({ search: 'patel' }),
    floor: `SELECT ${COLS} FROM households WHERE surname >= 'patel' COLLATE NOCASE AND surname < 'patem' COLLATE NOCASE
      ORDER BY enquiry_date DESC, id DESC LIMIT 100`,
  },
  {
    key: 'filter',
    label: 'filter stage = Stage 1',
    input: () => ({ stage: 'stage1' }),
    floor: `SELECT ${COLS} FROM households WHERE stage = 'stage1' ORDER BY enquiry_date DESC, id DESC LIMIT 100`,
  },
  {
    key: 'sort',
    label: 'sort by name',
    input: () => ({ sort: 'name', dir: 'asc' }),
    floor: `SELECT ${COLS} FROM households ORDER BY surname COLLATE NOCASE, first_name COLLATE NOCASE, id LIMIT 100`,
  },
  {
    key: 'jump',
    label: 'jump to row 90%',
    input: (n) => ({ offset: Math.floor(n * 0.9) }),
    floor: `SELECT ${COLS} FROM households ORDER BY enquiry_date DESC, id DESC LIMIT 100 OFFSET @offset`,
  },
];

async function listTask(args: { db: string; today: string; households: number; reps: number }) {
  const app = await openApp(args.db, args.today);
  const t0 = performance.now();
  await app.call('households.listHouseholds', {});
  const firstCallMs = performance.now() - t0;
  const out: Record<string, { times: number[]; floors: number[]; total: number; rows: number }> = {};
  for (const op of LIST_OPS) out[op.key] = { times: [], floors: [], total: 0, rows: 0 };
  // Round-robin over the operations, as a user moving around the list would.
  for (let i = 0; i < args.reps; i++) {
    for (const op of LIST_OPS) {
      const input = op.input(args.households);
      let t = performance.now();
      app.ctx.store.db.prepare(op.floor).all(op.floor.includes('@offset') ? { offset: input.offset } : {});
      out[op.key]!.floors.push(performance.now() - t);
      t = performance.now();
      const page = await app.call<{ total: number; rows: unknown[] }>('households.listHouseholds', input);
      out[op.key]!.times.push(performance.now() - t);
      out[op.key]!.total = page.total;
      out[op.key]!.rows = page.rows.length;
    }
  }
  app.close();
  return { firstCallMs, ops: out };
}

/** The first list call after new households arrive brings their alerts up to date: timed once, after the data is made. */
async function warmTask(args: { db: string; today: string }) {
  const app = await openApp(args.db, args.today);
  const t0 = performance.now();
  await app.call('households.listHouseholds', {});
  const ms = performance.now() - t0;
  app.close();
  return { ms };
}

export const listTasks = { 'list.ops': listTask, 'list.warm': warmTask };

const GOAL = 'median < 50 ms and p95 < 100 ms';

export async function listCases(env: BenchEnv): Promise<CaseResult[]> {
  const names = LIST_OPS.map(
    (op) => `5 households list: ${op.label} (${env.households.toLocaleString('en-GB')} households)`,
  );
  const gone = firstMissing('households.listHouseholds');
  if (gone) return names.map((n) => missingCase(n, GOAL, `no ${gone} method`));
  const reps = 30;
  let r: Awaited<ReturnType<typeof runChild>>;
  try {
    r = await runChild('list.ops', { db: env.db, today: env.today, households: env.households, reps });
  } catch (e) {
    const failed = await guarded(names[0]!, GOAL, () => Promise.reject(e));
    env.log(summaryLine(failed));
    return names.map((name) => ({ ...failed, name }));
  }
  const ops = r.ops as Record<string, { times: number[]; floors: number[]; total: number; rows: number }>;
  return LIST_OPS.map((op, i) => {
    const o = ops[op.key]!;
    const med = median(o.times);
    const p95 = percentile(o.times, 95);
    const floor = median(o.floors);
    const c: CaseResult = {
      name: names[i]!,
      median_ms: ms1(med),
      max_ms: ms1(max(o.times)),
      p95_ms: ms1(p95),
      peak_rss_mb: Math.round(r.peakRssMb),
      floor_ms: ms1(floor),
      ratio: r2(med / floor),
      goal: GOAL,
      holds: med < 50 && p95 < 100,
      runs: o.times.length,
      note: `${o.rows} rows of ${o.total.toLocaleString('en-GB')} matching; floor: the same 100 rows by one bare SELECT${
        i === 0 && env.firstListCallMs !== null
          ? `; not in the figures: the first list call after the data was made took ${Math.round(env.firstListCallMs)} ms (alerts of every new open household brought up to date)`
          : ''
      }`,
    };
    env.log(summaryLine(c));
    return c;
  });
}
