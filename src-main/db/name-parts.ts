import type { Db } from './handle.ts';
import { prepared } from './prepared.ts';
import { namePartsOf, type PartedNames } from '../domain/fold.ts';

/**
 * The later parts of each household's names (domain/fold.ts namePartsOf), one row a part in
 * household_name_parts (migration 31; their form since migration 33), so the list's search finds
 * "Smith-Jones" by "jones", "Brown Jones-Smith" by "jones-smith", "Van den Berg" by "berg" and
 * "Mary-Jane" by "jane" from an index, as it finds a name's start from surname_fold and
 * first_name_fold. Only multi-part names have rows: a household of one-part names costs nothing
 * here. Written wherever the folded names are: a new household (`add`: hand entry through the
 * summary refresh, import, sample), a changed name (`sync`, from refreshSummaries, which every
 * writer of a name calls: hand edit, import update, undo, merge); deleted with the household
 * (ON DELETE CASCADE) and by a purge with the name (db/erase.ts).
 */
export function nameParts(db: Db) {
  const insert = prepared<[string, number]>(
    db,
    'INSERT OR IGNORE INTO household_name_parts (part, household_id) VALUES (?, ?)',
  );
  const held = prepared<[number], string>(
    db,
    'SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part',
    { pluck: true },
  );
  const holdsAny = prepared<[number], number>(
    db,
    'SELECT 1 FROM household_name_parts WHERE household_id = ? LIMIT 1',
    { pluck: true },
  );
  const remove = prepared<[number]>(db, 'DELETE FROM household_name_parts WHERE household_id = ?');
  const write = (id: number, parts: string[]): void => {
    for (const part of parts) insert.run(part, id);
  };
  return {
    /** A household just written, holding no parts yet (its row must exist: the key refers to it). */
    add(id: number, names: PartedNames): void {
      write(id, namePartsOf(names));
    },
    /** A household whose names may have changed: its parts made right, written only if they differ. */
    sync(id: number, names: PartedNames): void {
      const want = namePartsOf(names);
      // Most names have one part: only whether any is held is read (a refresh of every open household pays it).
      if (want.length === 0) {
        if (holdsAny.get(id) !== undefined) remove.run(id);
        return;
      }
      const have = held.all(id);
      const sorted = [...want].sort();
      if (sorted.length === have.length && sorted.every((p, i) => p === have[i])) return;
      remove.run(id);
      write(id, want);
    },
  };
}
