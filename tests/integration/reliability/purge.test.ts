import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { KEPT_COLUMNS, PERSONAL_COLUMNS } from '../../../src-main/db/purge.ts';
import { ERASED_ROWS } from '../../../src-main/db/erase.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { reportSnapshot } from './report-snapshot.ts';
import { testApp } from '../../support/temp.ts';
import { sampleApp } from './purge-sample.ts';

type Db = Database.Database;

/** One erased person in people_profiles: none of the seven characteristics. */
const NULLS = '[null,null,null,null,null,null,null]';

/** Every row of every table, minus the personal columns a purge erases. */
function anonymousDump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    if (t === 'audit_log' || t === 'purge_ledger') continue; // gain the purge's own entries
    // Rows that are a piece of a name and nothing else (the surname's parts): a purge deletes them
    // (db/erase.ts ERASED_ROWS); the test below holds the purged households have none left.
    if (ERASED_ROWS.has(t)) continue;
    const cols = (db.prepare(`PRAGMA table_info("${t}")`).all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((c) => !(PERSONAL_COLUMNS[t] ?? []).includes(c) && !['purged_at', 'updated_at'].includes(c));
    const list = cols.map((c) => `"${c}"`).join(', ');
    out[t] = db.prepare(`SELECT ${list} FROM "${t}" ORDER BY ${list}`).all();
  }
  return out;
}

