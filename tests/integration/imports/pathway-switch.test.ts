import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS, REPORT_TABLES } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, writeWorkbook } from './fixtures.ts';
import { messages } from './reason-rows.ts';

/**
 * An export that puts a known household on another pathway says where it stands now, not since
 * when: the import records a switch dated the day of the import (as a hand switch is dated), so
 * every earlier year's tables keep the household on the pathway it was on; undo takes it back.
 */
const TODAY = '2026-11-26';
const HEADER = ['Reference', 'Surname', 'Enquiry Date', 'EOI Date', 'Stage 1', 'Approval Date', 'Pathway'];
const rows = (pathway: string) => [
  HEADER,
  ['P1', 'Ames', '01/05/2023', '01/06/2023', '01/07/2023', '01/03/2024', pathway],
  ['P2', 'Birch', '01/06/2024', '20/06/2024', null, null, 'Mainstream'],
];
// Tables whose years are complete before today (the forecasts look ahead from today, so are left out).
const TABLES = REPORT_TABLES.filter((t) => !t.startsWith('forecast'));

async function everyTable(app: TestApp): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const table of TABLES)
    for (const pathway of REPORT_PATHWAYS)
      out.push(
        await app.call('reports.getTable', { table, options: { from: '2022/23', to: '2025/26', pathway } }),
      );
  return out;
}

const importFile = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });

describe('an import that changes a household’s pathway', () => {
  it('switches it from the day of the import: earlier years stay as published, and undo takes it back', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    await importFile(app, writeWorkbook(join(app.dir, 'first.xlsx'), { Sheet1: rows('Mainstream') }));
    const before = await everyTable(app);

    const second = await importFile(
      app,
      writeWorkbook(join(app.dir, 'second.xlsx'), { Sheet1: rows('Kinship') }),
    );
    expect(second).toMatchObject({ updated: 1, unchanged: 1, rejected: 0 });
    expect(household(db, 'P1')).toMatchObject({ pathway: 'kinship' });
    expect(db.prepare('SELECT date, from_pathway, to_pathway FROM pathway_changes').all()).toEqual([
      { date: TODAY, from_pathway: 'mainstream', to_pathway: 'kinship' },
    ]);
    expect(await everyTable(app)).toEqual(before);

    await app.call('imports.undoImport', { batchId: second.batch! });
    expect(household(db, 'P1')).toMatchObject({ pathway: 'mainstream' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM pathway_changes').get()).toEqual({ n: 0 });
    expect(await everyTable(app)).toEqual(before);
  });

  // A carers register still listing a former carer under another pathway switched it on the day of
  // the import, after its cessation (found by a review): the record then showed a pathway it never
  // fostered on. A switch after a cessation is refused by hand and kept back, with a warning, by file.
  it('never switches a household after it ceased to foster, by file or by hand', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const header = [...HEADER, 'Deregistration Date', 'Reason for Deregistration'];
    const ceased = (pathway: string, dereg: string | null, reference = 'P1') => [
      header,
      [
        reference,
        'Ames',
        '01/05/2023',
        '01/06/2023',
        '01/07/2023',
        '01/03/2024',
        pathway,
        dereg,
        dereg && 'Retirement',
      ],
    ];
    await importFile(
      app,
      writeWorkbook(join(app.dir, 'a.xlsx'), { Sheet1: ceased('Mainstream', '30/09/2025') }),
    );
    const later = await importFile(
      app,
      writeWorkbook(join(app.dir, 'b.xlsx'), { Sheet1: ceased('Kinship', '30/09/2025') }),
    );
    expect(messages(later)).toContainEqual(
      'Kept the mainstream pathway: P1 ceased fostering on 30/09/2025: a pathway change after that, on 26/11/2026, cannot be recorded.',
    );
    expect(household(db, 'P1')).toMatchObject({ pathway: 'mainstream', status: 'ceased' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM pathway_changes').get()).toEqual({ n: 0 });

    // A cessation the row does not record (removed by hand) bounds nothing: the switch is made.
    const id = household(db, 'P1')!.id as number;
    await app.call('households.removeCessation', { id, reason: 'Recorded by mistake' });
    const removed = await importFile(
      app,
      writeWorkbook(join(app.dir, 'd.xlsx'), { Sheet1: ceased('Kinship', '30/09/2025') }),
    );
    expect(messages(removed).filter((m) => m.startsWith('Kept the'))).toEqual([]);
    expect(household(db, 'P1')).toMatchObject({ pathway: 'kinship', status: 'approved' });

    // Nor is a cessation dated before that change: it would be counted on the pathway it had left.
    const before = await importFile(
      app,
      writeWorkbook(join(app.dir, 'c.xlsx'), { Sheet1: ceased('Kinship', '31/10/2025') }),
    );
    expect(before).toMatchObject({ updated: 0, rejected: 1 });
    expect(before.errors.map((e) => e.message)).toEqual([
      'P1 changed pathway on 26/11/2026: a cessation before that, on 31/10/2025, cannot be recorded (correct the pathway change first).',
    ]);
    expect(household(db, 'P1')).toMatchObject({ pathway: 'kinship', status: 'approved' });

    // A row bringing a cessation and the other pathway at once is bounded by its own cessation.
    await importFile(
      app,
      writeWorkbook(join(app.dir, 'e.xlsx'), { Sheet1: ceased('Mainstream', null, 'P2') }),
    );
    const both = await importFile(
      app,
      writeWorkbook(join(app.dir, 'f.xlsx'), { Sheet1: ceased('Kinship', '31/10/2025', 'P2') }),
    );
    expect(messages(both).filter((m) => m.startsWith('Kept the'))).toEqual([
      'Kept the mainstream pathway: P2 ceased fostering on 31/10/2025: a pathway change after that, on 26/11/2026, cannot be recorded.',
    ]);
    expect(household(db, 'P2')).toMatchObject({ pathway: 'mainstream', status: 'ceased' });

    // Nor on the cessation's own day (an import the day it was recorded moved it to the other pathway).
    await importFile(
      app,
      writeWorkbook(join(app.dir, 'g.xlsx'), { Sheet1: ceased('Mainstream', '26/11/2026', 'P3') }),
    );
    const sameDay = await importFile(
      app,
      writeWorkbook(join(app.dir, 'h.xlsx'), { Sheet1: ceased('Kinship', '26/11/2026', 'P3') }),
    );
    expect(messages(sameDay).filter((m) => m.startsWith('Kept the'))).toEqual([
      'Kept the mainstream pathway: P3 ceased fostering on 26/11/2026: a pathway change on that day cannot be recorded.',
    ]);
    expect(household(db, 'P3')).toMatchObject({ pathway: 'mainstream', status: 'ceased' });

    // By hand it is refused, on the date.
    await expect(
      app.call('households.switchPathway', {
        id: household(db, 'P2')!.id as number,
        pathway: 'kinship',
        date: '2026-01-05',
      }),
    ).rejects.toMatchObject({
      field: 'date',
      message: expect.stringContaining('ceased fostering on 31/10/2025'),
    });
  });
});
