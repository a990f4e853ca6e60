import type { Db } from '../open.ts';
import { shownName } from '../../domain/words.ts';

/** SQL selecting the `household_id` of every fact a figure counts (duplicates allowed). */
export interface DrillQuery {
  sql: string;
  params: unknown[];
}

export interface DrillRow {
  id: number;
  reference: string;
  name: string;
  stage: string;
  status: string;
}

/** The households a drill query selects: how many, and the first `limit` by reference. */
export function drillHouseholds(
  db: Db,
  q: DrillQuery,
  limit: number,
): { total: number; households: DrillRow[] } {
  const total = db
    .prepare(`SELECT COUNT(*) FROM (SELECT DISTINCT * FROM (${q.sql}))`)
    .pluck()
    .get(...q.params) as number;
  const rows = db
    .prepare<
      unknown[],
      {
        id: number;
        reference: string;
        first_name: string | null;
        surname: string | null;
        stage: string;
        status: string;
        purged_at: string | null;
      }
    >(
      `SELECT id, reference, first_name, surname, stage, status, purged_at FROM households
       WHERE id IN (${q.sql}) ORDER BY reference LIMIT ?`,
    )
    .all(...q.params, limit);
  return {
    total,
    households: rows.map((h) => ({
      id: h.id,
      reference: h.reference,
      name: shownName(h),
      stage: h.stage,
      status: h.status,
    })),
  };
}
