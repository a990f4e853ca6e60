import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it, vi } from 'vitest';
import { KEPT_COLUMNS, PERSONAL_COLUMNS } from '../../../src-main/db/purge.ts';
import { ERASED_ROWS } from '../../../src-main/db/erase.ts';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { reportSnapshot } from './report-snapshot.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

type Db = Database.Database;

/** One erased person in people_profiles: none of the seven characteristics. */
const NULLS = '[null,null,null,null,null,null,null]';
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

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

async function sampleApp(): Promise<TestApp> {
  const app = await testApp({ today: '2026-11-26' });
  await app.call('system.generateSample', { households: 600, seed: 11 });
  const db = app.ctx.store.db;
  // Free text in every personal column, hostile to spreadsheets too.
  db.prepare(`UPDATE households SET notes = 'Lives with ' || first_name || ' ' || surname`).run();
  db.prepare(`UPDATE closures SET reason_text = 'Told us: ' || id, notes = ?`).run(HOSTILE);
  db.prepare(`UPDATE cessations SET reason_text = 'Carer said ' || id, notes = 'private'`).run();
  db.prepare(`UPDATE exit_interviews SET notes = 'Interview notes ' || id`).run();
  // Multi-part surnames (the sample has none), whose later parts the search keeps in a table of
  // their own (migration 31): every other household's, as the writers of a name keep them.
  db.prepare(
    `UPDATE households SET surname = 'Van den ' || surname || '-Quillfeather' WHERE id % 2 = 0`,
  ).run();
  refreshSummaries(db, db.prepare('SELECT id FROM households WHERE id % 2 = 0').pluck().all() as number[]);
  db.prepare(
    `INSERT INTO audit_log (at, user, action, household_id, entity, field, old_value, new_value)
     SELECT '2026-01-01T00:00:00Z', 'tester', 'update', id, 'household', 'surname', json_quote(surname), '"X"'
     FROM households`,
  ).run();
  return app;
}

