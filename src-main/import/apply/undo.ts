import { ApiError } from '../../contract/errors.ts';
import type { Db } from '../../db/open.ts';
import { eraser } from '../../db/erase.ts';
import { eraseImportNames } from '../../db/erase-import-names.ts';
import { eraseFromFile, type RemovedHousehold } from '../../db/purge-ledger.ts';
import type { Pathway } from '../../domain/stages.ts';
import {
  HOUSEHOLD_COLUMNS,
  PERSONAL_HOUSEHOLD_FIELDS,
  type HouseholdColumn,
} from '../../domain/household-details.ts';
import {
  journeyRows,
  type CessationRowValues,
  type ClosureRowValues,
  type Provenance,
} from '../../db/journey-rows.ts';
import { importUndoRows, type UndoAuditRow } from '../../db/queries/import-undo.ts';
import { refreshSummaries } from '../../db/queries/summary.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { describeAudit } from '../../domain/timeline.ts';
import { reasonLabels } from '../../db/queries/households.ts';
import { auditValue } from '../../db/creation-entry.ts';
import { revertExtra } from './extras-write.ts';
import { parseProvenance } from './provenance.ts';
import { nowIso } from '../../clock.ts';
import { ERASED_FILE_NAME } from '../../domain/data-protection.ts';

const HOUSEHOLD_FIELDS: ReadonlySet<string> = new Set(HOUSEHOLD_COLUMNS);

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
): {
  households: number;
  removed: number;
  removedHouseholds: RemovedHousehold[];
  /** The imports whose file and sheet names the undo erased: no household they wrote to is left. */
  namesErased: number[];
  importedAt: string;
} {
  const run = db.transaction(() => {
    const q = importUndoRows(db);
    const batch = q.batch(batchId);
    if (!batch) throw new ApiError('not_found', `There is no import batch ${batchId}.`, 'batch');
    if (batch.undone_at) {
      throw new ApiError(
        'refused',
        `Import ${batchId}${batch.file_name === ERASED_FILE_NAME ? '' : ` (${batch.file_name})`} was already undone on ${formatUkDate(batch.undone_at.slice(0, 10))}.`,
        'batch',
      );
    }
    const rows = q.entries(batchId);
    const lastId = rows.length ? rows[rows.length - 1]!.id : 0;
    const households = [...new Set(rows.map((r) => r.household_id))];
    // A purge blanks the old values undo would restore: undoing would delete facts, not revert them.
    // A household already purged when the import ran lost nothing to it (its personal fields were
    // ignored), so that import can still be undone.
    for (const hid of households) {
      const ref = q.purgedSince(hid, batch.created_at);
      if (ref !== undefined) {
        throw new ApiError(
          'refused',
          `Import ${batchId} cannot be undone: household ${ref} has since been purged, so what the import replaced is no longer known.`,
          'batch',
        );
      }
    }
    for (const hid of households) {
      const dep = q.laterChange(hid, lastId, batchId);
      if (dep) {
        const on = formatUkDate(dep.at.slice(0, 10));
        // A hand change is named as the household's timeline says it, so the user can find it there
        // (the database's "closure reopened_on" meant nothing to them).
        const change = describeAudit(
          { ...dep, oldValue: auditValue(dep.old_value), newValue: auditValue(dep.new_value), reason: null },
          reasonLabels(db),
        );
        const what = dep.batch_id
          ? `by import ${dep.batch_id} on ${on}. Undo import ${dep.batch_id} first.`
          : // Any later hand change holds the undo, even one changed back since (both are history):
            // the way left is by hand, not by undoing the hand change.
            `by ${dep.user} on ${on} ("${change}" in its timeline), and an import is not undone over a later hand change: correct what it brought by hand instead, or keep it.`;
        throw new ApiError(
          'refused',
          `Import ${batchId} cannot be undone: household ${dep.reference ?? hid} was changed afterwards ${what}`,
          'batch',
        );
      }
    }

    const now = nowIso();
    const deleted = new Set<number>();
    const removedHouseholds: RemovedHousehold[] = [];
    for (const r of [...rows].reverse()) {
      if (deleted.has(r.household_id)) continue;
      // A household the import created is removed: its reference, read first, matches it in backups
      // (db/purge-ledger.ts).
      const created = r.entity === 'household' && r.field === null;
      const reference = created ? q.referenceOf(r.household_id) : undefined;
      if (!revertExtra(db, r, now)) revert(db, q, r, batchId);
      if (created) {
        deleted.add(r.household_id);
        if (reference) removedHouseholds.push({ id: r.household_id, reference });
      }
      q.addUndoEntry(now, user, batchId, r);
    }
    q.markUndone(batchId, now);
    // A removed household leaves no personal value behind: its history keeps what happened
    // (action, field, when), not the values (ids are never re-used, so nobody inherits it).
    const erase = eraser(db);
    for (const hid of deleted) erase.household(hid, '', null);
    const kept = households.filter((h) => !deleted.has(h));
    refreshSummaries(db, kept, today);
    // Its file may be named after the households it removed ("Quillfeather referral.xlsx"), and
    // where none it wrote to is left unpurged, no purge or subject access reaches the name: it goes
    // with them (so does a later import's, undone before, that wrote only to them).
    const namesErased = deleted.size > 0 ? eraseImportNames(db) : [];
    return {
      households: kept.length,
      removed: deleted.size,
      removedHouseholds,
      namesErased,
      importedAt: batch.created_at,
    };
  });
  const result = run.immediate();
  // Copies of the removed households' values can stay in the file's pages and its WAL.
  if (result.removed > 0) eraseFromFile(db);
  return result;
}

