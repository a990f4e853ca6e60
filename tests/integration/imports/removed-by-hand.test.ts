import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from './fixtures.ts';

/**
 * A re-import never overwrites what was typed by hand: that includes a date removed by hand (an
 * EOI entered on the wrong household, say). The file that carried it does not put it back.
 */
const TODAY = '2026-11-26';
const FILE = [
  ['Reference', 'Surname', 'Enquiry Date', 'EOI Date'],
  ['R1', 'Reed', '01/05/2025', '01/06/2025'],
];
const importFile = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

describe('what the hand removed', () => {
  it('a milestone date is not put back by re-importing the file that carried it, unless told to overwrite', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'enquiries.xlsx'), { Sheet1: FILE });
    await importFile(app, file);
    const db = app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'R1'").pluck().get() as number;
    await app.call('households.removeMilestone', { id, kind: 'eoi', reason: 'Belongs to another family' });
    const eoi = () =>
      db.prepare("SELECT date FROM milestones WHERE household_id = ? AND kind = 'eoi'").pluck().get(id);

    const again = await importFile(app, file);
    expect(eoi()).toBeUndefined();
    expect(again.warnings.map((w) => w.message).join('\n')).toContain('removed by hand');

    await importFile(app, file, true);
    expect(eoi()).toBe('2025-06-01');
  });

  it('is recorded for a later episode: a re-enquiry starts without the old episode’s dates', async () => {
    const app = await testApp({ today: TODAY });
    await importFile(app, writeWorkbook(join(app.dir, 'first.xlsx'), { Sheet1: FILE }));
    const db = app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'R1'").pluck().get() as number;
    await app.call('households.removeMilestone', { id, kind: 'eoi', reason: 'Wrong family' });
    await app.call('households.closeHousehold', {
      id,
      date: '2025-07-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
      notes: null,
    });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2026-01-05', notes: null });
    const next = writeWorkbook(join(app.dir, 'next.xlsx'), {
      Sheet1: [FILE[0]!, ['R1', 'Reed', '05/01/2026', '01/02/2026']],
    });
    const r = await importFile(app, next);
    expect(r.warnings).toEqual([]);
    expect(
      db.prepare("SELECT episode, date FROM milestones WHERE household_id = ? AND kind = 'eoi'").all(id),
    ).toEqual([{ episode: 2, date: '2026-02-01' }]);
  });

  it('nor is a kinship step removed by hand (its viability request)', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'kinship.xlsx'), {
      Sheet1: [
        ['Reference', 'Surname', 'Enquiry Date', 'Pathway', 'Viability Request Date'],
        ['K1', 'Kerr', '01/05/2025', 'Kinship', '10/05/2025'],
      ],
    });
    await importFile(app, file);
    const db = app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'K1'").pluck().get() as number;
    const request = () =>
      db
        .prepare("SELECT date FROM journey_dates WHERE household_id = ? AND kind = 'viability_request'")
        .pluck()
        .get(id);
    expect(request()).toBe('2025-05-10');
    await app.call('households.removeJourneyDate', { id, kind: 'viability_request', reason: 'Not asked' });
    const again = await importFile(app, file);
    expect(request()).toBeUndefined();
    expect(again.warnings.map((w) => w.message).join('\n')).toContain('removed by hand');
  });

  it('nor a carer deleted by hand as entered by mistake', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Sheet1: [
        ['Reference', 'Surname', 'Enquiry Date', 'Approval Date', 'Carer 1 First Name', 'Carer 1 Surname'],
        ['A1', 'Ash', '01/05/2024', '01/03/2025', 'Alex', 'Ash'],
      ],
    });
    await importFile(app, file);
    const db = app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'A1'").pluck().get() as number;
    const carers = () =>
      db.prepare('SELECT first_name FROM household_people WHERE household_id = ?').pluck().all(id);
    expect(carers()).toEqual(['Alex']);
    const person = (await app.call('carers.getCarers', { householdId: id })).people[0]!;
    await app.call('carers.deletePerson', { householdId: id, id: person.id });
    const again = await importFile(app, file);
    expect(carers()).toEqual([]);
    expect(again.warnings.map((w) => w.message).join('\n')).toContain('carer 1 was deleted by hand');
  });
});
