import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { HOSTILE, sampleApp } from './purge-sample.ts';

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
