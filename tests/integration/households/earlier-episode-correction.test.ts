import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, writeWorkbook, xlDate } from '../imports/fixtures.ts';

/**
 * An earlier episode's dates (before the household enquired again) are history the reports count in
 * their own years; a typing error there is corrected by hand with a reason, as the current episode's
 * are: bounded by that episode's own closure and the one before it, never moving the current episode,
 * and leaving the current episode's provenance (what an import may overwrite) as it was.
 */
async function twoEpisodes(app: TestApp) {
  const { id } = await app.call('households.createHousehold', {
    reference: 'H1',
    pathway: 'mainstream',
    enquiryDate: '2024-01-10',
    surname: 'Twice',
    confirmDuplicates: true,
  });
  await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2024-03-20' });
  await app.call('households.closeHousehold', {
    id,
    date: '2024-06-01',
    reasonKey: 'lost_contact',
    endedBy: 'lost_contact',
  });
  await app.call('households.reopenHousehold', { id, enquiryDate: '2025-01-10', notes: null });
  await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2025-02-15' });
  return id;
}

const episodeRows = (app: TestApp, id: number) =>
  app.ctx.store.db
    .prepare('SELECT episode, enquiry, eoi FROM episodes WHERE household_id = ? ORDER BY episode')
    .all(id);

describe('correcting an earlier episode', () => {
  it('moves its date into the right year, with a reason the history keeps', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const id = await twoEpisodes(app);
    const sources = app.ctx.store.db
      .prepare("SELECT * FROM field_sources WHERE household_id = ? AND field = 'eoi'")
      .all(id);
    const rec = await app.call('households.correctMilestone', {
      id,
      kind: 'eoi',
      date: '2024-04-05',
      reason: 'Typed March for April',
      episode: 1,
    });
    expect(rec.milestones.filter((m) => m.kind === 'eoi').map((m) => [m.episode, m.date])).toEqual([
      [1, '2024-04-05'],
      [2, '2025-02-15'],
    ]);
    // The episodes record the reports read: 2023/24 loses the EOI, 2024/25 gains it.
    expect(episodeRows(app, id)).toEqual([
      { episode: 1, enquiry: '2024-01-10', eoi: '2024-04-05' },
      { episode: 2, enquiry: '2025-01-10', eoi: '2025-02-15' },
    ]);
    expect(rec.stage).toBe('eoi');
    expect(rec.status).toBe('open');
    const timeline = await app.call('households.getTimeline', { id });
    expect(timeline.filter((t) => t.entity === 'milestone' && t.action === 'update')).toMatchObject([
      {
        field: 'eoi',
        oldValue: '2024-03-20',
        newValue: { date: '2024-04-05', episodeEnquiry: '2024-01-10' },
        reason: 'Typed March for April',
        summary:
          'EOI / application (enquiry of 10/01/2024) corrected: 20/03/2024 → 05/04/2024 – Typed March for April',
      },
    ]);
    // The current episode's EOI keeps its provenance: an import may still correct it.
    expect(
      app.ctx.store.db
        .prepare("SELECT * FROM field_sources WHERE household_id = ? AND field = 'eoi'")
        .all(id),
    ).toEqual(sources);
  });

  it('is bounded by that episode’s closure, and an episode it does not have is refused', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const id = await twoEpisodes(app);
    const before = episodeRows(app, id);
    await expect(
      app.call('households.correctMilestone', {
        id,
        kind: 'eoi',
        date: '2024-06-02',
        reason: 'x',
        episode: 1,
      }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: expect.stringContaining('01/06/2024'),
    });
    await expect(
      app.call('households.correctMilestone', {
        id,
        kind: 'eoi',
        date: '2024-04-02',
        reason: 'x',
        episode: 3,
      }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'episode', message: 'H1 has no episode 3.' });
    await expect(
      app.call('households.correctMilestone', {
        id,
        kind: 'stage1',
        date: '2024-04-02',
        reason: 'x',
        episode: 1,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(episodeRows(app, id)).toEqual(before);
  });

  it('keeps each pathway change in its episode: an enquiry is not moved past one, now or in history', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H2',
      pathway: 'mainstream',
      enquiryDate: '2024-01-10',
      surname: 'Switch',
      confirmDuplicates: true,
    });
    // Switched within its first episode, then, re-enquiring, on the day of its second enquiry.
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2024-01-15' });
    await app.call('households.closeHousehold', {
      id,
      date: '2024-06-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2025-01-10', notes: null });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2025-01-10' });
    const before = app.ctx.store.db
      .prepare('SELECT * FROM episodes WHERE household_id = ? ORDER BY episode')
      .all(id);
    await expect(
      app.call('households.correctMilestone', {
        id,
        kind: 'enquiry',
        date: '2024-01-20',
        reason: 'x',
        episode: 1,
      }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message:
        'Enquiry date 20/01/2024 is after the pathway change on 15/01/2024, which would then fall outside its episode.',
    });
    await expect(
      app.call('households.correctMilestone', { id, kind: 'enquiry', date: '2025-01-12', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'rule_violation', message: expect.stringContaining('on 10/01/2025') });
    expect(
      app.ctx.store.db.prepare('SELECT * FROM episodes WHERE household_id = ? ORDER BY episode').all(id),
    ).toEqual(before);
    // On or before the change, the correction is taken.
    await app.call('households.correctMilestone', {
      id,
      kind: 'enquiry',
      date: '2024-01-15',
      reason: 'x',
      episode: 1,
    });
  });

  it('an import row moving the enquiry past a pathway change is refused, naming its row and column', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const file = (name: string, enquiry: string) =>
      writeWorkbook(join(app.dir, name), {
        S: [
          ['Reference', 'Enquiry Date', 'Surname'],
          ['M1', xlDate(enquiry), 'Moved'],
        ],
      });
    const run = (path: string) =>
      app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
    await run(file('first.xlsx', '2025-03-03'));
    const id = household(app.ctx.store.db, 'M1')!.id as number;
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-03-10' });
    const result = await run(file('moved.xlsx', '2025-03-12'));
    expect(result.errors).toMatchObject([
      {
        row: 2,
        message: expect.stringContaining('is after the pathway change on 10/03/2025'),
      },
    ]);
    expect((await app.call('households.getHousehold', { id })).enquiryDate).toBe('2025-03-03');
  });
});
