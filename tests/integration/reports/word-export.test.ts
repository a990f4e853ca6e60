import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_TABLES,
  columnHeading,
  firstHeading,
  formatCell,
  type Report,
  type ReportOptionsInput,
  type ReportTableKey,
} from '../../../src-main/contract/reports.ts';
import { suppressionNote } from '../../../src-main/reports/export/matrix.ts';
import { MAX_FIGURE_COLUMNS } from '../../../src-main/export/docx.ts';
import { definitionLine, madeNote, tableNotes } from '../../../src-main/contract/reports.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import {
  joinContinued,
  odfTables,
  readDocx,
  schemaOrderProblems,
  unzip,
  type ReadDocx,
  type WordTable,
} from '../../support/docx.ts';
import { descendants, parseXml } from '../../support/xml.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, addSmallFixture } from './fixture.ts';
import { officeMissing, soffice } from '../../support/office.ts';

/**
 * Save as Word: a real .docx of the tables on screen, read back by a zip and XML reader of the
 * tests' own and opened by LibreOffice Writer. Each table holds what the API gives, as the screen
 * and the other exports show it (1,001; 11.6%; days; "<5"; "–"; "not recorded"), under the same
 * title, period, pathway and suppression lines, with the definitions after it; a label with
 * markup characters arrives as typed.
 */
const RANGE = { from: '2022/23', to: '2024/25' } as const;
const HOSTILE_LABEL = 'Tom & "Jerry" <b>=1+2</b>';
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  addSmallFixture(db);
  // Over a thousand enquiries in 2024/25, to see counts grouped as on screen (1,001).
  db.transaction(() => {
    for (let i = 0; i < 1000; i++)
      addHousehold(db, { reference: `B${i}`, episodes: [{ milestones: { enquiry: '2024-05-01' } }] });
  })();
  // A label typed by the service with XML's special characters, and a control character no XML may hold.
  db.prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = 'circumstances'").run(
    `${HOSTILE_LABEL}\u0001`,
  );
});

const CASES: ReadonlyArray<{ name: string; tables: ReportTableKey[]; options: ReportOptionsInput }> = [
  { name: 'funnel-annual', tables: ['funnel'], options: { ...RANGE } },
  {
    name: 'funnel-quarterly',
    tables: ['funnel'],
    options: { ...RANGE, quarterly: true, pathway: 'all', suppress: true },
  },
  // 20 quarters and a total: more columns than a page holds, so two tables, the labels in each.
  {
    name: 'funnel-five-years-quarterly',
    tables: ['funnel'],
    options: { from: '2020/21', to: '2024/25', quarterly: true },
  },
  { name: 'kinship', tables: ['kinship'], options: { ...RANGE, pathway: 'kinship' } },
  { name: 'dropout-suppressed', tables: ['dropout'], options: { ...RANGE, pathway: 'all', suppress: true } },
  { name: 'timescales', tables: ['timescales'], options: { ...RANGE } },
  { name: 'ofsted', tables: ['ofsted'], options: { from: '2024/25', to: '2024/25' } },
  { name: 'all-tables', tables: [...REPORT_TABLES], options: { ...RANGE, pathway: 'all', suppress: true } },
];

const exportDocx = (tables: ReportTableKey[], options: ReportOptionsInput) =>
  app.call('reports.exportTable', { tables, options, format: 'docx' });

/** A text as a Word file can hold it: without the control characters XML cannot carry. */
// eslint-disable-next-line no-control-regex
const asWordHolds = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** The rows a table of the report must hold: header, then each row as the screen prints it. */
function expectedTables(report: Report): Array<{ caption: string; rows: string[][] }> {
  return [
    { caption: report.title, columns: report.columns, rows: report.rows, first: firstHeading(report.table) },
    ...report.sections.map((s) => ({
      caption: s.title,
      columns: s.columns,
      rows: s.rows,
      first: s.rowHeading,
    })),
  ].map((b) => ({
    caption: b.caption,
    rows: [
      [b.first, ...b.columns.map(columnHeading)],
      ...b.rows.map((r) => [
        asWordHolds(r.label),
        ...b.columns.map((c) => formatCell(r.values[c.key] ?? null, r.kind)),
      ]),
    ],
  }));
}

/** The caption over each further part of a table too wide for one ("… (continued)"). */
const continuations = (caption: string, columns: number): string[] =>
  Array.from({ length: Math.ceil(columns / MAX_FIGURE_COLUMNS) - 1 }, () => `${caption} (continued)`);

/** The lines around a report's tables, in order: title, period, pathway, suppression, day made, sections, definitions. */
function expectedLines(report: Report): string[] {
  return [
    report.title,
    `Period: ${report.period}`,
    `Pathway: ${report.pathwayLabel}`,
    suppressionNote(report),
    madeNote(report),
    ...continuations(report.title, report.columns.length),
    // Right under each table, what its "(to date)" and blank "(not yet started)" columns mean.
    ...tableNotes(report, report.madeOn),
    ...report.sections.flatMap((s) => [
      s.title,
      ...continuations(s.title, s.columns.length),
      ...tableNotes(s, report.madeOn),
    ]),
    'Definitions',
    ...report.definitions.map(definitionLine),
  ];
}

