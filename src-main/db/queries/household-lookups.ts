import { ApiError } from '../../domain/errors.ts';
import type { Db } from '../open.ts';
import type { ExitInterviewStatus, Status } from '../../domain/stages.ts';

/**
 * Small reads the doors (api handlers, the CLI) need about households, kept here so no SQL lives
 * outside db/ (the PostgreSQL port is then a port of this folder).
 */

/**
 * A household's id by its reference, or undefined. People type references in any case, in the
 * app and the CLI (`nocase`, by the case-insensitive index); `exact` matches as written. References are
 * unique only as written, so two households may hold the same letters in another case (`ab12`
 * and `AB12`, from two systems' exports): the one written exactly as typed is the one meant,
 * and typed in a third case neither is taken (a subject access export or a merge of the wrong
 * household would disclose or change another person's record); `field` names the input.
 */
export function householdIdByReference(
  db: Db,
  reference: string,
  match: 'nocase' | 'exact',
  field = 'reference',
): number | undefined {
  if (match === 'exact')
    return db
      .prepare<[string], number>('SELECT id FROM households WHERE reference = ?')
      .pluck()
      .get(reference);
  const found = db
    .prepare<[string], { id: number; reference: string }>(
      'SELECT id, reference FROM households WHERE reference = ? COLLATE NOCASE',
    )
    .all(reference);
  if (found.length <= 1) return found[0]?.id;
  const exact = found.find((h) => h.reference === reference);
  if (exact) return exact.id;
  throw new ApiError(
    'conflict',
    `More than one household has the reference ${reference} in another case (${found.map((h) => h.reference).join(', ')}): type it exactly as it is held.`,
    field,
  );
}

/** Where what was held under a reference no household holds went: merged into another, or erased. */
export type ReferenceGone =
  { kind: 'merged'; into: string; on: string } | { kind: 'purged'; on: string } | undefined;

/**
 * For a reference no household holds (typed in any case, the exact spelling preferred): where what
 * was held under it went, by whichever came last: the household a merge moved it into (its
 * 'merged' audit entry, which later merges carry across, so it names the household holding it
 * now; by date of that merge), or the purge that erased it (the ledger: a duplicate merged into a
 * household purged since is erased with it, and the purge keeps the merge's entry). Read only
 * where a lookup failed: the merge entries are not indexed by the reference they name (a scan of
 * the audit log).
 */
export function referenceGone(db: Db, reference: string): ReferenceGone {
  const pick = <T extends { reference: string }>(rows: T[]): T | undefined =>
    rows.find((r) => r.reference === reference) ??
    (new Set(rows.map((r) => r.reference)).size === 1 ? rows[0] : undefined);
  const merge = pick(
    db
      .prepare<[string], { reference: string; kept: string; at: string }>(
        `SELECT a.old_value ->> 'reference' AS reference, h.reference AS kept, a.at
         FROM audit_log a JOIN households h ON h.id = a.household_id
         WHERE a.action = 'merge' AND a.field = 'merged'
           AND a.old_value ->> 'reference' = ? COLLATE NOCASE
         ORDER BY a.id DESC`,
      )
      .all(reference),
  );
  const purge = pick(
    db
      .prepare<[string], { reference: string; purged_at: string }>(
        'SELECT reference, purged_at FROM purge_ledger WHERE reference = ? COLLATE NOCASE',
      )
      .all(reference),
  );
  if (purge && !(merge && merge.at > purge.purged_at))
    return { kind: 'purged', on: purge.purged_at.slice(0, 10) };
  return merge ? { kind: 'merged', into: merge.kept, on: merge.at.slice(0, 10) } : undefined;
}

export interface EndingExitInterview {
  status: ExitInterviewStatus;
  notes: string | null;
  might_return: number | null;
}

/**
 * Reads the exit interview after a household's ending as it stands (one prepared statement for a
 * whole export): a ceased household's cessation's, a closed one's closure of its current episode.
 * Never one after an earlier ending (a family that came back and dropped out again, or was
 * approved and ceased): the export gives it beside the reason the household ended with.
 */
export function endingExitInterviewReader(db: Db): (householdId: number) => EndingExitInterview | undefined {
  const stmt = db.prepare<[number], EndingExitInterview>(
    `SELECT e.status, e.notes, e.might_return FROM households h
       JOIN exit_interviews e ON e.household_id = h.id
       WHERE h.id = ? AND CASE h.status
         WHEN 'ceased' THEN e.cessation_id IS NOT NULL
         WHEN 'closed' THEN e.closure_id =
           (SELECT c.id FROM closures c WHERE c.household_id = h.id AND c.episode = h.episode)
         ELSE 0 END`,
  );
  return (householdId) => stmt.get(householdId);
}

/** Whether a household's current episode has its panel's final minutes recorded (its decision alert's start). */
export function panelMinutesReader(db: Db): (householdId: number) => boolean {
  const stmt = db
    .prepare<[number], number>(
      `SELECT EXISTS (SELECT 1 FROM households h JOIN journey_dates j
         ON j.household_id = h.id AND j.episode = h.episode AND j.kind = 'panel_minutes' WHERE h.id = ?)`,
    )
    .pluck();
  return (householdId) => stmt.get(householdId) === 1;
}

/** Whether the database holds any household. */
export const hasHouseholds = (db: Db): boolean =>
  db.prepare('SELECT EXISTS (SELECT 1 FROM households)').pluck().get() === 1;

/**
 * Households by status (only the statuses that have any). Counted without stepping through
 * every row: the total is SQLite's count of a table's b-tree, three statuses are index ranges,
 * and the fourth (closed, most of a mature database) is the rest, which the schema's CHECK on
 * status makes exact. A GROUP BY status stepped through all 1,000,000 index entries (~70 ms;
 * ~200 ms on a loaded machine where this takes ~40 ms), and every screen waits for the status.
 */
export function countByStatus(db: Db): Array<{ status: Status; n: number }> {
  const count = db.prepare<[string], number>('SELECT COUNT(*) FROM households WHERE status = ?').pluck();
  const total = db.prepare<[], number>('SELECT COUNT(*) FROM households').pluck();
  const read = db.transaction(() => {
    const open = count.get('open')!;
    const approved = count.get('approved')!;
    const ceased = count.get('ceased')!;
    return { open, approved, ceased, closed: total.get()! - open - approved - ceased };
  });
  return Object.entries(read())
    .filter(([, n]) => n > 0)
    .map(([status, n]) => ({ status: status as Status, n }));
}
