import type { Migration } from './types.ts';
import { fold29 } from './0029-households-folded-names.ts';
import { hasParts31 } from './0031-surname-parts-and-name-fold-index.ts';
import { namePartsOf as namePartsOf33 } from './0033-name-parts-with-the-rest.ts';

type PartedNames = { first_name?: string | null; surname?: string | null };

/**
 * Two runs of names the households search did not find, now kept in household_name_parts
 * (domain/search-parts.ts searchPartsOf; the table and its index unchanged):
 * - a name with a space typed without it: "vandenberg" started no column (surname_fold keeps the
 *   spaces, "van den berg") and no part ("denberg", "berg"); the whole name is kept with its spaces
 *   dropped ("vandenberg", a first name "Mary Ann" "maryann");
 * - the carers' own names (household_people, carer or applicant 1 and 2), which a carers register or
 *   a hand entry records and which may differ from the household's ("Wiktor", a second carer's own
 *   surname): each is kept whole and by its later parts unless the household's own names already
 *   start with it (carer 1 is usually the household's name: nothing is added for them).
 * Kept by domain/search-parts.ts searchPartsOf as it shipped (searchParts35 below, on 29's, 31's and
 * 33's copies; migration-search-parts.test.ts checks it answers as the live rule does today).
 * Made again from every household with a space, a hyphen or a letter outside ASCII in a name (the
 * only ones with parts of their own) and every household with a carer; the rest hold none.
 */
export const migration0035: Migration = {
  version: 35,
  name: 'search-parts-spaced-names-and-carers',
  up(db) {
    const households = new Map<number, { h: PartedNames; people: PartedNames[] }>();
    const named = db.prepare<[], PartedNames & { id: number }>(
      `SELECT id, first_name, surname FROM households
       WHERE surname GLOB '*[- ]*' OR surname GLOB '*[^ -~]*'
          OR first_name GLOB '*[- ]*' OR first_name GLOB '*[^ -~]*'`,
    );
    for (const h of named.all()) households.set(h.id, { h, people: [] });
    const people = db.prepare<
      [],
      { id: number; first_name: string | null; surname: string | null; pf: string | null; ps: string | null }
    >(
      `SELECT h.id, h.first_name, h.surname, p.first_name AS pf, p.surname AS ps
       FROM household_people p JOIN households h ON h.id = p.household_id
       WHERE p.first_name IS NOT NULL OR p.surname IS NOT NULL`,
    );
    for (const r of people.all()) {
      let x = households.get(r.id);
      if (!x) households.set(r.id, (x = { h: { first_name: r.first_name, surname: r.surname }, people: [] }));
      x.people.push({ first_name: r.pf, surname: r.ps });
    }
    db.exec('DELETE FROM household_name_parts');
    const insert = db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO household_name_parts (part, household_id) VALUES (?, ?)',
    );
    for (const [id, x] of households) for (const part of searchParts35(x.h, x.people)) insert.run(part, id);
  },
};

/*
 * The rule this migration kept parts by (domain/search-parts.ts searchPartsOf as it shipped,
 * 02/12/2026), copied so the migration does what it did whatever becomes of the live rule (a
 * shipped migration never changes): each later part with the rest of the name (33's), a name with a
 * space whole without its spaces, and the carers' names not already started by the household's own.
 */
const laterParts33 = (name: string | null | undefined): string[] => namePartsOf33({ first_name: name });
const compact35 = (name: string | null | undefined): string => (name ? fold29(name).replace(/\s+/g, '') : '');

export function searchParts35(h: PartedNames, people: readonly PartedNames[] = []): string[] {
  const own = [...laterParts33(h.first_name), ...laterParts33(h.surname)];
  for (const name of [h.first_name, h.surname]) {
    if (!hasParts31(name)) continue;
    const folded = fold29(name!);
    if (/\s/.test(folded) && folded.replace(/\s+/g, '')) own.push(folded.replace(/\s+/g, ''));
  }
  if (people.length === 0) return [...new Set(own)];
  const found = [...own, compact35(h.first_name), compact35(h.surname)].filter((s) => s !== '');
  const out = new Set(own);
  for (const p of people)
    for (const name of [p.first_name, p.surname]) {
      if (!name) continue;
      for (const key of [compact35(name), ...laterParts33(name)])
        if (key && !found.some((f) => f.startsWith(key))) out.add(key);
    }
  return [...out];
}