function checkDocument(reports: Report[], doc: ReadDocx, where: string) {
  const wanted = reports.flatMap(expectedTables);
  expect(
    doc.tables.map((t) => t.caption),
    where,
  ).toEqual(wanted.map((t) => t.caption));
  doc.tables.forEach((t, i) => {
    expect(t.rows, `${where}: ${t.caption}`).toEqual(wanted[i]!.rows);
    // The header row, and only it, repeats at the top of each page the table runs onto.
    expect(t.headerRows, `${where}: ${t.caption}`).toEqual([0]);
  });
  // No Word table has more than 14 columns of figures: a wider one goes on below, labels again.
  for (const t of doc.rawTables) expect(t.rows[0]!.length, `${where}: ${t.caption}`).toBeLessThanOrEqual(15);
  const lines = doc.paragraphs.map((p) => p.text).filter(Boolean);
  expect(lines, where).toEqual(reports.flatMap(expectedLines));
  expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(
    reports.map((r) => r.title),
  );
  // One section a table, each from a new page; a wide table's page is landscape.
  expect(doc.orientations, where).toEqual(
    reports.map((r) =>
      Math.max(r.columns.length, ...r.sections.map((s) => s.columns.length)) > 8 ? 'landscape' : 'portrait',
    ),
  );
}

describe('Save as Word', () => {
  it('writes a well-formed .docx holding every figure of each table as the screen shows it', async () => {
    let grouped = false;
    let rate = false;
    let suppressed = false;
    let notRecorded = false;
    let continued = false;
    for (const c of CASES) {
      const file = await exportDocx(c.tables, c.options);
      const reports = await Promise.all(
        c.tables.map((table) => app.call('reports.getTable', { table, options: c.options })),
      );
      expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const doc = readDocx(Buffer.from(file.base64, 'base64'));
      expect([...doc.parts.keys()].sort()).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/core.xml',
        'word/_rels/document.xml.rels',
        'word/document.xml',
        'word/styles.xml',
      ]);
      checkDocument(reports, doc, c.name);
      // Every element's children in the order Word requires.
      for (const part of ['word/document.xml', 'word/styles.xml'])
        expect(schemaOrderProblems(doc.xml.get(part)!), `${c.name} ${part}`).toEqual([]);
      const cells = doc.tables.flatMap((t) => t.rows.slice(1).flatMap((r) => r.slice(1)));
      grouped ||= cells.some((v) => /^\d{1,3}(,\d{3})+$/.test(v));
      rate ||= cells.some((v) => /^\d+\.\d%$/.test(v));
      suppressed ||= cells.includes('<5');
      notRecorded ||= cells.includes('not recorded');
      continued ||= doc.rawTables.length > doc.tables.length;
    }
    // The cases between them meet every way a figure is written.
    expect({ grouped, rate, suppressed, notRecorded, continued }).toEqual({
      grouped: true,
      rate: true,
      suppressed: true,
      notRecorded: true,
      continued: true,
    });
  });

  it("is named as the table's other files are, and says the file's title", async () => {
    const one = await exportDocx(['funnel'], { ...RANGE, quarterly: true, pathway: 'kinship' });
    expect(one.fileName).toBe('funnel-2022-23-2024-25-quarterly-kinship.docx');
    const all = await exportDocx([...REPORT_TABLES], { ...RANGE, pathway: 'all' });
    expect(all.fileName).toBe('reports-2022-23-2024-25-all.docx');
    const core = parseXml(
      unzip(Buffer.from(one.base64, 'base64')).get('docProps/core.xml')!.toString('utf8'),
    );
    const title = (await app.call('reports.getTable', { table: 'funnel', options: RANGE })).title;
    expect(JSON.stringify(core)).toContain(JSON.stringify(title));
  });

  it('is saved by the CLI too (report … --format docx --out FILE)', async () => {
    const out = join(app.dir, 'kinship.docx');
    const said: string[] = [];
    const saving = await runCli(
      [
        'report',
        'kinship',
        '--db',
        app.dbPath,
        ...['--from', '2022/23', '--to', '2024/25', '--pathway', 'kinship', '--format', 'docx', '--out', out],
      ],
      { out: (t) => said.push(t), err: (t) => said.push(t) },
      {},
    );
    expect(saving, said.join('\n')).toBe(0);
    const report = await app.call('reports.getTable', {
      table: 'kinship',
      options: { ...RANGE, pathway: 'kinship' },
    });
    // Named by its title, as the Reports screen heads it, not the command's key ("kinship").
    expect(said.at(-1)).toBe(`Saved "${report.title}" to ${out}.`);
    checkDocument([report], readDocx(readFileSync(out)), 'cli');
  });

  it("gives a one-year table's row labels the page's width, not its single column of figures", async () => {
    // Each year's tables on their own (the annual report's 2025/26): the figure took 60 % of the
    // page, and "Conversion rate – enquiry to full assessment (expression of interest)" wrapped
    // in the rest beside it.
    const widths = async (tables: ReportTableKey[], options: ReportOptionsInput) => {
      const file = await exportDocx(tables, options);
      const doc = readDocx(Buffer.from(file.base64, 'base64'));
      return descendants(doc.xml.get('word/document.xml')!, 'w:tblGrid').map((grid) =>
        descendants(grid, 'w:gridCol').map((c) => Number(c.attributes['w:w'])),
      );
    };
    const page = 11906 - 2 * 1134;
    const grids = [
      ...(await widths(['funnel'], { from: '2024/25', to: '2024/25' })),
      ...(await widths(['leaving'], { from: '2024/25', to: '2024/25' })),
      ...(await widths(['ofsted'], { from: '2024/25', to: '2024/25' })),
    ];
    // At least one table of each file (a loop over none would pass).
    expect(grids.length).toBeGreaterThanOrEqual(3);
    for (const grid of grids) {
      const [label, ...figures] = grid;
      expect(label! + figures.reduce((a, b) => a + b, 0), `${grid}`).toBe(page);
      for (const f of figures) expect(f, `${grid}`).toBeLessThanOrEqual(page / 5);
      expect(label, `${grid}`).toBeGreaterThanOrEqual(page * 0.4);
    }
  });

  it('keeps a label with markup characters as typed, dropping only what XML cannot hold', async () => {
    const file = await exportDocx(['dropout'], { ...RANGE, pathway: 'all' });
    const doc = readDocx(Buffer.from(file.base64, 'base64'));
    expect(doc.tables[0]!.rows.map((r) => r[0])).toContain(HOSTILE_LABEL);
  });
});

