import type { Db } from './open.ts';
import { CREATED_COLUMNS } from './field-sources.ts';

/**
 * An import's creation entry holds no values (issue 12, the first import's speed: ~25 MB of JSON
 * at 100,000 rows): what a household an import made was created with is read back here, from the
 * household as it is now and every later change to it, each of which keeps the value it replaced.
 * The timeline shows it as the entry's values, and a merge writes it into the duplicate's entry
 * before that entry moves to the household kept (whose values it would otherwise read).
 */
export function isValuelessCreation(a: {
  action: string;
  entity: string;
  field: string | null;
  new_value: string | null;
  batch_id: number | null;
}): boolean {
  return (
    a.action === 'import' &&
    a.entity === 'household' &&
    a.field === null &&
    a.new_value === null &&
    a.batch_id !== null
  );
}

/** The values household `id` was created with by the entry `entryId` (null values left out, as the import did). */
export function creationValues(db: Db, id: number, entryId: number): Record<string, unknown> {
  const now = db.prepare('SELECT * FROM households WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  if (!now) return {};
  // The first later change of each column holds, as its old value, what the household was created with.
  const first = new Map<string, string | null>();
  for (const c of db
    .prepare<{ id: number; entry: number }, { entity: string; field: string; old_value: string | null }>(
      // Its own entries: a duplicate merged into it brought its history, whose changes are the
      // duplicate's (they name it as their entity) and whose old values it was never created with.
      // A pathway entry names its change, not the household: a merge writes the kept household's
      // creation values before the duplicate's history joins it (households-merge.ts).
      `SELECT entity, field, old_value FROM audit_log
       WHERE household_id = @id AND id > @entry AND field IS NOT NULL
         AND ((entity = 'household' AND COALESCE(entity_id, @id) = @id) OR entity = 'pathway')
       ORDER BY id`,
    )
    .all({ id, entry: entryId }))
    if (!first.has(c.field)) first.set(c.field, c.old_value);
  const values: Record<string, unknown> = { reference: now.reference };
  for (const column of CREATED_COLUMNS) {
    const v = first.has(column) ? auditValue(first.get(column)!) : now[column];
    if (v !== null && v !== undefined && v !== '') values[column] = v;
  }
  return values;
}

/** Writes the values into household `id`'s valueless creation entries (a merge, before they move). */
export function keepCreationValues(db: Db, id: number): void {
  const entries = db
    .prepare<[number], { id: number }>(
      `SELECT id FROM audit_log WHERE household_id = ? AND action = 'import' AND entity = 'household'
         AND field IS NULL AND new_value IS NULL AND batch_id IS NOT NULL`,
    )
    .all(id);
  for (const e of entries)
    db.prepare('UPDATE audit_log SET new_value = ? WHERE id = ?').run(
      JSON.stringify(creationValues(db, id, e.id)),
      e.id,
    );
}

/** An audit entry's stored value as it was given: JSON, or (written before it was JSON) the text itself. */
export const auditValue = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};
