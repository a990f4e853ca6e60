import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * The households list's export holds exactly the rows the list shows for the same filter, in
 * its order, and after a purge nothing personal of a purged household: no name, contact detail
 * or exit-interview notes, in either file. Free text a spreadsheet could run is never a formula.
 */
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

describe('the households list export', () => {
  it('lists what the list lists, and nothing personal after a purge', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('system.generateSample', { households: 300, seed: 5 });
    const db = app.ctx.store.db;
    db.prepare('UPDATE exit_interviews SET notes = ?').run(HOSTILE);
    const purged = await app.call('data.purgeHouseholds', {});
    expect(purged.purged).toBeGreaterThan(0);
    const gone = new Set(
      db.prepare('SELECT reference FROM households WHERE purged_at IS NOT NULL').pluck().all() as string[],
    );
    // Purged households that had exit interviews, and kept ones whose notes are exported.
    const interviewed = (purgedToo: boolean) =>
      db
        .prepare(
          `SELECT COUNT(*) FROM exit_interviews e JOIN households h ON h.id = e.household_id
           WHERE (h.purged_at IS NOT NULL) = ?`,
        )
        .pluck()
        .get(purgedToo ? 1 : 0) as number;
    expect(interviewed(true)).toBeGreaterThan(0);
    expect(interviewed(false)).toBeGreaterThan(0);
    const all = await app.call('households.exportList', { format: 'csv' });
    expect(Buffer.from(all.base64, 'base64').toString('utf8')).toContain(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    for (const filter of [
      {},
      { status: 'closed' as const },
      { pathway: 'kinship' as const, fy: '2024/25' },
    ]) {
      const list: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await app.call('households.listHouseholds', { ...filter, offset, limit: 500 });
        list.push(...page.rows.map((h) => h.reference));
        if (list.length >= page.total) break;
      }
      const csv = await app.call('households.exportList', { ...filter, format: 'csv' });
      const lines = Buffer.from(csv.base64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(csv.fileName).toBe('households-2026-11-26.csv');
      const xlsx = await app.call('households.exportList', { ...filter, format: 'xlsx' });
      expect(xlsx.fileName).toBe('households-2026-11-26.xlsx');
      const ws = XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets.Households!;
      const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { defval: '' });
      expect(rows.map((r) => r.Reference)).toEqual(list);
      // Dates display dd/mm/yyyy in Excel, as in the csv and on screen; counts are numbers.
      const shownRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { defval: '', raw: false });
      for (const [i, r] of shownRows.entries()) {
        for (const col of ['Stage date', 'Enquiry date', 'Alert due'])
          expect(String(r[col]), `${String(r.Reference)} ${col}`).toMatch(/^(\d{2}\/\d{2}\/\d{4})?$/);
        const days = rows[i]!['Days in stage'];
        expect(days === '' || typeof days === 'number', String(r.Reference)).toBe(true);
      }
      const csvDates = lines.slice(1).map((l) => l.split(',')[7]);
      expect(shownRows.map((r) => r['Stage date'])).toEqual(csvDates);
      expect(lines.length - 1).toBe(list.length);
      for (const r of rows) {
        if (!gone.has(r.Reference as string)) continue;
        // Named as erased, as on screen and in every list (a blank read as a household never named).
        expect([r.Name, r.Email, r.Telephone, r['Interview notes']], r.Reference as string).toEqual([
          '(personal details erased)',
          '',
          '',
          '',
        ]);
      }
      for (const line of lines.slice(1)) {
        const ref = line.split(',')[0]!;
        if (gone.has(ref)) expect(line).not.toMatch(/@|HYPERLINK|\d{5} \d{6}/);
      }
      // Notes a spreadsheet could run: text cells in xlsx, neutralised in csv.
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, addr).toBeUndefined();
      }
      for (const line of lines) expect(line).not.toMatch(/(^|,)"?=/);
    }
  });

  it("a report's drill-down names a purged household as erased, nothing of its details", async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('system.generateSample', { households: 300, seed: 5 });
    await app.call('data.purgeHouseholds', {});
    const db = app.ctx.store.db;
    const gone = new Set(
      db.prepare('SELECT reference FROM households WHERE purged_at IS NOT NULL').pluck().all() as string[],
    );
    const seen = new Set<string>();
    const options = { from: '2021/22', to: '2025/26', pathway: 'all' as const };
    for (const table of ['funnel', 'dropout', 'leaving'] as const) {
      const report = await app.call('reports.getTable', { table, options });
      for (const row of report.rows.filter((r) => r.kind === 'count'))
        for (const col of report.columns) {
          if (!row.values[col.key]) continue;
          const d = await app.call('reports.listHouseholds', {
            table,
            options,
            row: row.key,
            column: col.key,
          });
          for (const h of d.households)
            if (gone.has(h.reference)) {
              seen.add(h.reference);
              expect(h.name, h.reference).toBe('(personal details erased)');
            }
        }
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
