import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { HOSTILE, sampleApp } from './purge-sample.ts';
import { formatUkDateTime } from '../../../src-main/domain/dates.ts';
import { FIXED_CODE_LISTS } from '../../../src-main/domain/code-lists.ts';
import { codeColumns, kindOf } from '../../../src-main/db/subject-access.ts';
import { testApp } from '../../support/temp.ts';

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

  // The xlsx was the tables as stored: every date ISO text ("2025-07-21"), every time UTC text, every
  // reason and source a bare code, for a reader who never sees the app (found by a review helper).
  it('xlsx: says what it is, shows dates as dates and times on the UK clock, and gives each code its meaning', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const closure = db
      .prepare(
        `SELECT c.household_id AS id, c.date, c.reason_key, r.label FROM closures c
         JOIN reasons r ON r.list = 'dropout' AND r.key = c.reason_key LIMIT 1`,
      )
      .get() as { id: number; date: string; reason_key: string; label: string };
    const file = await app.call('data.exportHousehold', { id: closure.id, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellNF: true });
    expect(wb.SheetNames[0]).toBe('About');
    expect(wb.SheetNames.at(-1)).toBe('Codes');
    const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.About!, { header: 1 });
    const reference = db.prepare('SELECT reference FROM households WHERE id = ?').pluck().get(closure.id);
    expect(about[1]).toEqual(['Household', reference]);

    // The closure's date: a date cell (a serial shown dd/mm/yyyy), the day stored.
    const sheet = wb.Sheets.closures!;
    const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]!;
    const at = (column: string) => sheet[XLSX.utils.encode_cell({ r: 1, c: header.indexOf(column) })];
    const date = at('date');
    expect(date).toMatchObject({ t: 'n', z: 'dd/mm/yyyy' });
    const { y, m, d } = XLSX.SSF.parse_date_code(date.v as number);
    expect([y, m, d].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-')).toBe(closure.date);
    expect(at('reason_key')).toMatchObject({ t: 's', v: closure.reason_key });

    // A time stored in UTC reads as the household's record says it (dd/mm/yyyy hh:mm, UK clock).
    const created = db
      .prepare('SELECT created_at FROM households WHERE id = ?')
      .pluck()
      .get(closure.id) as string;
    const households = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.households!);
    expect(households[0]!.created_at).toBe(formatUkDateTime(created));
    expect(households[0]!.created_at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    const codes = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Codes!, { header: 1 });
    expect(codes[0]).toEqual(['List', 'Code', 'Meaning']);
    expect(codes).toContainEqual(['Drop-out reason', closure.reason_key, closure.label]);
    expect(codes).toContainEqual(['Status', 'closed', 'Closed']);
    // Only codes the export holds: a leaving reason only for a household that ceased.
    const ceased = db
      .prepare('SELECT COUNT(*) FROM cessations WHERE household_id = ?')
      .pluck()
      .get(closure.id);
    expect(codes.some((c) => c[0] === 'Leaving reason')).toBe(ceased !== 0);
  });

  // The Codes sheet looked up each code in every list: one closure reason "other" listed "Religion or
  // belief: other", "Leaving reason: other", "Source: other" for a household with no carers, never
  // approved (found by a review). A code is explained only where a column of its own list holds it.
  it('xlsx: explains a code only in the list whose column holds it', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const id = db
      .prepare(
        `SELECT c.household_id FROM closures c JOIN households h ON h.id = c.household_id
         WHERE c.reason_key = 'other' AND h.source IS NOT 'other'
           AND NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = c.household_id)
           AND NOT EXISTS (SELECT 1 FROM cessations x WHERE x.household_id = c.household_id) LIMIT 1`,
      )
      .pluck()
      .get() as number | undefined;
    expect(id).toBeDefined();
    const file = await app.call('data.exportHousehold', { id: id!, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    const codes = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Codes!, { header: 1 }).slice(1);
    expect(codes.filter((c) => c[1] === 'other').map((c) => c[0])).toEqual(['Drop-out reason']);
    expect(codes.map((c) => c[0])).not.toContain('Religion or belief');
  });

  it('knows, for every list of codes, columns the schema has', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const has = (column: string) => {
      const [table, name] = column.split('.');
      return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, name) !== undefined;
    };
    for (const list of [...FIXED_CODE_LISTS.map((l) => l.key), 'dropout', 'leaving']) {
      const columns = codeColumns(list);
      expect({ list, columns: columns.length > 0 }).toEqual({ list, columns: true });
      for (const column of columns)
        expect({ list, column, held: has(column) }).toEqual({ list, column, held: true });
    }
  });

  // Any text that looked like an ISO day became a date cell: a note "2025-01-01" read 01/01/2025,
  // not the words typed (found by a review). Only columns that hold days are dates.
  it('xlsx: keeps typed text that looks like a day as text, and a dated audit entry as a date', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'T1',
      enquiryDate: '2026-01-05',
      surname: 'Okafor',
      notes: 'x',
    });
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-03' });
    await app.call('households.updateDetails', { id, notes: '2024-12-31' });
    const file = await app.call('data.exportHousehold', { id, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    const cellOf = (table: string, column: string, where: (r: Record<string, unknown>) => boolean) => {
      const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[table]!, { header: 1 });
      const c = (grid[0] as string[]).indexOf(column);
      const r = grid.findIndex(
        (row, i) => i > 0 && where(Object.fromEntries((grid[0] as string[]).map((h, j) => [h, row[j]]))),
      );
      return wb.Sheets[table]![XLSX.utils.encode_cell({ r, c })];
    };
    expect(cellOf('households', 'notes', () => true)).toMatchObject({ t: 's', v: '2024-12-31' });
    expect(cellOf('households', 'enquiry_date', () => true)).toMatchObject({ t: 'n' });
    expect(
      cellOf('audit_log', 'new_value', (r) => r.entity === 'milestone' && r.field === 'eoi'),
    ).toMatchObject({
      t: 'n',
    });
    // An audit entry's value is read from its JSON: the words typed, not "\"2024-12-31\"".
    expect(
      cellOf('audit_log', 'new_value', (r) => r.entity === 'household' && r.field === 'notes'),
    ).toMatchObject({ t: 's', v: '2024-12-31' });
  });

  it('xlsx: writes the days within a record the history holds dd/mm/yyyy, and typed words as typed', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'T2',
      enquiryDate: '2026-01-05',
      surname: 'Okafor',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-03-04',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
      notes: '2024-12-31',
    });
    const file = await app.call('data.exportHousehold', { id, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.audit_log!);
    const closure = rows.find((r) => r.entity === 'closure');
    expect(JSON.parse(String(closure?.new_value))).toMatchObject({ date: '04/03/2026', notes: '2024-12-31' });
    // The JSON export keeps the record as held.
    const json = await app.call('data.exportHousehold', { id, format: 'json' });
    const held = JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8')) as {
      tables: { audit_log: Array<{ entity: string; new_value: string }> };
    };
    const entry = held.tables.audit_log.find((r) => r.entity === 'closure');
    expect(JSON.parse(entry!.new_value)).toMatchObject({ date: '2026-03-04' });
  });

  it('takes every column of the sample data that holds days or times for one, and no other', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'`)
      .pluck()
      .all() as string[];
    const held: string[] = [];
    const kinds: string[] = [];
    const shapeOf = (v: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(v) ? 'day' : /^\d{4}-\d{2}-\d{2}T/.test(v) ? 'moment' : 'text';
    for (const table of tables)
      for (const column of db
        .prepare('SELECT name FROM pragma_table_info(?)')
        .pluck()
        .all(table) as string[]) {
        if (table === 'audit_log' && column.endsWith('_value')) continue;
        // Every text the column holds: a day column holds days alone, and a column holding one holds days.
        const shapes = new Set(
          (
            db
              .prepare(`SELECT DISTINCT "${column}" FROM "${table}" WHERE typeof("${column}") = 'text'`)
              .pluck()
              .all() as string[]
          ).map(shapeOf),
        );
        const kind = kindOf(table, column);
        if (shapes.size === 0 && kind === 'text') continue;
        held.push(`${table}.${column}: ${[...shapes].join(' ') || kind}`);
        kinds.push(`${table}.${column}: ${kind}`);
      }
    expect(held.length).toBeGreaterThan(20);
    expect(kinds).toEqual(held);
    // Free text where days are also kept is text: an episode's household type in the file's words.
    expect(kindOf('episodes', 'household_type')).toBe('text');
    expect(kindOf('episodes', 'panel_minutes')).toBe('day');
  });
});
