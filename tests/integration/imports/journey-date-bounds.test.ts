import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * Imports here run in the test's own process (the app's fallback when no worker can start): the
 * rule is the plan's, the same code either way, and forking a worker for each of these eleven
 * imports cost ~0.9 s of CPU apiece (the file: ~13 s of CPU to ~2.6 s, measured). Imports through
 * the worker: imports/jobs-and-cli.test.ts.
 */
const WORKER = 'FOSTERING_FUNNEL_IMPORT_WORKER';
beforeEach(() => {
  vi.stubEnv(WORKER, 'off');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/**
 * An import row moves a milestone as a hand edit does, under the same engine rule: not past the
 * dated steps that follow from it (the panel past its minutes, the enquiry past the reg 24
 * placement). It stored both silently while the record's screen refused them.
 */
describe('an import row moving a milestone past the steps that follow from it', () => {
  it('is refused, naming row, column and both dates, and leaves the record as it was', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    const idOf = (ref: string) =>
      db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(ref) as number;
    const milestones = (ref: string) =>
      db.prepare('SELECT kind, date FROM milestones WHERE household_id = ? ORDER BY kind').all(idOf(ref));

    const H = 'Reference,Enquiry date,First name,Surname,EOI date,Stage 1 date,Stage 2 date,Panel date\r\n';
    await app.call('imports.importFile', {
      path: app.file('a.csv', `${H}R1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,01/03/2024,01/06/2024\r\n`),
    });
    await app.call('households.recordJourneyDate', {
      id: idOf('R1'),
      kind: 'panel_minutes',
      date: '2024-06-10',
    });
    const panelBefore = milestones('R1');
    const moved = await app.call('imports.importFile', {
      path: app.file('b.csv', `${H}R1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,01/03/2024,20/06/2024\r\n`),
    });
    expect(moved).toMatchObject({ updated: 0, rejected: 1 });
    expect(moved.errors).toEqual([
      {
        row: 2,
        column: 'Panel date',
        message: expect.stringContaining(
          'Panel date 20/06/2024 is after the panel minutes received date 10/06/2024',
        ),
      },
    ]);
    expect(milestones('R1')).toEqual(panelBefore);
    // On or before the minutes, the same row's correction lands.
    const fine = await app.call('imports.importFile', {
      path: app.file('c.csv', `${H}R1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,01/03/2024,08/06/2024\r\n`),
    });
    expect(fine).toMatchObject({ updated: 1, rejected: 0 });

    // A row moving the panel and its minutes together is in order as it leaves them: it lands.
    const M = `${H.trimEnd()},Panel minutes received\r\n`;
    await app.call('imports.importFile', {
      path: app.file(
        'f.csv',
        `${M}R2,01/11/2023,Bo,Ray,01/12/2023,01/01/2024,01/03/2024,01/06/2024,10/06/2024\r\n`,
      ),
    });
    const both = await app.call('imports.importFile', {
      path: app.file(
        'g.csv',
        `${M}R2,01/11/2023,Bo,Ray,01/12/2023,01/01/2024,01/03/2024,20/06/2024,25/06/2024\r\n`,
      ),
    });
    expect(both).toMatchObject({ updated: 1, rejected: 0, errors: [] });
    expect(milestones('R2')).toContainEqual({ kind: 'panel', date: '2024-06-20' });
    // Minutes typed by hand stay (the row's are not taken without "overwrite"), so the same move is refused.
    const kept = await app.call('imports.importFile', {
      path: app.file(
        'h.csv',
        `${M}R1,01/11/2023,Ann,Lee,01/12/2023,01/01/2024,01/03/2024,20/06/2024,25/06/2024\r\n`,
      ),
    });
    expect(kept).toMatchObject({ updated: 0, rejected: 1 });
    expect(kept.errors[0]!.message).toContain('after the panel minutes received date 10/06/2024');

    const K = 'Reference,Enquiry date,First name,Surname,Pathway\r\n';
    await app.call('imports.importFile', {
      path: app.file('d.csv', `${K}K1,01/05/2024,Kim,Kin,Connected person\r\n`),
    });
    await app.call('households.recordJourneyDate', {
      id: idOf('K1'),
      kind: 'reg24_placement',
      date: '2024-05-10',
    });
    const enquiry = await app.call('imports.importFile', {
      path: app.file('e.csv', `${K}K1,20/05/2024,Kim,Kin,Connected person\r\n`),
    });
    expect(enquiry).toMatchObject({ updated: 0, rejected: 1 });
    expect(enquiry.errors[0]).toMatchObject({
      row: 2,
      column: 'Enquiry date',
      message: expect.stringContaining(
        'Enquiry date 20/05/2024 is after the reg 24 placement (temporary approval) date 10/05/2024',
      ),
    });
    expect(milestones('K1')).toEqual([{ kind: 'enquiry', date: '2024-05-01' }]);
  });

  it('takes a kinship step dated while the episode was on kinship, after a switch to mainstream, as a hand edit does', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const K = 'Reference,Enquiry date,First name,Surname,Pathway,Reg 24 placement date\r\n';
    await app.call('imports.importFile', {
      path: app.file('a.csv', `${K}K2,01/05/2024,Kit,Kin,Connected person,10/05/2024\r\n`),
    });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'K2'")
      .pluck()
      .get() as number;
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-09-01' });
    const corrected = await app.call('imports.importFile', {
      path: app.file('b.csv', `${K}K2,01/05/2024,Kit,Kin,,12/05/2024\r\n`),
    });
    expect(corrected).toMatchObject({ updated: 1, rejected: 0, errors: [] });
    expect(
      app.ctx.store.db.prepare("SELECT date FROM journey_dates WHERE kind = 'reg24_placement'").pluck().get(),
    ).toBe('2024-05-12');
    // Dated after the switch, it is refused, naming the date, as by hand.
    const late = await app.call('imports.importFile', {
      path: app.file('c.csv', `${K}K2,01/05/2024,Kit,Kin,,02/09/2024\r\n`),
    });
    expect(late).toMatchObject({ updated: 0, rejected: 1 });
    expect(late.errors[0]!.message).toContain('this household was mainstream on 02/09/2024');
  });
});
