import { REPORT_TABLES, type ReportTableKey } from '../../../src-main/contract/reports.ts';
import { fyEnd, fyStart, lastCompleteYears } from '../../../src-main/domain/financial-year.ts';
import { openApp } from '../lib/app.ts';
import { firstMissing, missingCase, summaryLine, type BenchEnv, type CaseResult } from '../lib/env.ts';
import { runChild } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';

/**
 * Case 4: every report table, annual and quarterly, over the whole sample database
 * (mainstream, the default pathway; the last five complete years, the default period).
 * Floor: one GROUP BY over the rows the table reads, grouped by the same periods.
 */
const period = (col: string, quarterly: boolean) => {
  const fy = `(CAST(substr(${col}, 1, 4) AS INTEGER) - (CAST(substr(${col}, 6, 2) AS INTEGER) < 4))`;
  return quarterly ? `(${fy} * 10 + ((CAST(substr(${col}, 6, 2) AS INTEGER) + 8) % 12) / 3 + 1)` : fy;
};

const MILESTONES = (q: boolean) =>
  `SELECT m.kind, ${period('m.date', q)} AS p, COUNT(*) FROM milestones m
   JOIN households h ON h.id = m.household_id AND h.pathway = 'mainstream'
   WHERE m.date BETWEEN @from AND @to GROUP BY 1, 2`;

export const FLOORS: Record<ReportTableKey, { rows: string; sql: (quarterly: boolean) => string }> = {
  funnel: { rows: 'milestones in the period', sql: MILESTONES },
  cohort: { rows: 'milestones in the period', sql: MILESTONES },
  timescales: { rows: 'milestones in the period', sql: MILESTONES },
  sources: {
    rows: 'enquiries in the period by source',
    sql: (q) => `SELECT h.source, ${period('m.date', q)} AS p, COUNT(*) FROM milestones m
      JOIN households h ON h.id = m.household_id AND h.pathway = 'mainstream'
      WHERE m.kind = 'enquiry' AND m.date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  dropout: {
    rows: 'closures in the period',
    sql: () => `SELECT c.reason_key, c.stage_reached, COUNT(*) FROM closures c
      JOIN households h ON h.id = c.household_id AND h.pathway = 'mainstream'
      WHERE c.date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  leaving: {
    rows: 'cessations in the period',
    sql: (q) => `SELECT c.reason_key, ${period('c.date', q)} AS p, COUNT(*) FROM cessations c
      JOIN households h ON h.id = c.household_id AND h.pathway = 'mainstream'
      WHERE c.date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  retention: {
    rows: 'every approval, with its cessation',
    sql: (q) => `SELECT ${period('m.date', q)} AS p, COUNT(*), COUNT(c.id) FROM milestones m
      JOIN households h ON h.id = m.household_id AND h.pathway = 'mainstream'
      LEFT JOIN cessations c ON c.household_id = m.household_id
      WHERE m.kind = 'approval' AND m.date <= @to GROUP BY 1`,
  },
};

async function reportTask(args: {
  db: string;
  today: string;
  table: ReportTableKey;
  quarterly: boolean;
  reps: number;
}) {
  const app = await openApp(args.db, args.today);
  const years = lastCompleteYears(args.today, 5);
  const range = { from: fyStart(years.from), to: fyEnd(years.to) };
  const floorSql = FLOORS[args.table].sql(args.quarterly);
  const times: number[] = [];
  const floors: number[] = [];
  let columns = 0;
  // Alternated so both see the same cache state; the first of each is cold (the file was just opened).
  for (let i = 0; i < args.reps; i++) {
    let t0 = performance.now();
    app.ctx.store.db.prepare(floorSql).all(range);
    floors.push(performance.now() - t0);
    t0 = performance.now();
    const report = await app.call<{ columns: unknown[] }>('reports.getTable', {
      table: args.table,
      options: { quarterly: args.quarterly },
    });
    times.push(performance.now() - t0);
    columns = report.columns.length;
  }
  app.close();
  return { times, floors, columns };
}

export const reportTasks = { 'report.table': reportTask };

export async function reportCases(env: BenchEnv): Promise<CaseResult[]> {
  const goal = 'each table < 1 s (median) and ≤ 3× the floor (one GROUP BY over the same rows)';
  const out: CaseResult[] = [];
  for (const table of REPORT_TABLES) {
    for (const quarterly of [false, true]) {
      const name = `4 report ${table} ${quarterly ? 'quarterly' : 'annual'} (${env.households.toLocaleString('en-GB')} households)`;
      const gone = firstMissing('reports.getTable');
      if (gone) {
        out.push(missingCase(name, goal, `no ${gone} method`));
        continue;
      }
      try {
        const r = await runChild('report.table', {
          db: env.db,
          today: env.today,
          table,
          quarterly,
          reps: Math.max(env.reps, 5),
        });
        const times = r.times as number[];
        const floor = median(r.floors as number[]);
        const med = median(times);
        out.push({
          name,
          median_ms: ms1(med),
          max_ms: ms1(max(times)),
          peak_rss_mb: Math.round(r.peakRssMb),
          floor_ms: ms1(floor),
          ratio: r2(med / floor),
          goal,
          holds: med < 1000 && med <= 3 * floor,
          runs: times.length,
          note: `floor: ${FLOORS[table].rows}; ${r.columns as number} columns; max includes the first (cold) run`,
        });
      } catch (e) {
        out.push({
          ...missingCase(name, goal, 'failed'),
          note: `failed: ${(e as Error).message.slice(0, 400)}`,
        });
      }
      env.log(summaryLine(out[out.length - 1]!));
    }
  }
  return out;
}
