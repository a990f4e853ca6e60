import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForeignKeys, withoutForeignKeys } from '../../../src-main/db/bulk-load.ts';
import type { Db } from '../../../src-main/db/open.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * A large first load (an import into a database with no households) runs with SQLite's foreign
 * key checks off and proves every reference before it commits (db/bulk-load.ts). The rows it
 * writes refer to rows that exist, a load that would leave one referring to nothing is refused
 * and rolled back whole, and either way the connection has its foreign keys on again after.
 */
const foreignKeysOn = (db: Db) => db.pragma('foreign_keys', { simple: true });
const count = (db: Db, table: 'households' | 'milestones' | 'closures') =>
  db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

describe('a first load without foreign key checks', () => {
  it('imports 5,000 households with their milestones and closures, every reference whole, foreign keys on after', async () => {
    const dir = tempDir();
    const app = await testApp();
    const db = app.ctx.store.db;
    expect(foreignKeysOn(db)).toBe(1);
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `F${i},10/01/2024,First${i},Surname${i},f${i}@example.org,01/02/2024,${i % 4 === 0 ? '01/03/2024,Lost contact / no response' : ','}`,
    );
    const path = join(dir, 'first.csv');
    writeFileSync(
      path,
      ['Reference,Enquiry Date,First Name,Surname,Email,EOI Date,Date Closed,Closure Reason', ...lines].join(
        '\n',
      ) + '\n',
    );
    const r = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r.new).toBe(5000);
    expect(count(db, 'households')).toBe(5000);
    expect(count(db, 'milestones')).toBe(10000);
    expect(count(db, 'closures')).toBe(1250);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(foreignKeysOn(db)).toBe(1);
  });

  it('refuses and rolls back a load that would leave a row referring to nothing, saying which tables', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const load = () =>
      withoutForeignKeys(db, () =>
        db.transaction(() => {
          expect(foreignKeysOn(db)).toBe(0);
          db.prepare(
            `INSERT INTO households (id, reference, surname, enquiry_date, created_at, updated_at)
             VALUES (1, 'FK1', 'Kept', '2024-04-01', '2024-04-01T09:00:00Z', '2024-04-01T09:00:00Z')`,
          ).run();
          // No household 2: with foreign keys on, this insert itself would fail.
          db.prepare(
            "INSERT INTO milestones (household_id, episode, kind, date) VALUES (1, 1, 'eoi', '2024-05-01'), (2, 1, 'eoi', '2024-05-01')",
          ).run();
          checkForeignKeys(db);
        })(),
      );
    expect(load).toThrow(
      'Nothing was imported: the import would have left 1 rows referring to rows that do not exist (1 in milestones to households).',
    );
    expect(count(db, 'households')).toBe(0);
    expect(count(db, 'milestones')).toBe(0);
    expect(foreignKeysOn(db)).toBe(1);
    // The setting cannot change inside a transaction: asked inside one, it says so rather than do nothing.
    expect(() => db.transaction(() => withoutForeignKeys(db, () => 1))()).toThrow(
      'withoutForeignKeys must begin before the transaction.',
    );
  });
});
