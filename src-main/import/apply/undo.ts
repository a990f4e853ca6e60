import { ApiError } from '../../contract/errors.ts';
import type { Db } from '../../db/open.ts';
import { eraser } from '../../db/erase.ts';
import { HOUSEHOLD_COLUMNS, PERSONAL_HOUSEHOLD_FIELDS } from '../../domain/household-details.ts';
import { refreshSummaries } from '../../db/queries/summary.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { revertExtra } from './extras.ts';
import { parseProvenance } from './provenance.ts';
import { nowIso } from '../../clock.ts';

interface AuditRow {
  id: number;
  at: string;
  user: string;
  action: string;
  household_id: number;
  entity: string;
  entity_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

const HOUSEHOLD_FIELDS: ReadonlySet<string> = new Set(HOUSEHOLD_COLUMNS);
/** Household columns an import changes that have no provenance of their own. */
const BOOKKEEPING = new Set(['updated_at', 'episode', 'responded_date']);

const isPurged = (db: Db, id: number): boolean =>
  db
    .prepare<[number], number>('SELECT purged_at IS NOT NULL FROM households WHERE id = ?')
    .pluck()
    .get(id) === 1;

const parse = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));

/**
 * Reverts exactly what one import batch changed, replaying its audit entries backwards,
 * in one transaction. Refused, with the reason, when anything touched a household of the
 * batch afterwards (a hand edit, or a later import not itself undone): undoing under it
 * would silently lose that later work.
 */