type Undo = ReturnType<typeof importUndoRows>;
type Restored = { date: string; source: 'hand' | 'import'; batch_id: number | null };

/** Puts back what one audit entry of the import changed: the journey's rows through db/journey-rows.ts. */
function revert(db: Db, q: Undo, r: UndoAuditRow, batchId: number): void {
  const hid = r.household_id;
  const rows = journeyRows(db);
  const as = (p: { source: string | number | null; batch_id: string | number | null }): Provenance => ({
    source: p.source === 'hand' ? 'hand' : 'import',
    batchId: p.batch_id === null ? null : Number(p.batch_id),
  });
  if (r.entity === 'household') {
    if (r.field === null) return q.removeHousehold(hid);
    const old = parse<string | number>(r.old_value);
    if (r.field === 'episode') return rows.restoreEpisode(hid, Number(old));
    if (r.field === 'responded_date') {
      rows.setResponded(hid, old === null ? null : String(old));
      // A response the file gave says who had set it before; a re-opening's clearing does not.
      if (r.reason?.includes('before:')) q.restoreSource(hid, 'responded_date', parseProvenance(r.reason));
      return;
    }
    if (r.field === 'updated_at') return q.setColumn(hid, 'updated_at', old);
    if (!HOUSEHOLD_FIELDS.has(r.field)) throw new Error(`Unexpected field ${r.field} in import ${batchId}.`);
    const field = r.field as HouseholdColumn;
    // Erasure is final: nothing an undo restores fills a purged household's personal details.
    if (PERSONAL_HOUSEHOLD_FIELDS.has(field) && q.isPurged(hid)) return;
    q.setColumn(hid, field, old);
    return q.restoreSource(hid, field, parseProvenance(r.reason));
  }
  const id = r.entity_id!;
  if (r.entity === 'milestone') {
    const old = parse<Restored>(r.old_value);
    return old ? rows.setMilestoneById(id, old.date, as(old)) : rows.removeMilestoneById(id);
  }
  if (r.entity === 'closure' && r.field === 'reopened_on')
    return rows.setReopened(id, parse<string>(r.old_value));
  if (r.entity === 'closure') {
    const old = parse<ClosureRowValues & { source: string; batch_id: number | null }>(r.old_value);
    return old ? rows.setClosure(id, old, as(old)) : rows.removeClosure(id);
  }
  if (r.entity === 'pathway') {
    rows.unswitchPathway(hid, id, parse<Pathway>(r.old_value)!);
    return q.restoreSource(hid, 'pathway', parseProvenance(r.reason));
  }
  if (r.entity === 'cessation') {
    const old = parse<CessationRowValues & { source: string; batch_id: number | null }>(r.old_value);
    return old ? rows.setCessation(id, old, as(old)) : rows.removeCessation(id);
  }
}
