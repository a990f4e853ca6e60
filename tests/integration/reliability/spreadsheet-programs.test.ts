import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { tempDir, testApp } from '../../support/temp.ts';
import { officeMissing, soffice } from '../../support/office.ts';

/**
 * Every export opened by a real spreadsheet program: LibreOffice Calc, headless (`soffice`, or
 * SOFFICE_PATH; Debian's libreoffice-calc-nogui). Each file is converted to ODS, which keeps a
 * formula as a formula; none may hold one. A control file shows the program does make formulas
 * of such text when nothing stops it. Skips, saying why, where LibreOffice is not installed.
 */
const missing = officeMissing();
if (missing) console.warn(`Skipping the spreadsheet-program checks: ${missing}.`);

const HOSTILE = [
  '=HYPERLINK("http://evil.example","x")',
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1,2)',
  '\t=1+1',
  ' =1+1',
  'Ann;=1+2',
  'Tom & "Jerry" <b>',
];

/** Converts files to ODS with an input filter (CSV options, or HTML); each one's content.xml. */
function opened(dir: string, files: string[], infilter?: string): Map<string, string> {
  const out = join(dir, `ods-${Math.random().toString(36).slice(2)}`);
  const args = [
    ...(infilter ? [`--infilter=${infilter}`] : []),
    '--convert-to',
    'ods',
    '--outdir',
    out,
    ...files.map((f) => join(dir, f)),
  ];
  const run = soffice(args, join(dir, 'profile'));
  expect(run.status, run.stderr).toBe(0);
  const result = new Map<string, string>();
  for (const name of readdirSync(out)) {
    const bytes = readFileSync(join(out, name));
    const parts = XLSX.CFB.read(bytes, { type: 'buffer' });
    const i = parts.FullPaths.findIndex((p: string) => p.endsWith('/content.xml'));
    result.set(name, Buffer.from(parts.FileIndex[i]!.content as Uint8Array).toString('utf8'));
  }
  expect(result.size, `${files.join(', ')} opened`).toBe(files.length);
  return result;
}

const formulas = (xml: string) => [...xml.matchAll(/table:formula="([^"]*)"/g)].map((m) => m[1]!);

describe.skipIf(missing)('exports opened in LibreOffice Calc', () => {
  it('no export holds a formula, whatever a name or a reason label says', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('system.generateSample', { households: 120, seed: 21 });
    const db = app.ctx.store.db;
    const ids = db
      .prepare('SELECT id FROM households ORDER BY id LIMIT ?')
      .pluck()
      .all(HOSTILE.length) as number[];
    ids.forEach((id, i) =>
      db
        .prepare('UPDATE households SET first_name = ?, surname = ?, notes = ? WHERE id = ?')
        .run(HOSTILE[i], HOSTILE[(i + 1) % HOSTILE.length], HOSTILE[i], id),
    );
    db.prepare('UPDATE closures SET notes = ?, reason_text = ?').run(HOSTILE[0], HOSTILE[1]);
    db.prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = 'lost_contact'").run(
      HOSTILE[0],
    );
    db.prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = 'housing'").run(HOSTILE[1]);

    const dir = tempDir('ff-soffice-');
    const call = app.call as unknown as (m: string, i: unknown) => Promise<{ base64: string; text?: string }>;
    const save = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);
    const bytes = (b64: string) => Buffer.from(b64, 'base64');
    const options = { from: '2022/23', to: '2026/27', pathway: 'all' };
    const everyTable = ['funnel', 'dropout', 'leaving', 'ofsted', 'diversity'];
    save('households.xlsx', bytes((await call('households.exportList', { format: 'xlsx' })).base64));
    save('households.csv', bytes((await call('households.exportList', { format: 'csv' })).base64));
    save(
      'reports.xlsx',
      bytes((await call('reports.exportTable', { tables: everyTable, options, format: 'xlsx' })).base64),
    );
    save(
      'dropout.csv',
      bytes((await call('reports.exportTable', { tables: ['dropout'], options, format: 'csv' })).base64),
    );
    const word = await call('reports.exportTable', { tables: ['dropout'], options, format: 'html' });
    save('word.html', bytes(word.base64));
    save('word-text.csv', word.text!);
    save(
      'subject-access.xlsx',
      bytes((await call('data.exportHousehold', { id: ids[0], format: 'xlsx' })).base64),
    );
    // The control: the same texts written plainly, as nothing should write them.
    save('control.csv', '=1+1,"=HYPERLINK(""http://e"",""x"")"\r\n');
    save('control.html', '<table><tr><th>=1+1</th><td>=HYPERLINK("http://e","x")</td></tr></table>');

    const xlsx = opened(dir, ['households.xlsx', 'reports.xlsx', 'subject-access.xlsx']);
    const comma = opened(dir, ['households.csv', 'dropout.csv', 'control.csv'], 'CSV:44,34,76,1');
    const semicolon = opened(dir, ['households.csv', 'dropout.csv'], 'CSV:59,34,76,1');
    const tab = opened(dir, ['households.csv', 'word-text.csv'], 'CSV:9,34,76,1');
    const html = opened(dir, ['word.html', 'control.html'], 'calc_HTML_WebQuery');

    expect(formulas(comma.get('control.ods')!)).toHaveLength(2);
    expect(formulas(html.get('control.ods')!)).toHaveLength(2);
    comma.delete('control.ods');
    html.delete('control.ods');
    for (const [what, files] of Object.entries({ xlsx, comma, semicolon, tab, html }))
      for (const [file, xml] of files) expect(formulas(xml), `${what}: ${file}`).toEqual([]);
    // The texts arrive as typed (xlsx: no apostrophe), and the list's dates as dates.
    expect(xlsx.get('households.ods')).toContain(
      '<text:p>=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)</text:p>',
    );
    expect(html.get('word.ods')).toContain(
      '<text:p>=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)</text:p>',
    );
    expect(xlsx.get('households.ods')!.match(/office:value-type="date"/g)!.length).toBeGreaterThan(100);
  }, 300_000);
});
