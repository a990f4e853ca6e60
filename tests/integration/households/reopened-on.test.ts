import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * A closure's "re-opened on" date is the date the household enquired again: the new episode's
 * enquiry. Corrected later, by hand or by a later export, the closure's date follows it (the record
 * and its timeline said otherwise), and undoing the import puts it back.
 */
const TODAY = '2026-11-26';

const reopenedOn = async (app: TestApp, id: number) =>
  (await app.call('households.getHousehold', { id })).closures.map((c) => c.reopenedOn);

async function reopened(app: TestApp): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference: 'R1',
    enquiryDate: '2025-01-10',
    surname: 'Reed',
    confirmDuplicates: true,
  });
  await app.call('households.closeHousehold', {
    id,
    date: '2025-03-01',
    reasonKey: 'lost_contact',
    endedBy: 'lost_contact',
    notes: null,
  });
  await app.call('households.reopenHousehold', { id, enquiryDate: '2025-06-01', notes: null });
  expect(await reopenedOn(app, id)).toEqual(['2025-06-01']);
  return id;
}

describe('the re-opened on date follows the new episode’s enquiry', () => {
  it('corrected by hand (later or earlier), with its entry in the timeline', async () => {
    const app = await testApp({ today: TODAY });
    const id = await reopened(app);
    await app.call('households.correctMilestone', {
      id,
      kind: 'enquiry',
      date: '2025-06-15',
      reason: 'Typed the wrong day',
    });
    expect(await reopenedOn(app, id)).toEqual(['2025-06-15']);
    await app.call('households.correctMilestone', {
      id,
      kind: 'enquiry',
      date: '2025-05-20',
      reason: 'Again',
    });
    expect(await reopenedOn(app, id)).toEqual(['2025-05-20']);
    const timeline = (await app.call('households.getTimeline', { id })).map((e) => e.summary);
    expect(timeline).toContain('Re-opened date corrected: 15/06/2025 → 20/05/2025');
  });

  it('corrected by a later export, and put back by undoing that import', async () => {
    const app = await testApp({ today: TODAY });
    const id = await reopened(app);
    const file = writeWorkbook(join(app.dir, 'export.xlsx'), {
      Sheet1: [
        ['Reference', 'Surname', 'Enquiry Date'],
        ['R1', 'Reed', '15/06/2025'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: true,
    });
    expect(r).toMatchObject({ updated: 1, errors: [] });
    expect(await reopenedOn(app, id)).toEqual(['2025-06-15']);
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(await reopenedOn(app, id)).toEqual(['2025-06-01']);
  });
});
