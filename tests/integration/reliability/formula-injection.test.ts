import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Every xlsx/csv export the app offers, fed hostile names, notes and reason labels. CSV: no
 * field may start with = + - @ tab or CR (they get a leading apostrophe), and a field holding
 * any separator (, ; tab |) is quoted, so `Ann;=1+2` stays one cell where Excel splits on ;.
 * xlsx: every text is a shared-string text cell holding exactly the text (no visible
 * apostrophe), and no cell carries a formula.
 */
const HOSTILE = [
  '=HYPERLINK("http://evil.example","x")',
  '+44 cmd',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  'Ann;=1+2',
];
const FORMULA_START = /^[=+\-@\t\r]/;
type ExportCall = (m: string, i: unknown) => Promise<{ fileName: string; base64: string }>;

async function hostileApp(): Promise<TestApp> {
  const app = await testApp({ today: '2026-11-26' });
  await app.call('system.generateSample', { households: 200, seed: 21 });
  const db = app.ctx.store.db;
  const ids = db
    .prepare('SELECT id FROM households ORDER BY id LIMIT ?')
    .pluck()
    .all(HOSTILE.length) as number[];
  ids.forEach((id, i) =>
    db
      .prepare('UPDATE households SET first_name = ?, surname = ?, notes = ?, postcode = ? WHERE id = ?')
      .run(HOSTILE[i], HOSTILE[(i + 1) % HOSTILE.length], HOSTILE[(i + 2) % HOSTILE.length], HOSTILE[i], id),
  );
  db.prepare('UPDATE closures SET notes = ?, reason_text = ?').run(HOSTILE[0], HOSTILE[3]);
  // Reason labels are typed by users and printed in report rows.
  db.prepare(
    "UPDATE reasons SET label = ? WHERE list = 'dropout' AND key IN ('lost_contact', 'housing')",
  ).run(HOSTILE[0]);
  db.prepare("UPDATE reasons SET label = ? WHERE list = 'leaving' AND key = 'personal_circumstances'").run(
    HOSTILE[3],
  );
  return app;
}

/** Every text cell of every sheet; fails on a formula, or on text not stored as a text cell. */
function xlsxTexts(base64: string): string[] {
  const bytes = Buffer.from(base64, 'base64');
  const parts = XLSX.CFB.read(bytes, { type: 'buffer' });
  parts.FullPaths.forEach((path: string, i: number) => {
    if (!/worksheets\/.*\.xml$/.test(path)) return;
    const xml = Buffer.from(parts.FileIndex[i]!.content as Uint8Array).toString('utf8');
    expect(xml, path).not.toMatch(/<f[ >]/);
    expect(xml, `${path}: text as formula results (t="str")`).not.toContain('t="str"');
  });
  const wb = XLSX.read(bytes);
  const out: string[] = [];
  for (const name of wb.SheetNames) {
    for (const [addr, cell] of Object.entries(wb.Sheets[name]!)) {
      if (addr.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      expect(c.f, `${name}!${addr} is a formula`).toBeUndefined();
      if (c.t === 's') out.push(String(c.v));
    }
  }
  return out;
}

/**
 * Every field of a CSV (quotes understood) as a program splitting on `sep` reads it: Excel
 * uses ; or tab where the decimal mark is a comma. Numbers are allowed to be negative.
 */
function csvFields(base64: string, sep = ','): string[] {
  const text = Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep || ch === '\n') {
      fields.push(field);
      field = '';
    } else if (ch !== '\r' || text[i + 1] !== '\n') field += ch;
  }
  if (field) fields.push(field);
  return fields.filter((f) => !/^-?\d+(\.\d+)?%?$/.test(f));
}

const unsafe = (texts: string[]) => texts.filter((t) => FORMULA_START.test(t));

describe('formula injection on every export path', () => {
  it('subject access xlsx', async () => {
    const app = await hostileApp();
    const file = await app.call('data.exportHousehold', { id: 1, format: 'xlsx' });
    const texts = xlsxTexts(file.base64);
    expect(texts).toContain(HOSTILE[0]);
    expect(texts.some((t) => t.startsWith("'"))).toBe(false);
  });

  it('household list, xlsx and csv', async () => {
    const app = await hostileApp();
    const call = app.call as unknown as ExportCall;
    const xlsx = xlsxTexts((await call('households.exportList', { format: 'xlsx' })).base64);
    expect(xlsx.some((t) => t.startsWith('=HYPERLINK'))).toBe(true);
    expect(xlsx.some((t) => t.startsWith("'"))).toBe(false);
    const file = (await call('households.exportList', { format: 'csv' })).base64;
    const csv = csvFields(file);
    expect(csv.some((t) => t.startsWith("'=HYPERLINK"))).toBe(true);
    expect(unsafe(csv)).toEqual([]);
    expect(Buffer.from(file, 'base64').toString('utf8')).toMatch(/,"Ann;'=1\+2/);
    expect(unsafe(csvFields(file, ';'))).toEqual([]);
    expect(unsafe(csvFields(file, '\t'))).toEqual([]);
    expect(unsafe(csvFields(file, '|'))).toEqual([]);
  });

  it('every report table, xlsx and csv (hostile reason labels)', async () => {
    const app = await hostileApp();
    const call = app.call as unknown as ExportCall;
    const { REPORT_TABLES } = await import('../../../src-main/contract/reports.ts');
    const options = { from: '2022/23', to: '2026/27', pathway: 'all' };
    const xlsx = xlsxTexts(
      (await call('reports.exportTable', { tables: [...REPORT_TABLES], options, format: 'xlsx' })).base64,
    );
    expect(xlsx.some((t) => t.startsWith('=HYPERLINK'))).toBe(true);
    expect(xlsx).toContain(HOSTILE[3]);
    for (const table of REPORT_TABLES) {
      const csv = csvFields(
        (await call('reports.exportTable', { tables: [table], options, format: 'csv' })).base64,
      );
      expect(unsafe(csv), table).toEqual([]);
      if (table === 'dropout') expect(csv.some((t) => t.startsWith("'=HYPERLINK"))).toBe(true);
    }
  });
});
