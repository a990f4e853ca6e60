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

  it('keeps only households placed with under reg 24 as connected persons where the service chooses so', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const kinship = async (surname: string, steps: Array<[string, string]>, closed: string) => {
      const h = await app.call('households.createHousehold', {
        pathway: 'kinship',
        enquiryDate: '2019-03-01',
        firstName: 'Kim',
        surname,
      });
      for (const [kind, date] of steps)
        await app.call('households.recordJourneyDate', {
          id: h.id,
          kind: kind as never,
          date,
          ...(kind === 'viability_outcome' ? { result: 'negative' } : {}),
        });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: closed,
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      return h.reference;
    };
    // A kinship enquiry that went no further; one whose viability request (its application, as
    // Settings count it by default) came to nothing; one a child was placed with under reg 24.
    const enquired = await kinship('Enquired', [], '2019-04-01');
    const assessed = await kinship(
      'Assessed',
      [
        ['viability_request', '2019-03-02'],
        ['viability_outcome', '2019-04-20'],
      ],
      '2020-05-01',
    );
    const placed = await kinship('Placed', [['reg24_placement', '2019-03-05']], '2019-06-01');
    const due = async () =>
      (await app.call('data.listPurgeDue', {})).households.map((d) => [d.reference, d.rule, d.dueFrom]);

    // By default every kinship household is a connected person: none is due before 2029.
    expect(await due()).toEqual([]);
    expect((await app.call('data.getSettings', {})).connectedPersons).toBe('kinship_pathway');

    const saved = await app.call('data.saveSettings', { connectedPersons: 'reg24_placement' });
    expect(saved.connectedPersons).toBe('reg24_placement');
    expect(
      app.ctx.store.db
        .prepare("SELECT old_value, new_value FROM audit_log WHERE entity = 'settings' AND field = ?")
        .all('retention.connectedPersons'),
    ).toEqual([{ old_value: '"kinship_pathway"', new_value: '"reg24_placement"' }]);
    // Now the enquirer keeps 1 year and the applicant 3; the placed household still 10.
    expect(await due()).toEqual([
      [enquired, 'enquirer', '2020-04-01'],
      [assessed, 'applicant', '2023-05-01'],
    ]);
    expect((await app.call('data.listPurgeDue', {})).connectedPersons).toBe('reg24_placement');
    expect((await due()).map(([ref]) => ref)).not.toContain(placed);
    await expect(
      app.call('data.saveSettings', { connectedPersons: 'everyone' as never }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'connectedPersons' });

    // And back: the default keeps them all again.
    await app.call('data.saveSettings', { connectedPersons: 'kinship_pathway' });
    expect(await due()).toEqual([]);
  });
});
