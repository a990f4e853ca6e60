import type { Migration } from './types.ts';

/**
 * Targets and comparators (issue 15): figures a service types in or imports per financial year,
 * pathway, basis (its own target, statistical neighbours, England, regional, IFA) and measure.
 * Read by pathway and years for the recruitment table, hence the index. Figures saved before
 * this version were kept in `settings` under one key; they move here, and the key goes.
 * The value lists are written out here, not imported, so this shipped migration never changes.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'planning-figures',
  up(db) {
    db.exec(`
      CREATE TABLE planning_figures (
        fy TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
        pathway TEXT NOT NULL CHECK (pathway IN ('mainstream', 'kinship', 'all')),
        basis TEXT NOT NULL CHECK (basis IN ('target', 'statistical_neighbours', 'england', 'regional', 'ifa')),
        measure TEXT NOT NULL CHECK (measure IN ('enquiries', 'approved', 'net_change', 'enquiry_to_approved')),
        value REAL NOT NULL,
        PRIMARY KEY (fy, pathway, basis, measure)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX planning_figures_by_pathway ON planning_figures (pathway, fy);
    `);
    const raw = db.prepare("SELECT value FROM settings WHERE key = 'planning.figures'").pluck().get() as
      string | undefined;
    if (raw === undefined) return;
    let list: unknown = [];
    try {
      list = JSON.parse(raw);
    } catch {
      list = [];
    }
    const insert = db.prepare(
      `INSERT OR REPLACE INTO planning_figures (fy, pathway, basis, measure, value) VALUES (?, ?, ?, ?, ?)`,
    );
    const ok = (f: Record<string, unknown>) =>
      typeof f.fy === 'string' &&
      /^\d{4}\/\d{2}$/.test(f.fy) &&
      ['mainstream', 'kinship', 'all'].includes(f.pathway as string) &&
      ['target', 'statistical_neighbours', 'england', 'regional', 'ifa'].includes(f.basis as string) &&
      ['enquiries', 'approved', 'net_change', 'enquiry_to_approved'].includes(f.measure as string) &&
      typeof f.value === 'number' &&
      Number.isFinite(f.value);
    for (const f of Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []) {
      if (f && typeof f === 'object' && ok(f)) insert.run(f.fy, f.pathway, f.basis, f.measure, f.value);
    }
    db.prepare("DELETE FROM settings WHERE key = 'planning.figures'").run();
  },
};
