import type { Migration } from './types.ts';

/**
 * journey_dates.weeks: how long a reg 25 extension extends the temporary approval, in whole
 * weeks. Reg 25(2) allows "a further period not exceeding 8 weeks", and an extension shorter
 * than that ends the approval sooner: taken as 8, its limit was given up to 7 weeks late. Null
 * where it was not recorded (every extension before this version, and an import's), which the
 * clock reads as the most the regulation allows (domain/decision-clocks.ts). Only an extension
 * holds one (the CHECK with the kind).
 */
export const migration0039: Migration = {
  version: 39,
  name: 'extension-weeks',
  up(db) {
    // A file at this schema marked older (as tests make one) has it already.
    const has = db.prepare("SELECT 1 FROM pragma_table_info('journey_dates') WHERE name = 'weeks'").get();
    if (!has) {
      db.exec(`ALTER TABLE journey_dates ADD COLUMN weeks INTEGER
        CHECK (weeks IS NULL OR (kind = 'extension' AND weeks BETWEEN 1 AND 8))`);
    }
  },
};