describe('purge of personal data', () => {
  it('lists households due under the default 1/3/10-year rules', async () => {
    const app = await sampleApp();
    const due = await app.call('data.listPurgeDue', {});
    expect(due.retention).toEqual({
      enquirerYears: 1,
      applicantYears: 3,
      carerYears: 10,
      connectedPersonYears: 10,
    });
    expect(due.households.length).toBeGreaterThan(20);
    const db = app.ctx.store.db;
    for (const h of due.households) {
      const row = db.prepare('SELECT status, episode, pathway FROM households WHERE id = ?').get(h.id) as {
        status: string;
        episode: number;
        pathway: string;
      };
      const years = { enquirer: 1, applicant: 3, carer: 10, connected_person: 10 }[h.rule];
      expect(Number(h.dueFrom.slice(0, 4)) - Number(h.endedOn.slice(0, 4))).toBe(years);
      expect(h.dueFrom <= '2026-11-26').toBe(true);
      if (h.rule === 'carer') expect(row.status).toBe('ceased');
      else {
        expect(row.status).toBe('closed');
        const closure = db
          .prepare('SELECT date FROM closures WHERE household_id = ? AND episode = ?')
          .pluck()
          .get(h.id, row.episode);
        expect(closure).toBe(h.endedOn);
        // Applied: the Stage 1 start or any later milestone, under the default application basis.
        const applied = db
          .prepare(
            "SELECT COUNT(*) FROM milestones WHERE household_id = ? AND kind IN ('stage1', 'stage2', 'panel', 'approval')",
          )
          .pluck()
          .get(h.id) as number;
        expect(h.rule).toBe(
          row.pathway === 'kinship' ? 'connected_person' : applied > 0 ? 'applicant' : 'enquirer',
        );
      }
    }
    // Open and approved households are never due.
    const statuses = new Set(
      due.households.map((h) => db.prepare('SELECT status FROM households WHERE id = ?').pluck().get(h.id)),
    );
    expect([...statuses].every((s) => s === 'closed' || s === 'ceased')).toBe(true);
    // A longer period lists fewer.
    await app.call('data.saveSettings', { retention: { enquirerYears: 3 } });
    const fewer = await app.call('data.listPurgeDue', {});
    expect(fewer.households.length).toBeLessThan(due.households.length);
    expect(fewer.households.every((h) => h.rule !== 'enquirer' || h.endedOn <= '2023-11-26')).toBe(true);
  });

  it('counts an EOI as an application only where Settings say the EOI is the application', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const closed = async (surname: string, steps: Array<['eoi' | 'stage1', string]>) => {
      const h = await app.call('households.createHousehold', {
        enquiryDate: '2022-06-01',
        surname,
        confirmDuplicates: true,
      });
      for (const [kind, date] of steps)
        await app.call('households.recordMilestone', { id: h.id, kind, date });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: '2024-03-10',
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      return h.reference;
    };
    const eoiOnly = await closed('Eoi', [['eoi', '2022-07-01']]);
    const stage1 = await closed('Stage', [
      ['eoi', '2022-07-01'],
      ['stage1', '2022-08-01'],
    ]);
    const rules = async () =>
      Object.fromEntries(
        (await app.call('data.listPurgeDue', {})).households.map((h) => [h.reference, [h.rule, h.dueFrom]]),
      );
    // The statutory process (the default): the application starts Stage 1, so an EOI alone is an
    // enquirer's, due a year after the closure; the Stage 1 applicant is kept 3 years (not yet due).
    const byDefault = await rules();
    expect(byDefault).toEqual({ [eoiOnly]: ['enquirer', '2025-03-10'] });
    expect(Object.keys(byDefault)).not.toContain(stage1);
    // A service whose EOI is the formal application: both applied, neither due before 2027.
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
    expect(await rules()).toEqual({});
  });

  it('keeps a connected person (kinship) 10 years from the end of the placement, not 3 (reg 32(2))', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const closed = async (pathway: 'mainstream' | 'kinship', closedOn: string) => {
      const h = await app.call('households.createHousehold', {
        pathway,
        enquiryDate: '2015-06-01',
        firstName: 'Kim',
        surname: `${pathway}-${closedOn}`,
        confirmDuplicates: true,
      });
      await app.call('households.recordMilestone', { id: h.id, kind: 'eoi', date: '2015-07-01' });
      await app.call('households.recordMilestone', { id: h.id, kind: 'stage1', date: '2015-08-01' });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: closedOn,
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      return h.reference;
    };
    const applicant = await closed('mainstream', '2020-01-10');
    const recentKin = await closed('kinship', '2020-01-10');
    const oldKin = await closed('kinship', '2016-01-10');
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.map((h) => [h.reference, h.rule, h.endedOn, h.dueFrom])).toEqual([
      [applicant, 'applicant', '2020-01-10', '2023-01-10'],
      [oldKin, 'connected_person', '2016-01-10', '2026-01-10'],
    ]);
    expect(due.households.some((h) => h.reference === recentKin)).toBe(false);
    // Its own setting: never below 10 years, and a longer period keeps the older one too.
    await expect(
      app.call('data.saveSettings', { retention: { connectedPersonYears: 9 } }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'retention.connectedPersonYears' });
    await app.call('data.saveSettings', { retention: { connectedPersonYears: 11 } });
    const later = await app.call('data.listPurgeDue', {});
    expect(later.households.map((h) => h.reference)).toEqual([applicant]);
    const r = await app.call('data.purgeHouseholds', {});
    expect(r.byRule).toEqual({ enquirer: 0, applicant: 1, carer: 0, connected_person: 0 });
  });

  it('refuses retention periods below the legal minimums, naming the field', async () => {
    const app = await testApp();
    await expect(app.call('data.saveSettings', { retention: { applicantYears: 2 } })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'retention.applicantYears',
    });
    await expect(app.call('data.saveSettings', { retention: { carerYears: 9 } })).rejects.toMatchObject({
      field: 'retention.carerYears',
    });
    expect(await app.call('data.getSettings', {})).toEqual({
      backupKeep: 10,
      retention: { enquirerYears: 1, applicantYears: 3, carerYears: 10, connectedPersonYears: 10 },
    });
  });

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
      expect(h.search_text).toBe(String(h.reference).toLowerCase());
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

