import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { testApp } from '../../support/temp.ts';

/**
 * Nothing of an episode happens after it ends. By hand a closed or ceased household takes no new
 * dated step (re-open first), but an import row recorded one dated months after the closure, where
 * the record could not; and a closure or cessation could be dated before a step already recorded
 * (only the viability request bounded a closure). One rule now holds both ways, by hand and by file.
 */
const H =
  'Reference,Enquiry date,First name,Surname,EOI date,Stage 1 date,Date closed,Closure reason,Closed by';
const S1 = 'Stage 1 Information Complete';
const closedR1 = 'R1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,01/03/2024,Lost contact,Lost contact';

async function setup() {
  const app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  let n = 0;
  const imp = (text: string) => app.call('imports.importFile', { path: app.file(`f${++n}.csv`, text) });
  const steps = () => db.prepare('SELECT kind, date FROM journey_dates ORDER BY kind').all();
  return { app, db, imp, steps };
}

/** The file's one row is refused, at `column`, in the engine's words; nothing of it is stored. */
function expectRefused(r: ImportResult, column: string, message: string) {
  expect(r).toMatchObject({ new: 0, updated: 0, rejected: 1 });
  expect(r.errors).toEqual([{ row: 2, column, message }]);
}

describe("a dated step and the episode's ending", () => {
  it('an import row does not record a step dated after the standing closure; one dated before it lands', async () => {
    const { imp, steps } = await setup();
    await imp(`${H}\r\n${closedR1}\r\n`);

    const late = await imp(`${H},${S1}\r\n${closedR1},10/05/2024\r\n`);
    expectRefused(
      late,
      S1,
      'R1: Stage 1 information complete date 10/05/2024 is after the closure date 01/03/2024: nothing of the episode comes after it.',
    );
    expect(steps()).toEqual([]);

    const inTime = await imp(`${H},${S1}\r\n${closedR1},20/02/2024\r\n`);
    expect(inTime).toMatchObject({ updated: 1, rejected: 0 });
    expect(steps()).toEqual([{ kind: 'stage1_information', date: '2024-02-20' }]);

    // A row closing the episode before its own step is refused once, at the closure.
    const both = await imp(
      `${H},${S1}\r\nR2,01/11/2023,Bo,Ray,01/12/2023,01/01/2024,01/03/2024,Lost contact,Lost contact,10/05/2024\r\n`,
    );
    expectRefused(
      both,
      'Date closed',
      'R2: Closure date 01/03/2024 is before the Stage 1 information complete date 10/05/2024.',
    );
  });

  it('a file correcting a closure: refused past a step it did not pass; a step an earlier version stored after it does not hold it up', async () => {
    const { db, imp } = await setup();
    const closed = () => db.prepare('SELECT date FROM closures').pluck().all();
    const row = (closedOn: string) => `${H}\r\n${closedR1.replace('01/03/2024', closedOn)}\r\n`;
    await imp(row('01/03/2024'));
    const id = db.prepare("SELECT id FROM households WHERE reference = 'R1'").pluck().get() as number;
    // As an earlier version's import could store them: one step before the closure, one after it.
    const step = db.prepare(
      "INSERT INTO journey_dates (household_id, episode, kind, date, source) VALUES (?, 1, ?, ?, 'import')",
    );
    step.run(id, 'stage1_information', '2024-02-20');
    step.run(id, 'panel_minutes', '2024-05-10');

    expectRefused(
      await imp(row('10/02/2024')),
      'Date closed',
      'R1: Closure date 10/02/2024 is before the Stage 1 information complete date 20/02/2024.',
    );
    expect(closed()).toEqual(['2024-03-01']);
    const fixed = await imp(row('05/03/2024'));
    expect(fixed).toMatchObject({ updated: 1, rejected: 0 });
    expect(closed()).toEqual(['2024-03-05']);
  });

  it('by hand, a closure or cessation is not dated before a step the episode has', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const open = await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2024-01-10',
      surname: 'Lee',
    });
    await app.call('households.recordMilestone', { id: open.id, kind: 'stage1', date: '2024-03-01' });
    await app.call('households.recordJourneyDate', {
      id: open.id,
      kind: 'stage1_information',
      date: '2024-05-01',
    });
    await expect(
      app.call('households.closeHousehold', {
        id: open.id,
        date: '2024-04-01',
        reasonKey: 'circumstances',
        endedBy: 'applicant',
      }),
    ).rejects.toThrow('Closure date 01/04/2024 is before the Stage 1 information complete date 01/05/2024.');
    await app.call('households.closeHousehold', {
      id: open.id,
      date: '2024-05-02',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });

    const carer = await app.call('households.createHousehold', {
      reference: 'H2',
      enquiryDate: '2023-01-10',
      surname: 'Ray',
    });
    for (const [kind, date] of [
      ['stage1', '2023-03-01'],
      ['stage2', '2023-06-01'],
      ['panel', '2023-10-01'],
      ['approval', '2023-10-05'],
    ] as const)
      await app.call('households.recordMilestone', { id: carer.id, kind, date });
    await app.call('households.recordJourneyDate', {
      id: carer.id,
      kind: 'panel_minutes',
      date: '2023-10-20',
    });
    await expect(
      app.call('households.ceaseHousehold', {
        id: carer.id,
        date: '2023-10-10',
        reasonKey: 'transfer_ifa',
        initiatedBy: 'service',
      }),
    ).rejects.toThrow('Cessation date 10/10/2023 is before the panel minutes received date 20/10/2023.');
  });
});

