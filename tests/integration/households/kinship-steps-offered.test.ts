import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * The record offers the kinship journey's steps wherever the core takes them: a household on the
 * kinship pathway, or one whose current episode was kinship before a switch to mainstream (a step
 * dated while it was kinship is taken), even before any step was recorded. A mainstream household
 * that never was kinship is not offered them, and the core refuses them.
 */
describe('which households the record offers the kinship steps', () => {
  it('follows the episode’s pathway record, not only the pathway now or the steps held', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const make = (reference: string, pathway: 'kinship' | 'mainstream') =>
      app.call('households.createHousehold', {
        reference,
        pathway,
        enquiryDate: '2025-03-03',
        surname: reference,
        confirmDuplicates: true,
      });
    const switched = await make('K1', 'kinship');
    await app.call('households.switchPathway', {
      id: switched.id,
      pathway: 'mainstream',
      date: '2025-06-02',
    });
    const mainstream = await make('M1', 'mainstream');
    const kinship = await make('K2', 'kinship');

    const offered = async (id: number) => (await app.call('households.getHousehold', { id })).followsKinship;
    expect(await offered(switched.id)).toBe(true);
    expect(await offered(kinship.id)).toBe(true);
    expect(await offered(mainstream.id)).toBe(false);

    // What is offered is taken: a request dated while the switched household was kinship.
    const rec = await app.call('households.recordJourneyDate', {
      id: switched.id,
      kind: 'viability_request',
      date: '2025-04-01',
    });
    expect(rec.journeyDates.map((j) => j.kind)).toEqual(['viability_request']);
    await expect(
      app.call('households.recordJourneyDate', {
        id: mainstream.id,
        kind: 'viability_request',
        date: '2025-04-01',
      }),
    ).rejects.toMatchObject({ code: 'rule_violation' });
  });
});
