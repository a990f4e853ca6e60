import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/** A kinship enquiry placed with under reg 24, that then moved to mainstream and withdrew. */
async function placedThenMainstream(app: TestApp, year: number) {
  const h = await app.call('households.createHousehold', {
    pathway: 'kinship',
    enquiryDate: `${year}-03-01`,
    firstName: 'Kit',
    surname: `Placed${year}`,
  });
  await app.call('households.recordJourneyDate', {
    id: h.id,
    kind: 'viability_request',
    date: `${year}-03-02`,
  });
  await app.call('households.recordJourneyDate', {
    id: h.id,
    kind: 'reg24_placement',
    date: `${year}-03-05`,
  });
  await app.call('households.switchPathway', { id: h.id, pathway: 'mainstream', date: `${year}-06-01` });
  await app.call('households.closeHousehold', {
    id: h.id,
    date: `${year + 1}-01-10`,
    reasonKey: 'other',
    endedBy: 'applicant',
  });
  return h;
}

describe('which retention rule a household is kept under', () => {
  it('a connected person placed with under reg 24 stays 10 years, even once the household moved to mainstream (reg 32(2))', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const recent = await placedThenMainstream(app, 2019);
    const old = await placedThenMainstream(app, 2015);
    // A kinship enquiry of an earlier episode: the household re-enquired as mainstream.
    const earlier = await app.call('households.createHousehold', {
      pathway: 'kinship',
      enquiryDate: '2018-01-05',
      firstName: 'Kay',
      surname: 'Earlier',
    });
    const close = (date: string) =>
      app.call('households.closeHousehold', {
        id: earlier.id,
        date,
        reasonKey: 'other',
        endedBy: 'applicant',
      });
    await close('2018-02-01');
    await app.call('households.reopenHousehold', { id: earlier.id, enquiryDate: '2019-05-01' });
    await app.call('households.switchPathway', { id: earlier.id, pathway: 'mainstream', date: '2019-05-01' });
    await close('2019-06-01');

    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.map((d) => [d.reference, d.rule, d.endedOn, d.dueFrom])).toEqual([
      [old.reference, 'connected_person', '2016-01-10', '2026-01-10'],
    ]);
    expect(due.households.map((d) => d.reference)).not.toContain(recent.reference);
  });

  it('a period counted from 29 February ends on 1 March in a year without one, never a day short', async () => {
    const dueOn = async (today: string) => {
      const app = await testApp({ today });
      const h = await app.call('households.createHousehold', {
        pathway: 'mainstream',
        enquiryDate: '2024-02-01',
        firstName: 'Lee',
        surname: 'Leap',
      });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: '2024-02-29',
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      const due = await app.call('data.listPurgeDue', {});
      return due.households.map((d) => [d.rule, d.endedOn, d.dueFrom]);
    };
    // An enquirer: 1 year after the closure (and the 2024/25 year end passes on the way).
    expect(await dueOn('2025-02-28')).toEqual([]);
    expect(await dueOn('2025-03-01')).toEqual([['enquirer', '2024-02-29', '2025-03-01']]);
  });
});