/** The reviewer's cases: rows that change the ending while bringing a step, and a merge. */
describe('a row that changes the ending, and a merge', () => {
  it('a step after the closure is refused when the row also restates or moves the closure', async () => {
    const { imp, steps } = await setup();
    await imp(`${H}\r\n${closedR1}\r\n`);
    // Another reason (and who ended it), same date; then a later date: each with a step after it.
    for (const closure of ['01/03/2024,Other,Applicant', '01/04/2024,Lost contact,Lost contact']) {
      const r = await imp(
        `${H},${S1}\r\nR1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,${closure},10/05/2024\r\n`,
      );
      expectRefused(
        r,
        'Date closed',
        `R1: Closure date ${closure.slice(0, 10)} is before the Stage 1 information complete date 10/05/2024.`,
      );
    }
    expect(steps()).toEqual([]);
  });

  it('a cessation a file adds or moves is held to the steps stored and brought', async () => {
    const { imp, steps } = await setup();
    const C = 'Reference,Enquiry date,Surname,Stage 1 start,Stage 2 start,Panel date,Approval date';
    const approved = 'R1,01/01/2023,Lee,01/03/2023,01/06/2023,01/10/2023,05/10/2023';
    await imp(`${C},Panel minutes received\r\n${approved},20/10/2023\r\n`);
    const added = await imp(
      `${C},Deregistration date,Reason for leaving\r\n${approved},10/10/2023,Retirement\r\n`,
    );
    expectRefused(
      added,
      'Deregistration date',
      'R1: Cessation date 10/10/2023 is before the panel minutes received date 20/10/2023.',
    );
    const R2 = 'R2,01/01/2023,Ray,01/03/2023,01/06/2023,01/10/2023,05/10/2023';
    await imp(`${C},Deregistration date,Reason for leaving\r\n${R2},01/06/2024,Retirement\r\n`);
    const moved = await imp(
      `${C},Deregistration date,Reason for leaving,Panel minutes received\r\n${R2},10/10/2023,Retirement,20/10/2023\r\n`,
    );
    expectRefused(
      moved,
      'Deregistration date',
      'R2: Cessation date 10/10/2023 is before the panel minutes received date 20/10/2023.',
    );
    expect(steps()).toEqual([{ kind: 'panel_minutes', date: '2023-10-20' }]);

    // A new household's row: its cessation is asked of the engine with its own steps, as a known one's.
    const fresh = await imp(
      `${C},Deregistration date,Reason for leaving,Panel minutes received\r\nR3,01/01/2023,Ko,01/03/2023,01/06/2023,01/10/2023,05/10/2023,10/10/2023,Retirement,20/10/2023\r\n` +
        'R4,01/01/2023,Ng,01/03/2023,,,,10/10/2023,Retirement,\r\n',
    );
    expect(fresh).toMatchObject({ new: 0, rejected: 2 });
    expect(fresh.errors).toEqual([
      {
        row: 2,
        column: 'Deregistration date',
        message: expect.stringContaining(
          'Cessation date 10/10/2023 is before the panel minutes received date 20/10/2023.',
        ),
      },
      {
        row: 3,
        column: 'Deregistration date',
        message: 'R4 has no approval date, so it cannot cease to foster.',
      },
    ]);
  });

  it('a row that only moves the stage of a standing closure still holds its steps to it', async () => {
    const { imp, steps } = await setup();
    const K = 'Reference,Enquiry date,Surname,Pathway,Date closed,Closure reason,Closed by';
    await imp(`${K}\r\nK1,01/01/2024,Lee,Kinship,01/03/2024,Lost contact,Lost contact\r\n`);
    const r = await imp(
      `${K},Viability assessment requested,Viability outcome date,Viability outcome\r\nK1,01/01/2024,Lee,Kinship,01/03/2024,Lost contact,Lost contact,01/02/2024,01/05/2024,Negative\r\n`,
    );
    expectRefused(
      r,
      'Viability outcome date',
      'K1: Viability outcome date 01/05/2024 is after the closure date 01/03/2024: nothing of the episode comes after it.',
    );
    expect(steps()).toEqual([]);
  });

  it('a merge is not refused over a step an earlier version stored after the duplicate’s closure', async () => {
    const { app, db, imp } = await setup();
    await imp(`${H}\r\n${closedR1.replace('R1', 'D1')}\r\nK1,01/11/2023,Ann,Lee,,,,,\r\n`);
    const id = (ref: string) =>
      db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(ref) as number;
    db.prepare(
      "INSERT INTO journey_dates (household_id, episode, kind, date, source) VALUES (?, 1, 'stage1_information', '2024-05-10', 'import')",
    ).run(id('D1'));
    await app.call('households.mergeHouseholds', { id: id('K1'), mergeReference: 'D1', reason: 'same' });
    expect(db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(1);
  });
});