export function undoImport(
  db: Db,
  batchId: number,
  user: string,
  today: string,
): { households: number; removed: number } {
  const run = db.transaction(() => {
    const batch = db
      .prepare<[number], { id: number; undone_at: string | null; file_name: string; created_at: string }>(
        'SELECT id, undone_at, file_name, created_at FROM import_batches WHERE id = ?',
      )
      .get(batchId);
    if (!batch) throw new ApiError('not_found', `There is no import batch ${batchId}.`, 'batch');
    if (batch.undone_at) {
      throw new ApiError(
        'refused',
        `Import ${batchId} (${batch.file_name}) was already undone on ${formatUkDate(batch.undone_at.slice(0, 10))}.`,
        'batch',
      );
    }
    const rows = db
      .prepare<[number], AuditRow>(
        `SELECT id, at, user, action, household_id, entity, entity_id, field, old_value, new_value, reason
         FROM audit_log WHERE batch_id = ? AND action = 'import' ORDER BY id`,
      )
      .all(batchId);
    const lastId = rows.length ? rows[rows.length - 1]!.id : 0;
    const later = db.prepare<
      [number, number, number],
      AuditRow & { batch_id: number | null; reference: string | null }
    >(
      `SELECT a.*, h.reference FROM audit_log a LEFT JOIN households h ON h.id = a.household_id
       WHERE a.household_id = ? AND a.id > ? AND (a.batch_id IS NULL OR a.batch_id <> ?)
         AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = a.batch_id AND b.undone_at IS NOT NULL)
       ORDER BY a.id LIMIT 1`,
    );
    const households = [...new Set(rows.map((r) => r.household_id))];
    // A purge blanks the old values undo would restore: undoing would delete facts, not revert them.
    // A household already purged when the import ran lost nothing to it (its personal fields were
    // ignored), so that import can still be undone.
    const purged = db.prepare<[number, string], string>(
      'SELECT reference FROM households WHERE id = ? AND purged_at IS NOT NULL AND purged_at >= ?',
    );
    for (const hid of households) {
      const ref = purged.pluck().get(hid, batch.created_at);
      if (ref !== undefined) {
        throw new ApiError(
          'refused',
          `Import ${batchId} cannot be undone: household ${ref} has since been purged, so what the import replaced is no longer known.`,
          'batch',
        );
      }
    }
    for (const hid of households) {
      const dep = later.get(hid, lastId, batchId);
      if (dep) {
        const what = dep.batch_id
          ? `import ${dep.batch_id}`
          : `${dep.user} (${dep.entity}${dep.field ? ` ${dep.field}` : ''})`;
        throw new ApiError(
          'refused',
          `Import ${batchId} cannot be undone: household ${dep.reference ?? hid} was changed afterwards by ${what} on ${formatUkDate(dep.at.slice(0, 10))}. ${dep.batch_id ? `Undo import ${dep.batch_id} first.` : 'Change it back by hand, or keep this import.'}`,
          'batch',
        );
      }
    }

    const now = nowIso();
    const audit = db.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (?, ?, 'undo', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const deleted = new Set<number>();
    for (const r of [...rows].reverse()) {
      if (deleted.has(r.household_id)) continue;
      if (!revertExtra(db, r, now)) revert(db, r, batchId);
      if (r.entity === 'household' && r.field === null) deleted.add(r.household_id);
      audit.run(
        now,
        user,
        r.household_id,
        batchId,
        r.entity,
        r.entity_id,
        r.field,
        r.new_value,
        r.old_value,
        `undo of import batch ${batchId}`,
      );
    }
    db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(now, batchId);
    // A removed household leaves no personal value behind: its history keeps what happened
    // (action, field, when), not the values (ids are never re-used, so nobody inherits it).
    const erase = eraser(db);
    for (const hid of deleted) erase.household(hid, '', null);
    const kept = households.filter((h) => !deleted.has(h));
    refreshSummaries(db, kept, today);
    return { households: kept.length, removed: deleted.size };
  });
  const result = run.immediate();
  // The WAL still holds the removed pages until checkpointed into the (securely overwritten) file.
  if (result.removed > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

function revert(db: Db, r: AuditRow, batchId: number): void {
  const hid = r.household_id;
  if (r.entity === 'household') {
    if (r.field === null) {
      db.prepare('DELETE FROM households WHERE id = ?').run(hid);
      return;
    }
    if (!HOUSEHOLD_FIELDS.has(r.field) && !BOOKKEEPING.has(r.field)) {
      throw new Error(`Unexpected field ${r.field} in import ${batchId}.`);
    }
    // Erasure is final: nothing an undo restores fills a purged household's personal details.
    if (PERSONAL_HOUSEHOLD_FIELDS.has(r.field) && isPurged(db, hid)) return;
    db.prepare(`UPDATE households SET ${r.field} = ? WHERE id = ?`).run(
      parse<string | number>(r.old_value),
      hid,
    );
    if (BOOKKEEPING.has(r.field)) return;
    const prev = parseProvenance(r.reason);
    if (prev) {
      db.prepare(
        `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (household_id, field) DO UPDATE SET source = excluded.source, batch_id = excluded.batch_id`,
      ).run(hid, r.field, prev.source, prev.batch);
    } else {
      db.prepare('DELETE FROM field_sources WHERE household_id = ? AND field = ?').run(hid, r.field);
    }
    return;
  }
  if (r.entity === 'milestone') {
    const old = parse<{ date: string; source: string; batch_id: number | null }>(r.old_value);
    if (!old) db.prepare('DELETE FROM milestones WHERE id = ?').run(r.entity_id);
    else
      db.prepare('UPDATE milestones SET date = ?, source = ?, batch_id = ? WHERE id = ?').run(
        old.date,
        old.source,
        old.batch_id,
        r.entity_id,
      );
    return;
  }
  if (r.entity === 'closure' && r.field === 'reopened_on') {
    db.prepare('UPDATE closures SET reopened_on = ? WHERE id = ?').run(
      parse<string>(r.old_value),
      r.entity_id,
    );
    return;
  }
  if (r.entity === 'closure') {
    const old = parse<Record<string, string | number | null>>(r.old_value);
    if (!old) db.prepare('DELETE FROM closures WHERE id = ?').run(r.entity_id);
    else
      db.prepare(
        `UPDATE closures SET date = ?, stage_reached = ?, reason_key = ?, reason_text = ?, ended_by = ?, source = ?, batch_id = ? WHERE id = ?`,
      ).run(
        old.date,
        old.stage_reached,
        old.reason_key,
        old.reason_text,
        old.ended_by,
        old.source,
        old.batch_id,
        r.entity_id,
      );
    return;
  }
  if (r.entity === 'cessation') {
    const old = parse<Record<string, string | number | null>>(r.old_value);
    if (!old) db.prepare('DELETE FROM cessations WHERE id = ?').run(r.entity_id);
    else
      db.prepare(
        `UPDATE cessations SET date = ?, reason_key = ?, reason_text = ?, initiated_by = ?, source = ?, batch_id = ? WHERE id = ?`,
      ).run(
        old.date,
        old.reason_key,
        old.reason_text,
        old.initiated_by,
        old.source,
        old.batch_id,
        r.entity_id,
      );
  }
}
