import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { setClock, today as clockToday } from '../../../src-main/clock.ts';
import { readRowMarks } from '../../../src-main/db/queries/import-marks.ts';
import { openImportFile } from '../../../src-main/import/read/open-file.ts';
import type { Db } from '../../../src-main/db/open.ts';
import { TEST_NOW } from '../../support/clock-setup.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';
import { household, snapshot, writeWorkbook, xlDate, type Cell } from './fixtures.ts';
import { editPart } from './zip-parts.ts';

/**
 * Import row marks (migration 12): a re-import counts a row unchanged without parsing or
 * planning it when an earlier import marked its household with the row's hash and nothing has
 * changed the household since. Each test runs the same steps on two databases and re-imports the
 * file into both, one with its marks and one with every mark deleted (every row parsed and planned,
 * as before marks): the results and every stored table must be identical. Rows past the
 * preview's first 20 are the ones a mark can skip, so every change below is made to those.
 */

/**
 * Imports here run in the test's own process: forking the import worker, which strips the types
 * of its TypeScript as it loads, cost ~1.2 s of CPU an import, ~25 s of this file's ~30 on a quiet
 * host, and the marks are made and read by the same code either way (import/commit-analysis.ts).
 * The first test imports through the worker, as the app does.
 */
const WORKER = 'FOSTERING_FUNNEL_IMPORT_WORKER';
beforeEach(() => {
  vi.stubEnv(WORKER, 'off');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const HEADERS = [
  'Reference',
  'Enquiry Date',
  'First Name',
  'Surname',
  'Email',
  'Postcode',
  'Source',
  'Pathway',
  'EOI Date',
  'Stage 1 Start',
  'Date Closed',
  'Closure Reason',
];
type Row = Cell[] | Array<Cell | ReturnType<typeof xlDate>>;

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** 60 enquiries: some reached EOI and Stage 1, some closed with a reason, mainstream and kinship. */
function rows(): Row[] {
  const out: Row[] = [HEADERS];
  for (let i = 1; i <= 60; i++) {
    const ref = `M${String(i).padStart(2, '0')}`;
    const enquiry = day(i * 3);
    const closed = i % 7 === 0;
    out.push([
      ref,
      xlDate(enquiry),
      `First${i}`,
      `Surname${i}`,
      `m${i}@example.org`,
      'LS1 1AA',
      i % 2 ? 'Website' : 'Word of mouth',
      i % 5 === 0 ? 'Kinship' : 'Mainstream',
      i % 3 === 0 ? xlDate(day(i * 3 + 20)) : null,
      i % 6 === 0 ? xlDate(day(i * 3 + 60)) : null,
      closed ? xlDate(day(i * 3 + 90)) : null,
      closed ? 'No spare bedroom / housing' : null,
    ]);
  }
  return out;
}

const run = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

const idOf = (db: Db, reference: string) => household(db, reference)!.id as number;
const markedIds = (db: Db) =>
  db.prepare('SELECT household_id FROM import_row_marks ORDER BY 1').pluck().all() as number[];

/** The clock runs on from its fixed start, so the twins' timestamps differ in their milliseconds. */
const STAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g;
const withoutStamps = (rows: unknown[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r as Record<string, unknown>).map(([k, v]) => [
        k,
        typeof v === 'string' ? v.replace(STAMP, 'stamp') : v,
      ]),
    ),
  );

/** Every table an import or its undo writes, in a stable order. */
function everything(db: Db) {
  const q = (sql: string) => withoutStamps(db.prepare(sql).all());
  const snap = Object.fromEntries(Object.entries(snapshot(db)).map(([k, v]) => [k, withoutStamps(v)]));
  return {
    ...snap,
    episodes: q('SELECT * FROM episodes ORDER BY household_id, episode'),
    pathway_changes: q('SELECT * FROM pathway_changes ORDER BY id'),
    batches: q('SELECT * FROM import_batches ORDER BY id'),
    audit: q('SELECT * FROM audit_log ORDER BY id'),
  };
}

/**
 * Runs `steps` on two fresh databases (or two copies of `from`), deletes every mark in the
 * second, then runs `last` on both; the two answers and the two databases must be identical.
 * Returns both for more checks.
 */
async function twins<T>(
  steps: (app: TestApp) => Promise<void>,
  last: (app: TestApp) => Promise<T>,
  from?: string,
) {
  const withMarks = await testApp({ from });
  const without = await testApp({ from });
  await steps(withMarks);
  await steps(without);
  const marksBefore = markedIds(withMarks.ctx.store.db);
  without.ctx.store.db.exec('DELETE FROM import_row_marks');
  const a = await last(withMarks);
  const b = await last(without);
  expect(a).toEqual(b);
  expect(everything(withMarks.ctx.store.db)).toEqual(everything(without.ctx.store.db));
  return { a, withMarks, marksBefore };
}

describe('an unchanged re-import known by its row marks', () => {
  it('marks every household the first import made, and a re-import of the same file changes nothing', async () => {
    vi.stubEnv(WORKER, undefined); // through the worker, as the app imports
    const { a, withMarks, marksBefore } = await twins(
      async (app) => {
        const file = writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() });
        const r = await run(app, file);
        expect(r).toMatchObject({ new: 60, rejected: 0 });
      },
      (app) => run(app, join(app.dir, 'f.xlsx')),
    );
    expect(marksBefore).toHaveLength(60);
    expect(a).toMatchObject({ rows: 60, unchanged: 60, updated: 0, new: 0, rejected: 0 });
    expect(markedIds(withMarks.ctx.store.db)).toHaveLength(60);
  });

  it('reads back every mark made by the day, each to its household, a mark of an older length too', async () => {
    const app = await testApp();
    const r = await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
    expect(r).toMatchObject({ new: 60 });
    const db = app.ctx.store.db;
    const set = db.prepare('UPDATE import_row_marks SET row_hash = ?, checked_on = ? WHERE household_id = ?');
    // A 44-character mark of rules 1 (base64 with '+', '/' and '='), and one made after the day.
    set.run('ab+/CDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn0=', '2024-01-01', idOf(db, 'M01'));
    set.run('LaterMark0123456', '2099-01-01', idOf(db, 'M02'));
    const today = clockToday();
    const expected = new Map(
      db
        .prepare('SELECT row_hash, household_id FROM import_row_marks WHERE checked_on <= ?')
        .raw()
        .all(today)
        .map((row) => [...(row as [string, number])]),
    );
    expect(expected.size).toBe(59);
    const marks = readRowMarks(db, today);
    expect(marks.size).toBe(59);
    // Each hash of a mark (its row's cells', and its bytes' after a '.') finds its household.
    for (const [mark, id] of expected) {
      const hashes = mark.split('.');
      expect(hashes.length).toBe(mark.length === 44 ? 1 : 2);
      for (const hash of hashes) expect(marks.get(hash)).toBe(id);
    }
    expect(marks.get('ab+/CDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn0=')).toBe(idOf(db, 'M01'));
    // A mark made after the day, a hash's start, a hash with more after it, or a whole mark of
    // two hashes, meets no row.
    const some = [...expected.keys()].find((m) => m.length !== 44)!;
    const [cells, bytes] = some.split('.') as [string, string];
    for (const miss of [
      'LaterMark0123456',
      cells.slice(0, 15),
      `${cells}A`,
      bytes.slice(1),
      some,
      'ab+/CDEFGHIJKLMN',
      '',
    ])
      expect(marks.get(miss)).toBeUndefined();
    db.exec('DELETE FROM import_row_marks');
    expect(readRowMarks(db, today).size).toBe(0);
  });

  it('a row with one changed cell, repeated rows and a row without a reference are planned as before', async () => {
    const { a } = await twins(
      async (app) => {
        await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
      },
      async (app) => {
        const next = rows();
        (next[45] as Cell[])[4] = 'changed@example.org'; // M45's email
        next.push(next[30]!); // M30 again, identical
        next.push([...(next[31] as Cell[]).slice(0, 3), 'Other', ...(next[31] as Cell[]).slice(4)]); // M31 again, differing
        next.push([null, xlDate(day(150)), 'First50', 'Surname50', 'm50@example.org']); // no reference: M50 by email
        return run(app, writeWorkbook(join(app.dir, 'g.xlsx'), { S: next }));
      },
    );
    expect(a).toMatchObject({ updated: 1, duplicates: 1 });
    expect(a.rejected).toBeGreaterThanOrEqual(2);
  });

  describe('a household changed since by any writer is planned again, never skipped', () => {
    // One database imported once and closed, copied for each writer's twins (one it() a writer,
    // so a writer that stops forgetting the mark fails by its own name).
    let fixture = { db: '', file: '' };
    beforeAll(async () => {
      vi.stubEnv(WORKER, 'off');
      try {
        const app = await testApp();
        fixture = { db: app.dbPath, file: writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }) };
        await run(app, fixture.file);
        expect(markedIds(app.ctx.store.db)).toHaveLength(60);
        app.ctx.store.close();
      } finally {
        vi.unstubAllEnvs();
      }
    });

    /**
     * `write` changes household `ref` in both twins; in each its mark must be gone after, and the
     * re-import with the other marks must answer and store exactly what a full plan does.
     */
    const forgets = async (ref: string, write: (app: TestApp, id: number) => Promise<unknown> | void) => {
      const { a, withMarks, marksBefore } = await twins(
        async (app) => {
          const db = app.ctx.store.db;
          const id = idOf(db, ref);
          expect(markedIds(db)).toContain(id);
          await write(app, id);
          expect(markedIds(db)).not.toContain(id);
        },
        (app) => run(app, fixture.file),
        fixture.db,
      );
      // Every other household was skipped by its mark, and is marked again with the one read.
      expect(marksBefore.length).toBeLessThan(60);
      expect(a.unchanged).toBeGreaterThanOrEqual(marksBefore.length);
      expect(markedIds(withMarks.ctx.store.db).length).toBeGreaterThanOrEqual(marksBefore.length);
      return a;
    };

    it('a hand edit of details', async () => {
      const a = await forgets('M31', (app, id) =>
        app.call('households.updateDetails', { id, email: 'hand@x.org' }),
      );
      // The file's email is not put over the hand's: a warning a skipped row would never give.
      expect(a.warnings.length).toBeGreaterThan(0);
    });
    it('a milestone recorded by hand', () =>
      forgets('M32', (app, id) =>
        app.call('households.recordMilestone', { id, kind: 'initial_visit', date: day(100) }),
      ));
    it('a milestone corrected', () =>
      forgets('M33', (app, id) =>
        app.call('households.correctMilestone', {
          id,
          kind: 'enquiry',
          date: day(98),
          reason: 'typed wrongly',
        }),
      ));
    it('a closure', () =>
      forgets('M34', (app, id) =>
        app.call('households.closeHousehold', {
          id,
          date: day(200),
          reasonKey: 'other',
          endedBy: 'applicant',
        }),
      ));
    it('a pathway switch', () =>
      forgets('M37', (app, id) =>
        app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-11-01' }),
      ));
    it('a milestone removed', () =>
      forgets('M45', (app, id) =>
        app.call('households.removeMilestone', { id, kind: 'eoi', reason: 'not so' }),
      ));
    it('a merge: the household kept forgets its mark, the other takes its mark with it', async () => {
      let gone = 0;
      await forgets('M39', async (app, id) => {
        gone = idOf(app.ctx.store.db, 'M40');
        await app.call('households.mergeHouseholds', { id, mergeReference: 'M40', reason: 'same' });
        expect(markedIds(app.ctx.store.db)).not.toContain(gone);
      });
      expect(gone).toBeGreaterThan(0);
    });
    // Writers the app does not have yet, straight to the tables: the triggers still see them.
    it('a raw update of a milestone', () =>
      forgets('M41', (app, id) => {
        app.ctx.store.db
          .prepare("UPDATE milestones SET date = ? WHERE household_id = ? AND kind = 'enquiry'")
          .run(day(121), id);
      }));
    it('a raw closure', () =>
      forgets('M43', (app, id) => {
        app.ctx.store.db
          .prepare(
            "INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, ended_by) VALUES (?, 1, ?, 'enquiry', 'other', 'service')",
          )
          .run(id, day(200));
      }));
    it('a raw cessation', () =>
      forgets('M42', (app, id) => {
        app.ctx.store.db
          .prepare('INSERT INTO cessations (household_id, date) VALUES (?, ?)')
          .run(id, day(300));
      }));
    it('an import that changed the household, then undone: as before, but unmarked', () =>
      forgets('M44', async (app) => {
        const changed = rows();
        (changed[44] as Cell[])[3] = 'Renamed';
        await run(app, writeWorkbook(join(app.dir, 'g.xlsx'), { S: changed }));
        expect(markedIds(app.ctx.store.db)).toContain(idOf(app.ctx.store.db, 'M44')); // marked anew
        const batch = app.ctx.store.db.prepare('SELECT MAX(id) FROM import_batches').pluck().get() as number;
        await app.call('imports.undoImport', { batchId: batch });
      }));
  });

  it('a purged household is planned again (its details stay erased)', async () => {
    const { a } = await twins(
      async (app) => {
        const db = app.ctx.store.db;
        await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
        const due = await app.call('data.listPurgeDue', {});
        const ids = due.households.map((h) => h.id).filter((id) => markedIds(db).includes(id));
        expect(ids.length).toBeGreaterThan(0);
        await app.call('data.purgeHouseholds', { ids });
        for (const id of ids) expect(markedIds(db)).not.toContain(id);
      },
      (app) => run(app, join(app.dir, 'f.xlsx')),
    );
    expect(a.warnings.length).toBeGreaterThan(0);
  });

  it('settings that change how rows are read, and a day before the marks, make every row planned again', async () => {
    const { a } = await twins(
      async (app) => {
        await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
        // The file names the reason by its label, which is given to another reason here (a
        // renamed reason alone still answers to its former label: the current one wins).
        await app.call('reasons.updateReason', { list: 'dropout', key: 'housing', label: 'No room' });
        await app.call('reasons.updateReason', {
          list: 'dropout',
          key: 'other',
          label: 'No spare bedroom / housing',
        });
      },
      (app) => run(app, join(app.dir, 'f.xlsx')),
    );
    // The file's label now names another reason: the closures change, as a full plan says.
    expect(a.updated + a.rejected + a.warnings.length).toBeGreaterThan(0);

    // The marks were made on 26/11/2026; on an earlier day some dates are in the future.
    try {
      const { a: early } = await twins(
        async (app) => {
          await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
        },
        (app) => {
          setClock('2024-06-01T12:00:00');
          return run(app, join(app.dir, 'f.xlsx'));
        },
      );
      expect(early.rejected).toBeGreaterThan(0);
    } finally {
      setClock(TEST_NOW);
    }
  });

  it('only the triggers stand between a raw edit and a wrong skip (without them the row would be skipped)', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const file = writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() });
    await run(app, file);
    db.exec('DROP TRIGGER milestones_update_forgets_mark');
    db.prepare("UPDATE milestones SET date = ? WHERE household_id = ? AND kind = 'enquiry'").run(
      day(121),
      idOf(db, 'M41'),
    );
    // The stale mark is believed: this is what the trigger prevents (the test above).
    expect(await run(app, file)).toMatchObject({ unchanged: 60, updated: 0 });
  });
});