const missing = officeMissing();
if (missing) console.warn(`Skipping the Word file's LibreOffice check: ${missing}.`);

describe.skipIf(missing)('Save as Word, opened in LibreOffice Writer', () => {
  it('opens every file with each table, its header row repeating, and every figure as written', async (ctx) => {
    const dir = tempDir('ff-docx-');
    writeFileSync(join(dir, 'control.txt'), 'A text document, which only Writer opens.\n');
    const saved = new Map<string, { reports: Report[]; doc: ReadDocx }>();
    for (const c of CASES) {
      const bytes = Buffer.from((await exportDocx(c.tables, c.options)).base64, 'base64');
      writeFileSync(join(dir, `${c.name}.docx`), bytes);
      const reports = await Promise.all(
        c.tables.map((table) => app.call('reports.getTable', { table, options: c.options })),
      );
      saved.set(c.name, { reports, doc: readDocx(bytes) });
    }
    const out = join(dir, 'odt');
    const run = soffice(
      [
        '--convert-to',
        'odt',
        '--outdir',
        out,
        join(dir, 'control.txt'),
        ...CASES.map((c) => join(dir, `${c.name}.docx`)),
      ],
      join(dir, 'profile'),
    );
    expect(run.status, run.stderr).toBe(0);
    // A LibreOffice with Calc alone (Debian's libreoffice-calc-nogui) loads no text document at all.
    if (!existsSync(join(out, 'control.odt'))) {
      console.warn(
        "Skipping the Word file's LibreOffice check: Writer is not installed (libreoffice-writer-nogui).",
      );
      return ctx.skip();
    }
    for (const c of CASES) {
      const odt = unzip(readFileSync(join(out, `${c.name}.odt`)));
      const content = parseXml(odt.get('content.xml')!.toString('utf8'));
      const { reports, doc } = saved.get(c.name)!;
      // Writer's tables are the Word file's, one for one (a wide table's runs of columns each one).
      const raw: WordTable[] = odfTables(content);
      expect(
        raw.map((t) => t.rows),
        c.name,
      ).toEqual(doc.rawTables.map((t) => t.rows));
      const tables = joinContinued(
        raw,
        doc.rawTables.map((t) => t.caption),
      );
      const wanted = reports.flatMap(expectedTables);
      expect(
        tables.map((t) => t.rows),
        c.name,
      ).toEqual(wanted.map((t) => t.rows));
      for (const t of tables) expect(t.headerRows, c.name).toEqual([0]);
      const text = odt.get('content.xml')!.toString('utf8');
      for (const r of reports) expect(text, c.name).toContain(`>Period: ${r.period}<`);
      // The day it was made, as the test's clock sets it, dd/mm/yyyy.
      expect(text, c.name).toContain('>Produced on 26/11/2026<');
      // The wide quarterly table's page is landscape in Writer too.
      const styles = odt.get('styles.xml')!.toString('utf8') + text;
      expect(/style:print-orientation="landscape"/.test(styles), c.name).toBe(
        ['funnel-quarterly', 'funnel-five-years-quarterly', 'all-tables'].includes(c.name),
      );
    }
  }, 300_000);
});
