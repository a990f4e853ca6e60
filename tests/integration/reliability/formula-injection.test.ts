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

describe('exported numbers and dates a report author sums, sorts and filters', () => {
  it('household list xlsx: dates are date cells (dd/mm/yyyy), days in stage a number; csv: dd/mm/yyyy', async () => {
    const app = await hostileApp();
    const call = app.call as unknown as ExportCall;
    const file = await call('households.exportList', { format: 'xlsx' });
    const ws = XLSX.read(Buffer.from(file.base64, 'base64'), { cellNF: true }).Sheets.Households!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true });
    const head = rows[0] as string[];
    const col = (name: string) => head.indexOf(name);
    const byRef = new Map(
      (
        app.ctx.store.db.prepare('SELECT reference, enquiry_date FROM households').all() as Array<{
          reference: string;
          enquiry_date: string;
        }>
      ).map((h) => [h.reference, h.enquiry_date]),
    );
    let dates = 0;
    for (let r = 1; r < rows.length; r++) {
      const ref = String(ws[XLSX.utils.encode_cell({ r, c: col('Reference') })]!.v);
      const enquiry = ws[XLSX.utils.encode_cell({ r, c: col('Enquiry date') })];
      if (!enquiry) continue;
      expect(enquiry, ref).toMatchObject({ t: 'n', z: 'dd/mm/yyyy' });
      const iso = byRef.get(ref)!;
      expect(enquiry.w).toBe(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
      dates++;
      for (const name of ['Stage date', 'Alert due']) {
        const c = ws[XLSX.utils.encode_cell({ r, c: col(name) })];
        if (c) expect(c, `${ref} ${name}`).toMatchObject({ t: 'n', z: 'dd/mm/yyyy' });
      }
      const days = ws[XLSX.utils.encode_cell({ r, c: col('Days in stage') })];
      if (days) expect(days.t, `${ref} days in stage`).toBe('n');
    }
    expect(dates).toBeGreaterThan(100);
    const csv = Buffer.from(
      (await call('households.exportList', { format: 'csv' })).base64,
      'base64',
    ).toString();
    expect(csv).toMatch(/,\d{2}\/\d{2}\/\d{4},\d+,/);
  });

  it('copy for Word: names and labels with & < > " are escaped, nothing runs', async () => {
    const app = await hostileApp();
    app.ctx.store.db
      .prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = 'lost_contact'")
      .run('Tom & "Jerry" <script>alert(1)</script>');
    const call = app.call as unknown as ExportCall;
    const options = { from: '2022/23', to: '2026/27', pathway: 'all' };
    const html = Buffer.from(
      (await call('reports.exportTable', { tables: ['dropout'], options, format: 'html' })).base64,
      'base64',
    ).toString('utf8');
    expect(html).toContain('Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|Tom & |"Jerry"/);
  });

  it("copy for Word: the clipboard's plain-text twin (what Excel pastes without HTML) is neutralised, and the HTML's labels are text for Excel", async () => {
    const app = await hostileApp();
    app.ctx.store.db
      .prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = 'housing'")
      .run('Moved\t=1+1\n-2+3');
    const call = app.call as unknown as (m: string, i: unknown) => Promise<{ base64: string; text?: string }>;
    const options = { from: '2022/23', to: '2026/27', pathway: 'all' };
    const file = await call('reports.exportTable', { tables: ['dropout'], options, format: 'html' });
    const lines = (file.text ?? '').split('\n');
    const cells = lines.flatMap((l) => l.split('\t'));
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","x")');
    expect(cells).toContain('Moved =1+1 -2+3');
    expect(unsafe(cells.filter((c) => !/^-?[\d,.]+%?$/.test(c)))).toEqual([]);
    // The same rows as the html, each label followed by its figures.
    expect(lines.some((l) => /^Total\t\d/.test(l))).toBe(true);
    const html = Buffer.from(file.base64, 'base64').toString('utf8');
    // Text for Excel (mso-number-format) and for LibreOffice (sdnum, format @), whose reading of
    // pasted or opened HTML makes a cell starting with = a formula (LibreOffice 7.4, checked by hand).
    const labels = [...html.matchAll(/<th scope="(?:row|col)"([^>]*)>/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(3);
    for (const attributes of labels) {
      expect(attributes).toContain(' sdnum="2057;0;@" ');
      expect(attributes).toContain("mso-number-format:'\\@'");
    }
  });
});
