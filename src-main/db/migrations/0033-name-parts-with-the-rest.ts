import type { Migration } from './types.ts';
import { namePartsOf } from '../../domain/fold.ts';

/**
 * household_name_parts (migration 31) held each later part of a multi-part surname alone
 * ("Brown Jones-Smith" "jones" and "smith"), so the later run typed whole, "jones-smith" (folded
 * "jonessmith"), was the start of no part and found nobody. Each later part is now kept with the
 * rest of its name after it, folded as a search word is (domain/fold.ts namePartsOf: "jonessmith"
 * and "smith", "Van den Berg" "denberg" and "berg"), which every prefix found before still starts;
 * and a first name's later parts are kept alike ("Mary-Jane" "jane"). The table is the same: its
 * rows are made again from every household with a space, a hyphen or a letter outside ASCII in a
 * name (a part follows a space or a hyphen, some of them outside ASCII; namePartsOf decides).
 */
export const migration0033: Migration = {
  version: 33,
  name: 'name-parts-with-the-rest',
  up(db) {
    db.exec('DELETE FROM household_name_parts');
    const insert = db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO household_name_parts (part, household_id) VALUES (?, ?)',
    );
    const named = db.prepare<[], { id: number; first_name: string | null; surname: string | null }>(
      `SELECT id, first_name, surname FROM households
       WHERE surname GLOB '*[- ]*' OR surname GLOB '*[^ -~]*'
          OR first_name GLOB '*[- ]*' OR first_name GLOB '*[^ -~]*'`,
    );
    for (const h of named.all()) for (const part of namePartsOf(h)) insert.run(part, h.id);
  },
};
