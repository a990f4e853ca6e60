import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { household, milestonesOf } from './fixtures.ts';

/**
 * A CRM export lists a household again when it takes a later step: the same reference on a second
 * row with the EOI (or Stage 1) filled in and every other cell as before. That is one household at
 * its later step, not two rows that contradict each other: a blank no more erases within a file
 * than a later file's blank does. Rows that give different values are still refused.
 */
const TODAY = '2026-12-01';

describe('the same household again with a later step, in one file', () => {
  it('is read as one household from its fullest row, saying so, and refuses rows that differ', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const path = join(app.dir, 'week49.csv');
    writeFileSync(
      path,
      [
        'Reference,Enquiry date,Surname,EOI date,Stage 1 start',
        'ENQ-2001,02/11/2026,Green,,',
        'ENQ-2002,03/11/2026,Hill,,',
        'ENQ-2001,02/11/2026,Green,09/11/2026,',
        'ENQ-2002,03/11/2026,Hill,10/11/2026,20/11/2026',
        'ENQ-2002,03/11/2026,Hill,10/11/2026,',
        'ENQ-2003,04/11/2026,Ince,12/11/2026,',
        'ENQ-2003,04/11/2026,Ince,13/11/2026,',
      ].join('\r\n'),
    );
    const r = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ new: 2, duplicates: 3, rejected: 2 });
    expect(milestonesOf(db, 'ENQ-2001')).toEqual({ enquiry: '2026-11-02', eoi: '2026-11-09' });
    expect(milestonesOf(db, 'ENQ-2002')).toEqual({
      enquiry: '2026-11-03',
      eoi: '2026-11-10',
      stage1: '2026-11-20',
    });
    expect(r.warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [
        4,
        'Reference',
        'Reference ENQ-2001 is also on row 2, which gives nothing row 4 does not: read as one household, from row 4.',
      ],
      [
        5,
        'Reference',
        'Reference ENQ-2002 is also on rows 3 and 6, which give nothing row 5 does not: read as one household, from row 5.',
      ],
    ]);
    // Two EOI dates: the app cannot know which is right, so it still asks.
    expect(household(db, 'ENQ-2003')).toBeUndefined();
    expect(r.errors.map((e) => [e.row, e.message])).toEqual([
      [
        7,
        'Reference ENQ-2003 appears on rows 7, 8 with different values in EOI date: correct the file, the app will not guess.',
      ],
      [
        8,
        'Reference ENQ-2003 appears on rows 7, 8 with different values in EOI date: correct the file, the app will not guess.',
      ],
    ]);
    // The same file again changes nothing.
    const again = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: true,
      overwriteHand: false,
    });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
  });

  it('names a row repeated exactly, which the preview’s first rows may not show', async () => {
    const app = await testApp({ today: TODAY });
    const path = join(app.dir, 'week50.csv');
    const rows = ['Reference,Enquiry date,Surname'];
    for (let i = 1; i <= 24; i++)
      rows.push(`ENQ-7${String(i).padStart(3, '0')},${10 + (i % 9)}/11/2026,S${i}`);
    rows.push('ENQ-7003,13/11/2026,S3');
    writeFileSync(path, rows.join('\n'));
    const r = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: true,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ new: 24, duplicates: 1, rejected: 0 });
    expect(r.warnings).toEqual([
      {
        row: 26,
        column: 'Reference',
        message: 'Row 26 repeats row 4 (ENQ-7003) exactly: counted once, as a duplicate.',
      },
    ]);
  });
});