/** rows() as a workbook whose text cells are shared strings (as Excel saves one). */
function sharedStringsWorkbook(path: string): string {
  const rs = rows();
  const ws: XLSX.WorkSheet = {};
  rs.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null) return;
      ws[XLSX.utils.encode_cell({ r, c })] =
        typeof cell === 'object' && !(cell instanceof Date) ? cell : { t: 's', v: cell };
    }),
  );
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rs.length - 1, c: HEADERS.length - 1 } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
  return path;
}

describe('rows known by their bytes', () => {
  it('the xlsx reader offers each row its own bytes before reading its cells, and gives a row passed over without them', () => {
    const dir = tempDir();
    const file = writeWorkbook(join(dir, 'f.xlsx'), { S: rows() });
    const sheet = openImportFile(file).sheets[0]!;
    const offered: Array<[number, string]> = [];
    const got = [
      ...sheet.rows((n, bytes) => {
        offered.push([n, Buffer.from(bytes).toString('utf8')]);
        return n % 2 === 0;
      }),
    ];
    expect(offered.map(([n]) => n)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
    // Its tag (its number) and its cells, to its end.
    expect(offered[30]![1]).toMatch(/^<row r="31"[^>]*>.*M30.*<\/c>$/);
    expect(got.filter((r) => r.skipped).map((r) => r.rowNumber)).toEqual(
      offered.map(([n]) => n).filter((n) => n % 2 === 0),
    );
    for (const r of got) expect(r.cells.length === 0).toBe(r.rowNumber % 2 === 0);
    expect(sheet.rawContext).toMatch(/^[A-Za-z0-9+/=]{44}$/);
  });

  it('an xlsx row is marked by its cells and its bytes; a csv row by its cells', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    await run(app, writeWorkbook(join(app.dir, 'f.xlsx'), { S: rows() }));
    const marks = () => db.prepare('SELECT row_hash FROM import_row_marks').pluck().all() as string[];
    expect(marks()).toHaveLength(60);
    for (const m of marks()) expect(m).toMatch(/^[A-Za-z0-9+/]{16}\.[A-Za-z0-9+/]{24}$/);
    const csv = join(app.dir, 'f.csv');
    writeFileSync(csv, XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(rows().slice(0, 3))));
    const other = await testApp();
    await run(other, csv);
    const csvMarks = other.ctx.store.db.prepare('SELECT row_hash FROM import_row_marks').pluck().all();
    expect(csvMarks).toHaveLength(2);
    for (const m of csvMarks) expect(m).toMatch(/^[A-Za-z0-9+/]{16}$/);
  });

  it('the same rows with other shared strings behind them are read again, never skipped', async () => {
    const { a } = await twins(
      async (app) => {
        await run(app, sharedStringsWorkbook(join(app.dir, 'f.xlsx')));
      },
      (app) => {
        // Surname30's text changed where its row points to it: the sheet's bytes are the same.
        const file = join(app.dir, 'f.xlsx');
        const edited = editPart(readFileSync(file), 'xl/sharedStrings.xml', (xml) =>
          xml.replace('<t>Surname30</t>', '<t>Surname30b</t>'),
        );
        writeFileSync(join(app.dir, 'g.xlsx'), edited);
        return run(app, join(app.dir, 'g.xlsx'));
      },
    );
    expect(a).toMatchObject({ updated: 1, unchanged: 59 });
  });

  it("a sheet's bytes are hashed under its shared strings and styles: either changed, another context", () => {
    const dir = tempDir();
    const file = sharedStringsWorkbook(join(dir, 'f.xlsx'));
    const contextOf = (zip: Buffer) => {
      writeFileSync(join(dir, 'g.xlsx'), zip);
      return openImportFile(join(dir, 'g.xlsx')).sheets[0]!.rawContext;
    };
    const same = contextOf(readFileSync(file));
    const edit = (part: string, from: string, to: string) =>
      contextOf(
        editPart(readFileSync(file), part, (xml) => {
          expect(xml).toContain(from);
          return xml.replace(from, to);
        }),
      );
    expect(same).toMatch(/^[A-Za-z0-9+/=]{44}$/);
    // The same parts zipped again: the same context.
    expect(contextOf(editPart(readFileSync(file), 'xl/workbook.xml', (xml) => xml))).toBe(same);
    expect(edit('xl/sharedStrings.xml', '<t>Surname30</t>', '<t>Surname30b</t>')).not.toBe(same);
    expect(edit('xl/styles.xml', 'formatCode="dd/mm/yyyy"', 'formatCode="0"')).not.toBe(same);
  });
});
