import type { Migration } from './types.ts';

/**
 * When a carer joined a household already approved (a new partner assessed as a second carer).
 * Blank: a carer since the household's approval, as every person entered before. The Ofsted
 * counts at 31 March read it, so a carer who joined later is not counted at an earlier 31 March:
 * entering them no longer changes a return already made.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'people-joined-on',
  up(db) {
    db.exec(`ALTER TABLE household_people ADD COLUMN joined_on TEXT;`);
  },
};
