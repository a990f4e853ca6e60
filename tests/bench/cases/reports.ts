import { REPORT_TABLES, type ReportTableKey } from '../../../src-main/contract/reports.ts';
import { fyEnd, fyStart, lastCompleteYears } from '../../../src-main/domain/financial-year.ts';
import { openApp } from '../lib/app.ts';
import { firstMissing, missingCase, summaryLine, type BenchEnv, type CaseResult } from '../lib/env.ts';
import { runChild } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';

/**
 * Case 4: every report table, annual and quarterly, over the whole sample database
 * (mainstream, the default pathway; the last five complete years, the default period).
 */
const period = (col: string, quarterly: boolean) => {
  const fy = `(CAST(substr(${col}, 1, 4) AS INTEGER) - (CAST(substr(${col}, 6, 2) AS INTEGER) < 4))`;
  return quarterly ? `(${fy} * 10 + ((CAST(substr(${col}, 6, 2) AS INTEGER) + 8) % 12) / 3 + 1)` : fy;
};

/**
 * The floor of every table (issue 12): one GROUP BY over the episodes table. The episodes whose
 * enquiry is dated in the period, counted by pathway and by financial year (or quarter) of
 * enquiry: every episode of the period touched once, as SQLite answers it from the covering
 * enquiry index and a sort for the GROUP BY. Each table is measured against it in the same run
 * on the same data; the definition is written into every case's note in bench-results.json.
 */
export const FLOOR = {
  definition:
    'one GROUP BY over the episodes table: SELECT pathway, <financial year or quarter of enquiry>, COUNT(*) FROM episodes WHERE enquiry BETWEEN <period start> AND <period end> GROUP BY 1, 2 (SQLite reads the covering enquiry index and sorts for the GROUP BY)',
  sql: (q: boolean) =>
    `SELECT pathway, ${period('enquiry', q)} AS p, COUNT(*) FROM episodes
     WHERE enquiry BETWEEN @from AND @to GROUP BY 1, 2`,
};

const rangeFor = (today: string) => {
  const years = lastCompleteYears(today, 5);
  return { from: fyStart(years.from), to: fyEnd(years.to) };
};

/** Runs: 5 when a run takes under 2 s, 3 under 15 s, else 2 (said in the note): a full run must fit ~25 min. */
const repsFor = (firstMs: number) => (firstMs < 2000 ? 5 : firstMs < 15_000 ? 3 : 2);

async function floorTask(args: { db: string; today: string; sql: string }) {
  const app = await openApp(args.db, args.today);
  const stmt = app.ctx.store.db.prepare(args.sql);
  const range = rangeFor(args.today);
  const times: number[] = [];
  do {
    const t0 = performance.now();
    stmt.all(range);
    times.push(performance.now() - t0);
  } while (times.length < repsFor(times[0]!));
  app.close();
  return { times };
}

async function reportTask(args: { db: string; today: string; table: ReportTableKey; quarterly: boolean }) {
  const app = await openApp(args.db, args.today);
  const times: number[] = [];
  let columns = 0;
  // The first run is cold (the file was just opened); the median of several hides it, the max shows it.
  do {
    const t0 = performance.now();
    const report = await app.call<{ columns: unknown[] }>('reports.getTable', {
      table: args.table,
      options: { quarterly: args.quarterly },
    });
    times.push(performance.now() - t0);
    columns = report.columns.length;
  } while (times.length < repsFor(times[0]!));
  app.close();
  return { times, columns };
}

export const reportTasks = { 'report.table': reportTask, 'report.floor': floorTask };

export async function reportCases(env: BenchEnv): Promise<CaseResult[]> {
  const goal = 'each table < 1 s (median) and ≤ 3× the floor (one GROUP BY over the episodes table)';
  const out: CaseResult[] = [];
  // Every table shares one floor measurement per period kind (its own child, several runs).
  const floors = new Map<string, { median: number; runs: number }>();
  const floorOf = async (sql: string) => {
    if (!floors.has(sql)) {
      const r = await runChild('report.floor', { db: env.db, today: env.today, sql });
      floors.set(sql, { median: median(r.times as number[]), runs: (r.times as number[]).length });
    }
    return floors.get(sql)!;
  };
  for (const table of REPORT_TABLES) {
    for (const quarterly of [false, true]) {
      const name = `4 report ${table} ${quarterly ? 'quarterly' : 'annual'} (${env.households.toLocaleString('en-GB')} households)`;
      const gone = firstMissing('reports.getTable');
      if (gone) {
        out.push(missingCase(name, goal, `no ${gone} method`));
        continue;
      }
      try {
        const r = await runChild('report.table', { db: env.db, today: env.today, table, quarterly });
        const times = r.times as number[];
        const f = await floorOf(FLOOR.sql(quarterly));
        const floor = f.median;
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
          note: `floor: ${FLOOR.definition}, by ${quarterly ? 'quarter' : 'year'} (${f.runs} runs); ${r.columns as number} columns; max includes the first (cold) run${times.length < 3 ? `; ${times.length} runs only (each over 15 s)` : ''}`,
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
