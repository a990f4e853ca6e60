import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { subjectAccessData } from '../../../src-main/db/subject-access.ts';
import { fixtureCopy, keptRows, versionOf, withoutLaterChanges } from './migration-support.ts';

/**
 * Migration 34: the audit log kept, in each logged save of an exit interview, the reasons ticked
 * for one declined or offered (the app before 1754d22 saved them), after migration 32 deleted the
 * interview's own rows and the episodes record's copies: the subject access export still gave them.
 * Entries as that app logged them (households-endings.ts saveExitInterview's `values`) are put in
 * the fixture made by the version before, with others that must not change.
 */
const saved = (status: string, reasons: string[]) =>
  JSON.stringify({
    status,
    offeredDate: '2023-10-02',
    heldDate: status === 'held' ? '2023-10-10' : null,
    heldBy: status === 'held' ? 'J Smith' : null,
    notes: 'Rang back',
    mightReturn: true,
    reasons,
  });

const ENTRIES: Array<[household: number, entity: string, newValue: string | null]> = [
  [2, 'exit_interview', saved('declined', ['circumstances', 'process'])], // 1: reasons go
  [2, 'exit_interview', saved('offered', ['process'])], // 2: reasons go
  [3, 'exit_interview', saved('held', ['moving'])], // held: kept
  [3, 'exit_interview', saved('declined', [])], // none to delete
  [2, 'closure', JSON.stringify({ status: 'declined', reasons: ['process'] })], // not an interview's
  [2, 'exit_interview', null], // erased by a purge
  [2, 'exit_interview', 'not JSON'],
];

function dump(db: Pick<Database.Database, 'prepare'>): Record<string, unknown[]> {
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
  const out: Record<string, unknown[]> = {
    schema: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all(),
  };
  for (const t of tables) {
    const cols = db
      .prepare<[], string>(`SELECT name FROM pragma_table_info('${t}') ORDER BY cid`)
      .pluck()
      .all();
    out[t] = keptRows(db, t, cols.map((c) => `"${c}"`).join(', '));
  }
  return out;
}

describe('the migration that clears the audit log of the reasons of exit interviews not held', () => {
  it("says no reasons in the logged saves of a declined or offered interview, keeps a held one's, changes nothing else", async () => {
    const path = fixtureCopy(versionOf('audit-reasons-of-interviews-not-held') - 1);
    const raw = new Database(path);
    const insert = raw.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, entity, entity_id, new_value)
       VALUES ('2024-01-05T10:00:00.000Z', 'J Smith', 'update', ?, ?, 1, ?)`,
    );
    const ids = ENTRIES.map(([h, entity, value]) => Number(insert.run(h, entity, value).lastInsertRowid));
    const before = dump(raw);
    raw.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const after = dump(db);
      type Entry = { id: number; entity: string; new_value: string | null };
      const cleared = new Set(ids.slice(0, 2));
      const expected = (before.audit_log as Entry[]).map((e) =>
        cleared.has(e.id) ? { ...e, new_value: { ...JSON.parse(e.new_value!), reasons: [] } } : e,
      );
      const got = (after.audit_log as Entry[]).map((e) =>
        cleared.has(e.id) ? { ...e, new_value: JSON.parse(e.new_value!) } : e,
      );
      expect(got).toEqual(expected);
      expect(after.audit_log).not.toEqual(before.audit_log);
      // The subject access export gives no reasons for an interview not held.
      const logged = (h: number) =>
        (subjectAccessData(db, h).audit_log as Entry[])
          .filter((e) => ids.includes(e.id) && e.entity === 'exit_interview' && e.new_value?.startsWith('{'))
          .map((e) => JSON.parse(e.new_value!) as { status: string; reasons: string[] });
      expect(logged(2).map((v) => [v.status, v.reasons])).toEqual([
        ['declined', []],
        ['offered', []],
      ]);
      expect(logged(3).map((v) => [v.status, v.reasons])).toEqual([
        ['held', ['moving']],
        ['declined', []],
      ]);
      // Everything else identical, the schema beside what later migrations change (withoutLaterChanges).
      const { audit_log: _a, schema, ...rest } = after;
      const { audit_log: _b, schema: schemaBefore, ...restBefore } = before;
      expect({ ...rest, schema: withoutLaterChanges(schema!) }).toEqual({
        ...restBefore,
        schema: withoutLaterChanges(schemaBefore!),
      });
    } finally {
      db.close();
    }
  });
});
