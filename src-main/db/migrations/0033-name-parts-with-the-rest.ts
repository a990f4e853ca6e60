import type { Migration } from './types.ts';
import { fold29 } from './0029-households-folded-names.ts';
import { hasParts31, PART_SEPARATORS_31 } from './0031-surname-parts-and-name-fold-index.ts';

/**
 * household_name_parts (migration 31) held each later part of a multi-part surname alone
 * ("Brown Jones-Smith" "jones" and "smith"), so the later run typed whole, "jones-smith" (folded
 * "jonessmith"), was the start of no part and found nobody. Each later part is now kept with the
 * rest of its name after it, folded as a search word is (namePartsOf below, domain/fold.ts's as
 * it shipped: "jonessmith" and "smith", "Van den Berg" "denberg" and "berg"), which every prefix
 * found before still starts; and a first name's later parts are kept alike ("Mary-Jane" "jane").
 * The table is the same: its rows are made again from every household with a space, a hyphen or
 * a letter outside ASCII in a name (a part follows a space or a hyphen, some of them outside
 * ASCII; namePartsOf decides).
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

/*
 * The rule this migration kept name parts by (domain/fold.ts laterParts and namePartsOf as they
 * shipped, 02/12/2026), copied here so the migration does what it did whatever becomes of the live
 * rule (a shipped migration never changes; frozen-name-rules.test.ts checks it still equals the
 * live one, which a change of the live rule brings its own migration for).
 */
const SEPARATOR_RUNS_33 = new RegExp(PART_SEPARATORS_31.source, 'g');

/** Each later part of a name with the rest of the name after it, folded, spaces dropped; each once, in order. */
function laterParts(name: string | null | undefined): string[] {
  if (!hasParts31(name)) return [];
  const parts: string[] = [];
  for (const m of name!.matchAll(SEPARATOR_RUNS_33)) {
    if (m.index === 0) continue;
    const rest = fold29(name!.slice(m.index + m[0].length)).replace(/\s+/g, '');
    if (rest) parts.push(rest);
  }
  return [...new Set(parts)];
}

/** The later parts of a household's first name and surname (laterParts), once each, in order. */
export const namePartsOf = (h: { first_name?: string | null; surname?: string | null }): string[] => [
  ...new Set([...laterParts(h.first_name), ...laterParts(h.surname)]),
];
