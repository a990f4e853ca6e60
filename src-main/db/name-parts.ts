import type { Db } from './handle.ts';
import { prepared } from './prepared.ts';
import type { PartedNames } from '../domain/fold.ts';
import { searchPartsOf } from '../domain/search-parts.ts';

/**
 * The runs of each household's names the list's search finds it by beyond its own columns' starts
 * (domain/search-parts.ts searchPartsOf), one row a part in household_name_parts (migration 31; the
 * later parts with the rest of the name since migration 33; a name with a space typed without it
 * and the carers' own names since migration 35), so the search finds "Smith-Jones" by "jones",
 * "Brown Jones-Smith" by "jones-smith", "Van den Berg" by "berg" or "vandenberg", "Mary-Jane" by
 * "jane", and a household by its second carer's own name, from an index, as it finds a name's
 * start from surname_fold and first_name_fold. A household of one-part names whose carers hold no
 * other name costs nothing here. Written wherever the names are: a new household (`add`: hand
 * entry through the summary refresh, import, sample), a changed name of the household (`sync`, from
 * refreshSummaries, which every writer of a name calls: hand edit, import update, undo, merge), a
 * carer written or removed (`syncHousehold`: hand entry, import, sample; an undo and a merge refresh
 * the summaries); deleted with the household (ON DELETE CASCADE) and by a purge with the names
 * (db/erase.ts).
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
  const people = prepared<[number], PartedNames>(
    db,
    'SELECT first_name, surname FROM household_people WHERE household_id = ?',
  );
  const names = prepared<[number], PartedNames>(
    db,
    'SELECT first_name, surname FROM households WHERE id = ?',
  );
  const remove = prepared<[number]>(db, 'DELETE FROM household_name_parts WHERE household_id = ?');
  const write = (id: number, parts: string[]): void => {
    for (const part of parts) insert.run(part, id);
  };
  const sync = (id: number, h: PartedNames): void => {
    const want = searchPartsOf(h, people.all(id));
    // Most names have one part and most households no carers: only whether any is held is read.
    if (want.length === 0) {
      if (holdsAny.get(id) !== undefined) remove.run(id);
      return;
    }
    const have = held.all(id);
    const sorted = [...want].sort();
    if (sorted.length === have.length && sorted.every((p, i) => p === have[i])) return;
    remove.run(id);
    write(id, want);
  };
  return {
    /** A household just written, holding no parts or carers yet (its row must exist: the key refers to it). */
    add(id: number, h: PartedNames): void {
      write(id, searchPartsOf(h));
    },
    /**
     * A household just written with its carers, its own parts already added (`add`): the parts its
     * carers' names add to those (the sample's writer, which knows both and writes each household once).
     */
    addPeople(id: number, h: PartedNames, people: readonly PartedNames[]): void {
      const own = new Set(searchPartsOf(h));
      write(
        id,
        searchPartsOf(h, people).filter((part) => !own.has(part)),
      );
    },
    /** A household whose names may have changed: its parts made right, written only if they differ. */
    sync,
    /** A household whose carers' names may have changed (its own read from its row). */
    syncHousehold(id: number): void {
      const h = names.get(id);
      if (h) sync(id, h);
    },
  };
}