describe('subject access export', () => {
  it('exports everything held about one household as JSON', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const id = db
      .prepare('SELECT household_id FROM exit_interviews WHERE closure_id IS NOT NULL LIMIT 1')
      .pluck()
      .get() as number;
    const file = await app.call('data.exportHousehold', { id, format: 'json' });
    expect(file.mime).toBe('application/json');
    const body = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as {
      householdId: number;
      tables: Record<string, Array<Record<string, unknown>>>;
    };
    expect(body.householdId).toBe(id);
    expect(body.tables.households).toEqual([db.prepare('SELECT * FROM households WHERE id = ?').get(id)]);
    expect(body.tables.milestones).toEqual(
      db.prepare('SELECT * FROM milestones WHERE household_id = ?').all(id),
    );
    expect(body.tables.closures).toEqual(db.prepare('SELECT * FROM closures WHERE household_id = ?').all(id));
    expect(body.tables.exit_interviews!.length).toBe(1);
    expect(body.tables.exit_interview_reasons!.length).toBeGreaterThan(0);
    expect(body.tables.audit_log!.length).toBeGreaterThan(0);
    // Nobody else's data.
    const others = db.prepare('SELECT email FROM households WHERE id <> ?').pluck().all(id) as string[];
    const text = JSON.stringify(body);
    expect(others.filter((e) => text.includes(e))).toEqual([]);
    await expect(app.call('data.exportHousehold', { id: 999999, format: 'json' })).rejects.toMatchObject({
      code: 'not_found',
      field: 'id',
    });
  });

  it('exports xlsx with one sheet per table and hostile text neutralised', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const id = db.prepare('SELECT household_id FROM closures LIMIT 1').pluck().get() as number;
    db.prepare('UPDATE households SET first_name = ?, surname = ? WHERE id = ?').run(
      '+cmd|calc',
      '@SUM(A1)',
      id,
    );
    const file = await app.call('data.exportHousehold', { id, format: 'xlsx' });
    expect(file.fileName).toMatch(/^subject-access-.*\.xlsx$/);
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    expect(wb.SheetNames).toEqual(
      expect.arrayContaining(['households', 'milestones', 'closures', 'audit_log']),
    );
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.households!);
    // Text cells hold the text as it is (no apostrophe); none is a formula (below).
    expect(rows[0]!.first_name).toBe('+cmd|calc');
    expect(rows[0]!.surname).toBe('@SUM(A1)');
    const closures = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.closures!);
    expect(closures[0]!.notes).toBe(HOSTILE);
    // No cell anywhere is a formula.
    for (const name of wb.SheetNames) {
      for (const [addr, cell] of Object.entries(wb.Sheets[name]!)) {
        if (!addr.startsWith('!')) expect((cell as { f?: string }).f).toBeUndefined();
      }
    }
  });
});

describe('purge of personal data, in the bytes', () => {
  // The tests above read the erased columns back through SQLite; this one reads the files, as
  // `grep -a` would, after a purge of hundreds of households, some of them edited by hand first
  // (each edit moves cells within and between pages: what was overwritten must not stay behind).
  it('leaves none of hundreds of purged households’ values, nor the values edited away, in the file, its WAL or a backup', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const due = (await app.call('data.listPurgeDue', {})).households.map((h) => h.id);
    const kept = (column: string) =>
      new Set(
        db
          .prepare(`SELECT ${column} FROM households WHERE id NOT IN (SELECT value FROM json_each(?))`)
          .pluck()
          .all(JSON.stringify(due)) as string[],
      );
    const valuesOf = (column: string) => {
      const others = kept(column);
      return (
        db
          .prepare(`SELECT ${column} FROM households WHERE id IN (SELECT value FROM json_each(?))`)
          .pluck()
          .all(JSON.stringify(due)) as Array<string | null>
      ).filter((v): v is string => v !== null && !others.has(v));
    };
    const erased = [...valuesOf('email'), ...valuesOf('notes')];
    for (const id of due.slice(0, 120)) {
      const email = `edited.${id}.${'z'.repeat(id % 40)}@example.org`;
      await app.call('households.updateDetails', {
        id,
        email,
        notes: `Moved in with ${'q'.repeat(id % 90)} ${id}`,
      });
      erased.push(email);
    }
    await app.call('data.backupNow', {});
    expect(due.length).toBeGreaterThan(200);
    expect(erased.length).toBeGreaterThan(due.length);

    await app.call('data.purgeHouseholds', {});
    expect(leftovers(app, erased)).toEqual([]);
    checkpoint(app);
    expect(leftovers(app, erased)).toEqual([]);
  });
});

describe('logs', () => {
  it('nothing personal reaches the console or stderr while generating, purging, exporting and failing', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' '))),
    );
    const writes = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const app = await sampleApp();
      const db = app.ctx.store.db;
      const emails = db.prepare('SELECT email FROM households').pluck().all() as string[];
      const surnames = new Set(db.prepare('SELECT surname FROM households').pluck().all() as string[]);
      await app.call('data.exportHousehold', { id: 1, format: 'xlsx' });
      await app.call('data.purgeHouseholds', {});
      await app.call('data.backupNow', {});
      await app.call('data.restoreBackup', { path: join(app.dir, 'nope.db') }).catch(() => null);
      const text = lines.join('\n');
      expect(emails.filter((e) => text.includes(e))).toEqual([]);
      expect([...surnames].filter((s) => new RegExp(`\\b${s}\\b`).test(text))).toEqual([]);
    } finally {
      spies.forEach((s) => s.mockRestore());
      writes.mockRestore();
    }
  });
});