describe('purge of personal data', () => {
  it('erases personal details only, keeps every report table identical, and audits counts only', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const due = await app.call('data.listPurgeDue', {});
    const dueIds = new Set(due.households.map((h) => h.id));
    const reportsBefore = await reportSnapshot(app);
    const dumpBefore = anonymousDump(db);
    const untouchedBefore = db
      .prepare('SELECT * FROM households WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id')
      .all(JSON.stringify([...dueIds]));

    const partsOf = (due: boolean) =>
      db
        .prepare(
          `SELECT household_id, part FROM household_name_parts
           WHERE (household_id IN (SELECT value FROM json_each(?))) = ? ORDER BY household_id, part`,
        )
        .all(JSON.stringify([...dueIds]), due ? 1 : 0);
    const keptPartsBefore = partsOf(false);
    // The purge has surname parts to erase, and parts to keep.
    expect(partsOf(true).length).toBeGreaterThan(0);
    expect(keptPartsBefore.length).toBeGreaterThan(0);

    const result = await app.call('data.purgeHouseholds', {});
    expect(result.purged).toBe(dueIds.size);
    expect(partsOf(true)).toEqual([]);
    expect(partsOf(false)).toEqual(keptPartsBefore);
    expect(Object.values(result.byRule).reduce((a, b) => a + b, 0)).toBe(dueIds.size);

    // The diversity table is the one exception, by design: a purge erases characteristics, so
    // its people move to "Erased"; its totals stay the same.
    const reportsAfter = await reportSnapshot(app);
    const totals = (r: unknown) =>
      (r as { rows: Array<{ key: string }> }).rows.filter((x) => x.key === 'total');
    for (const key of Object.keys(reportsBefore).filter((k) => k.startsWith('report:diversity:'))) {
      expect(totals(reportsAfter[key]), key).toEqual(totals(reportsBefore[key]));
      delete reportsAfter[key];
      delete reportsBefore[key];
    }
    expect(reportsAfter).toEqual(reportsBefore);
    expect(anonymousDump(db)).toEqual(dumpBefore);
    // The ledger gains each purged reference and its date, nothing else.
    expect(db.prepare('SELECT reference FROM purge_ledger ORDER BY reference').pluck().all()).toEqual(
      due.households.map((h) => h.reference).sort(),
    );
    expect(
      db
        .prepare('SELECT * FROM households WHERE id NOT IN (SELECT value FROM json_each(?)) ORDER BY id')
        .all(JSON.stringify([...dueIds])),
    ).toEqual(untouchedBefore);

    for (const id of dueIds) {
      const h = db.prepare('SELECT * FROM households WHERE id = ?').get(id) as Record<string, unknown>;
      // The folded names the search reads (migration 29) go with the names.
      for (const c of [
        'first_name',
        'surname',
        'email',
        'telephone',
        'postcode',
        'notes',
        'first_name_fold',
        'surname_fold',
      ])
        expect(h[c], c).toBeNull();
      expect(h).not.toHaveProperty('search_text');
      expect(h.purged_at).not.toBeNull();
      for (const [table, cols] of Object.entries(PERSONAL_COLUMNS)) {
        if (table === 'households') continue;
        const rows = db
          .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE household_id = ?`)
          .all(id) as Array<Record<string, unknown>>;
        for (const r of rows)
          for (const c of cols) {
            // The people's characteristics as one value (migration 0010) are made again from the
            // erased people: a value of nulls for each, so the diversity table still counts them.
            if (table === 'people_profiles')
              expect(new Set(String(r[c]).split('\x1e'))).toEqual(new Set([NULLS]));
            else expect(r[c]).toBeNull();
          }
      }
    }
    const audit = db.prepare("SELECT * FROM audit_log WHERE action = 'purge'").all() as Array<
      Record<string, unknown>
    >;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.household_id).toBeNull();
    expect(JSON.parse(String(audit[0]!.new_value))).toEqual({ households: dueIds.size, ...result.byRule });
    // Nothing is due any more; a second purge erases nothing and writes no audit entry.
    expect((await app.call('data.listPurgeDue', {})).households).toEqual([]);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'purge'").pluck().get()).toBe(1);
  });

  it('purges only the chosen households, and refuses one that is not due without erasing anything', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const due = (await app.call('data.listPurgeDue', {})).households;
    const open = db
      .prepare("SELECT id FROM households WHERE status = 'open' LIMIT 1")
      .pluck()
      .get() as number;
    const before = db.prepare('SELECT * FROM households ORDER BY id').all();
    await expect(app.call('data.purgeHouseholds', { ids: [due[0]!.id, open] })).rejects.toThrow(/not due/);
    expect(db.prepare('SELECT * FROM households ORDER BY id').all()).toEqual(before);
    const r = await app.call('data.purgeHouseholds', { ids: [due[0]!.id, due[1]!.id] });
    expect(r.purged).toBe(2);
    expect(db.prepare('SELECT COUNT(*) FROM households WHERE purged_at IS NOT NULL').pluck().get()).toBe(2);
  });

  it('every text column in the schema is classified as personal (erased) or kept', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const unclassified: string[] = [];
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const t of tables) {
      if (['settings', 'reasons', 'import_batches', 'import_profiles'].includes(t)) continue; // no personal data
      for (const c of db.prepare(`PRAGMA table_info("${t}")`).all() as Array<{
        name: string;
        type: string;
      }>) {
        if (c.type !== 'TEXT') continue;
        if (!(PERSONAL_COLUMNS[t] ?? []).includes(c.name) && !(KEPT_COLUMNS[t] ?? []).includes(c.name)) {
          unclassified.push(`${t}.${c.name}`);
        }
      }
    }
    expect(unclassified).toEqual([]);
  });

  it('a kept column takes no free text: the source is one of the listed sources, so no name outlives the purge', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const named = 'Referred by Janet Quillfeather';
    await expect(
      app.call('households.createHousehold', {
        reference: 'SRC1',
        enquiryDate: '2024-01-08',
        surname: 'Quillfeather',
        source: named,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'source' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'SRC1',
      enquiryDate: '2024-01-08',
      surname: 'Quillfeather',
      source: 'carer_referral',
    });
    await expect(app.call('households.updateDetails', { id, source: named })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'source',
    });
    // Cleared, as the forms send "Not known".
    await app.call('households.updateDetails', { id, source: '' });
    await app.call('households.closeHousehold', {
      id,
      date: '2024-02-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    setClock('2025-02-02');
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    checkpoint(app);
    expect(leftovers(app, ['Quillfeather', 'Janet'])).toEqual([]);
  });

  it('the purge CLI lists, then erases with --yes', async () => {
    const app = await sampleApp();
    app.ctx.store.close();
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    // The CLI counts from the real date, not the test's fixed one: take its own list as the truth.
    expect(await runCli(['purge', '--json', '--db', app.dbPath], io, {})).toBe(0);
    const n = (JSON.parse(out[0]!) as { households: unknown[] }).households.length;
    expect(n).toBeGreaterThan(20);
    out.length = 0;
    expect(await runCli(['purge', '--db', app.dbPath], io, {})).toBe(0);
    expect(out.join('\n')).toContain(`${n} households are due for purging.`);
    // Each by its rule in the Purge screen's words ("Enquirer who never applied"), never its key.
    const rows = out
      .join('\n')
      .split('\n')
      .filter((l) => /^ {2}[^ …]/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toMatch(
        /^ {2}\S+ +(Enquirer who never applied|Withdrawn or refused applicant|Former carer|Connected person \(kinship\)) +ended \d\d\/\d\d\/\d{4}$/,
      );
    expect(out.join('\n')).not.toMatch(/@example\.org/);
    out.length = 0;
    expect(await runCli(['purge', '--yes', '--json', '--db', app.dbPath], io, {})).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ purged: n });
    const db = new Database(app.dbPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM households WHERE purged_at IS NOT NULL').pluck().get()).toBe(n);
    db.close();
  });
});
