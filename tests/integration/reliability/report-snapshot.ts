import { contract } from '../../../src-main/contract/index.ts';
import type { TestApp } from '../../support/temp.ts';

/**
 * Every report table the app offers (through `reports.getTable`, for every table, pathway,
 * annual and quarterly), plus SQL aggregates of what the reports count: milestones by
 * kind and year, closures by reason and stage, cessations by reason and year, pathway and
 * source. Used to prove a purge changes no report.
 */
export async function reportSnapshot(app: TestApp): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const db = app.ctx.store.db;
  out.milestones = db
    .prepare(
      `SELECT h.pathway, h.source, m.kind, substr(m.date, 1, 7) AS month, COUNT(*) AS n
       FROM milestones m JOIN households h ON h.id = m.household_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
  out.closures = db
    .prepare(
      `SELECT h.pathway, c.stage_reached, c.reason_key, c.ended_by, substr(c.date, 1, 7) AS month, COUNT(*) AS n
       FROM closures c JOIN households h ON h.id = c.household_id GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all();
  out.cessations = db
    .prepare(
      `SELECT c.reason_key, c.initiated_by, substr(c.date, 1, 7) AS month, COUNT(*) AS n
       FROM cessations c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  out.interviews = db
    .prepare('SELECT status, COUNT(*) AS n FROM exit_interviews GROUP BY 1 ORDER BY 1')
    .all();
  out.households = db
    .prepare(
      'SELECT pathway, source, status, stage, COUNT(*) AS n FROM households GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
    )
    .all();

  const names = Object.keys(contract);
  if (names.includes('reports.getTable')) {
    const { REPORT_TABLES, REPORT_PATHWAYS } = await import('../../../src-main/contract/reports.ts');
    const call = app.call as unknown as (method: string, input: unknown) => Promise<unknown>;
    for (const table of REPORT_TABLES) {
      for (const pathway of REPORT_PATHWAYS) {
        for (const quarterly of [false, true]) {
          out[`report:${table}:${pathway}:${quarterly ? 'q' : 'y'}`] = await call('reports.getTable', {
            table,
            options: { pathway, quarterly },
          });
        }
      }
    }
  }
  return out;
}

/** Whether the real report tables were compared (false until the reports API exists). */
export const comparesRealReports = (): boolean => Object.keys(contract).includes('reports.getTable');
