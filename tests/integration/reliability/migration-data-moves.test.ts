import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { emptyAt, versionOf, keptRows } from './migration-support.ts';

/** Migrations that move rows: household ids and the purge ledger, planning figures out of settings. */
describe('the migration that makes household ids private (never re-used) and adds the purge ledger', () => {
  const version = versionOf('private-ids-purge-ledger');

  it('keeps every household row and index, starts ids above any ever used, and takes an earlier holder’s history away from a re-used id', async () => {
    const { path, db: old } = emptyAt(version - 1);
    const audit = old.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (?, 'tester', ?, ?, ?, 'household', ?, ?, ?, ?, ?)`,
    );
    const household = old.prepare(
      `INSERT INTO households (id, reference, first_name, surname, email, purged_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
    );
    // Before this version: Zebedee (id 1) imported then undone, and Nadia given id 1 again;
    // household 7 imported then undone (the highest id ever used); Pat purged.
    audit.run(
      '2024-01-01T00:00:00Z',
      'import',
      1,
      1,
      1,
      null,
      null,
      '{"reference":"P1","first_name":"Zebedee"}',
      'import batch 1; created',
    );
    audit.run(
      '2024-01-02T00:00:00Z',
      'undo',
      1,
      1,
      1,
      null,
      '{"reference":"P1","first_name":"Zebedee"}',
      null,
      'undo of import batch 1',
    );
    audit.run(
      '2024-01-01T00:00:00Z',
      'import',
      7,
      2,
      7,
      null,
      null,
      '{"reference":"Q7","email":"q@x.org"}',
      'import batch 2; created',
    );
    audit.run(
      '2024-01-02T00:00:00Z',
      'undo',
      7,
      2,
      7,
      null,
      '{"reference":"Q7","email":"q@x.org"}',
      null,
      'undo of import batch 2',
    );
    household.run(1, 'N1', 'Nadia', 'Okafor', 'nadia@x.org', null);
    audit.run(
      '2024-01-03T00:00:00Z',
      'import',
      1,
      3,
      1,
      null,
      null,
      '{"reference":"N1","first_name":"Nadia"}',
      'import batch 3; created',
    );
    household.run(2, 'PAT', null, null, null, '2025-01-01T00:00:00.000Z');
    old
      .prepare("INSERT INTO milestones (household_id, kind, date) VALUES (1, 'enquiry', '2024-01-01')")
      .run();
    const rowsBefore = keptRows(old, 'households', 'id');
    const indexesBefore = old
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households' ORDER BY name",
      )
      .all();
    // This migration rebuilds the table: it alone must keep every index (later ones may drop some).
    migrate(old, version - 1, version);
    expect(
      old
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households' ORDER BY name",
        )
        .all(),
    ).toEqual(indexesBefore);
    old.close();

    const db = await openDatabase(path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      // Every row as it was, in the columns it had (later migrations may add columns).
      const cols = Object.keys(rowsBefore[0] as object);
      expect(db.prepare(`SELECT ${cols.join(', ')} FROM households ORDER BY id`).all()).toEqual(rowsBefore);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM milestones').pluck().get()).toBe(1);
      // Nadia's history is hers alone; Zebedee's and household 7's keep what happened, not the values.
      const nadia = db.prepare('SELECT new_value FROM audit_log WHERE household_id = 1').pluck().all();
      expect(nadia).toEqual(['{"reference":"N1","first_name":"Nadia"}']);
      const values = db.prepare('SELECT old_value, new_value, reason FROM audit_log').all();
      expect(JSON.stringify(values)).not.toMatch(/Zebedee|P1|Q7|q@x\.org/);
      expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(5);
      // The next household takes an id never used before, not 3.
      const next = db
        .prepare("INSERT INTO households (reference, created_at, updated_at) VALUES ('NEW', 'x', 'x')")
        .run().lastInsertRowid;
      expect(next).toBe(8);
      expect(db.prepare('SELECT reference, purged_at FROM purge_ledger').all()).toEqual([
        { reference: 'PAT', purged_at: '2025-01-01T00:00:00.000Z' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the migration that gives targets and comparators their own table', () => {
  const version = versionOf('planning-figures');

  it('moves the figures kept in settings into planning_figures and drops the key, skipping a malformed one', async () => {
    const { path, db: old } = emptyAt(version - 1);
    const figures = [
      { fy: '2025/26', pathway: 'mainstream', basis: 'target', measure: 'approved', value: 12 },
      { fy: '2024/25', pathway: 'all', basis: 'england', measure: 'enquiry_to_approved', value: 3.5 },
      { fy: '2024-25', pathway: 'mainstream', basis: 'england', measure: 'approved', value: 1 },
    ];
    old
      .prepare("INSERT INTO settings (key, value) VALUES ('planning.figures', ?)")
      .run(JSON.stringify(figures));
    old.close();
    const db = await openDatabase(path, { check: true });
    try {
      expect(db.prepare('SELECT * FROM planning_figures ORDER BY fy').all()).toEqual([
        figures[1],
        figures[0],
      ]);
      expect(db.prepare("SELECT COUNT(*) FROM settings WHERE key = 'planning.figures'").pluck().get()).toBe(
        0,
      );
    } finally {
      db.close();
    }
  });
});
