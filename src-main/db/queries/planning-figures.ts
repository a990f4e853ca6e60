import type { Db } from '../open.ts';
import type { PlanningFigure } from '../../domain/targets.ts';

/** Targets and comparators (table planning_figures, migration 8). Adding a column: update COLUMNS. */
const COLUMNS = 'fy, pathway, basis, measure, value';
const ORDER = 'ORDER BY fy, pathway, basis, measure';

export function readFigures(db: Db): PlanningFigure[] {
  return db.prepare<[], PlanningFigure>(`SELECT ${COLUMNS} FROM planning_figures ${ORDER}`).all();
}

/** The figures of one pathway for the financial years from `from` to `to` (both `2024/25`). */
export function readFiguresFor(db: Db, pathway: string, from: string, to: string): PlanningFigure[] {
  return db
    .prepare<[string, string, string], PlanningFigure>(
      `SELECT ${COLUMNS} FROM planning_figures WHERE pathway = ? AND fy BETWEEN ? AND ? ${ORDER}`,
    )
    .all(pathway, from, to);
}

/** Replaces the figures of one year and pathway; call inside the transaction that audits the change. */
export function replaceFigures(
  db: Db,
  fy: string,
  pathway: string,
  figures: readonly PlanningFigure[],
): void {
  db.prepare('DELETE FROM planning_figures WHERE fy = ? AND pathway = ?').run(fy, pathway);
  upsertFigures(db, figures);
}

/** Adds figures, each replacing the same year, pathway, basis and measure if held. */
export function upsertFigures(db: Db, figures: readonly PlanningFigure[]): void {
  const insert = db.prepare(
    `INSERT INTO planning_figures (${COLUMNS}) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (fy, pathway, basis, measure) DO UPDATE SET value = excluded.value`,
  );
  for (const f of figures) insert.run(f.fy, f.pathway, f.basis, f.measure, f.value);
}
