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

// Each floor is the least work that reads the period's rows: one GROUP BY answered from a
// covering index, without the pathway join (mainstream is ~88% of the rows, and a report may
// find them by subtracting kinship, as the reports do).
const MILESTONES = (q: boolean) =>
  `SELECT kind, ${period('date', q)} AS p, COUNT(*) FROM milestones
   WHERE kind IN ('enquiry', 'initial_visit', 'eoi', 'stage1', 'stage2', 'panel', 'approval')
     AND date BETWEEN @from AND @to GROUP BY 1, 2`;

const EPISODES = 'SELECT household_id, episode, MAX(date) FROM milestones GROUP BY 1, 2';

export const FLOORS: Record<ReportTableKey, { rows: string; sql: (quarterly: boolean) => string }> = {
  funnel: { rows: 'every milestone dated in the period', sql: MILESTONES },
  cohort: { rows: 'every milestone dated in the period', sql: MILESTONES },
  timescales: { rows: 'every milestone dated in the period', sql: MILESTONES },
  sources: {
    rows: 'households by source and enquiry date',
    // Left to itself SQLite walks the enquiry-date index and reads every row for its source.
    sql: (q) => `SELECT source, ${period('enquiry_date', q)} AS p, COUNT(*) FROM households
      INDEXED BY households_by_source WHERE enquiry_date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  dropout: {
    rows: 'closures in the period',
    sql: () => `SELECT reason_key, stage_reached, COUNT(*) FROM closures
      WHERE date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  leaving: {
    rows: 'cessations in the period',
    sql: (q) => `SELECT reason_key, ${period('date', q)} AS p, COUNT(*) FROM cessations
      WHERE date BETWEEN @from AND @to GROUP BY 1, 2`,
  },
  forecast: { rows: 'every milestone by episode (the forecast reads every episode)', sql: () => EPISODES },
  'forecast-backtest': {
    rows: 'every milestone by episode (the backtest reads every episode)',
    sql: () => EPISODES,
  },
  ofsted: { rows: 'every milestone dated in the period', sql: MILESTONES },
  diversity: { rows: 'every milestone dated in the period', sql: MILESTONES },
  retention: {
    rows: 'every approval up to the period end',
    sql: (q) => `SELECT ${period('date', q)} AS p, COUNT(*) FROM milestones
      WHERE kind = 'approval' AND date <= @to GROUP BY 1`,
  },
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
  const goal = 'each table < 1 s (median) and ≤ 3× the floor (one GROUP BY over the same rows)';
  const out: CaseResult[] = [];
  // Tables reading the same rows share one floor measurement (its own child, several runs).
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
        const f = await floorOf(FLOORS[table].sql(quarterly));
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
          note: `floor: one GROUP BY over ${FLOORS[table].rows} (${f.runs} runs); ${r.columns as number} columns; max includes the first (cold) run${times.length < 3 ? `; ${times.length} runs only (each over 15 s)` : ''}`,
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
