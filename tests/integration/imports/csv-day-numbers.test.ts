import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewOf, testApp } from '../../support/temp.ts';
import { milestonesOf, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * A CSV's date cell holding a bare number ("46100") is a date a spreadsheet wrote out with its cell
 * unformatted, or a slip: it is read as Excel's day number (19/03/2026), as before, but no longer
 * without a word. The import says so once for each such column (how many cells, the first, and
 * the date it was read as), on the preview and in the result, not once a row. A workbook stores
 * its dates as day numbers, so its date cells bring no such note.
 */

const note = (column: string, cells: string, first: string, read: string) =>
  ({ row: null, column: null, message: `enquiries.csv, ${column}: ${cells} ${first}. ${read}` }) as const;

const ENQUIRY_NOTE = note(
  'column B ("Enquiry date")',
  '1,250 cells hold day numbers, not dates',
  '(the first at row 2: 46100)',
  "They were read as Excel's day numbers (46100 = 19/03/2026), as a spreadsheet writes a date whose cell is not formatted as one: check them.",
);
const EOI_NOTE = note(
  'column D ("EOI date")',
  '1 cell holds a day number, not a date',
  '(row 6: 46120.5)',
  "It was read as Excel's day number (46120.5 = 08/04/2026), as a spreadsheet writes a date whose cell is not formatted as one: check it.",
);

describe('day numbers in a CSV date column', () => {
  it('are read as Excel day numbers and said once a column, on the preview, the result and a re-import', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const lines = ['Reference,Enquiry date,Surname,EOI date'];
    for (let i = 1; i <= 1250; i++)
      lines.push(`E${i},46100,Surname${i},${i === 5 ? ' 46120.5 ' : i % 2 ? '20/04/2026' : ''}`);
    // A written date in the column is read as it always was, and not counted.
    lines.push('E1251,19/03/2026,Last,');
    const csv = join(app.dir, 'enquiries.csv');
    writeFileSync(csv, lines.join('\r\n') + '\r\n');

    const preview = await previewOf(app, csv);
    expect(preview.counts).toMatchObject({ rows: 1251, new: 1251, rejected: 0 });
    expect(preview.warnings).toEqual([ENQUIRY_NOTE, EOI_NOTE]);
    expect(preview.warningCount).toBe(2);

    const result = await app.call('imports.importFile', { path: csv });
    expect(result).toMatchObject({ new: 1251, rejected: 0, warnings: [ENQUIRY_NOTE, EOI_NOTE] });
    expect(milestonesOf(app.ctx.store.db, 'E5')).toEqual({ enquiry: '2026-03-19', eoi: '2026-04-08' });
    expect(milestonesOf(app.ctx.store.db, 'E1251')).toEqual({ enquiry: '2026-03-19' });

    // Imported again, one row changed: a row an import marked is skipped unread, which left the
    // count at the twenty rows a preview always reads; a row with a day number keeps no mark.
    writeFileSync(
      csv,
      lines.join('\r\n').replace('E1251,19/03/2026,Last,', 'E1251,20/03/2026,Last,') + '\r\n',
    );
    const again = await previewOf(app, csv);
    expect(again.counts).toMatchObject({ rows: 1251, updated: 1, unchanged: 1250 });
    expect(again.warnings).toEqual([ENQUIRY_NOTE, EOI_NOTE]);
  }, 120_000);

  it('do not come from a workbook: its date cells, and its unformatted day numbers, bring no note', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const xlsx = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry date', 'Surname', 'EOI date'],
        ['W1', xlDate('2026-03-18'), 'Ash', xlDate('2026-04-07')],
        ['W2', xlDate('2026-03-19'), 'Bell', 46120],
        ['W3', 46100, 'Cole', null],
      ],
    });
    const preview = await previewOf(app, xlsx);
    expect(preview.counts).toMatchObject({ rows: 3, new: 3, rejected: 0 });
    expect(preview.warnings).toEqual([]);
    const result = await app.call('imports.importFile', { path: xlsx });
    expect(result).toMatchObject({ new: 3, warnings: [] });
    expect(milestonesOf(app.ctx.store.db, 'W3')).toEqual({ enquiry: '2026-03-19' });
  }, 120_000);
});
