import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Alert due dates worked by hand at the edges the domain brief names: weekends and England and
 * Wales bank holidays, a month end and 29 February, 31 March / 1 April, a re-opened household's new
 * episode, and households that no longer alert. Every household is written through the contract;
 * the clock is the app's (26/11/2027).
 */
const TODAY = '2027-11-26';

async function household(app: TestApp, reference: string, enquiryDate: string) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    enquiryDate,
    surname: reference,
    confirmDuplicates: true,
  });
  return id;
}
const milestones = async (app: TestApp, id: number, dates: Array<[string, string]>) => {
  for (const [kind, date] of dates)
    await app.call('households.recordMilestone', { id, kind: kind as 'eoi', date });
};
const alerts = async (app: TestApp, id: number) =>
  (await app.call('households.getHousehold', { id })).alerts.map((a) => [a.kind, a.due]);

describe('alert due dates at the edges', () => {
  it('count working days over a weekend, and months to a month end and 29 February', async () => {
    const app = await testApp({ today: TODAY });
    // An enquiry on Saturday 20/11/2027: the first working day after it is Monday 22/11; five
    // working days on is Friday 26/11/2027.
    expect(await alerts(app, await household(app, 'W1', '2027-11-20'))).toEqual([
      ['respond', '2027-11-22'],
      ['initial_visit', '2027-11-26'],
    ]);
    // Stage 1 started 31/10/2026: 4 months on is the last day of February, 28/02/2027; 8 months to
    // panel is 30/06/2027 (there is no 31 June).
    const m = await household(app, 'M1', '2026-10-01');
    await milestones(app, m, [
      ['eoi', '2026-10-15'],
      ['stage1', '2026-10-31'],
    ]);
    expect(await alerts(app, m)).toEqual([
      ['stage1', '2027-02-28'],
      ['panel', '2027-06-30'],
    ]);
    // Over a leap year: Stage 1 from 31/10/2027 runs to 29/02/2028.
    const leap = await household(app, 'M2', '2027-10-01');
    await milestones(app, leap, [
      ['eoi', '2027-10-15'],
      ['stage1', '2027-10-31'],
    ]);
    expect(await alerts(app, leap)).toEqual([
      ['stage1', '2028-02-29'],
      ['panel', '2028-06-30'],
    ]);
  });

  it('over Christmas 2027, when Christmas Day and New Year’s Day fall on Saturdays', async () => {
    const app = await testApp({ today: '2028-01-10' });
    // An enquiry on Friday 24/12/2027: Monday 27 and Tuesday 28/12 are the substitute bank
    // holidays, as is Monday 03/01/2028: respond by Wednesday 29/12/2027; the initial visit's 5
    // working days are 29, 30, 31/12, 4 and 5/01/2028.
    expect(await alerts(app, await household(app, 'X1', '2027-12-24'))).toEqual([
      ['respond', '2027-12-29'],
      ['initial_visit', '2028-01-05'],
    ]);
  });

  it('the decision after panel over Easter and the financial year end; none once approved', async () => {
    const app = await testApp({ today: '2027-04-02' });
    const id = await household(app, 'D1', '2026-04-01');
    await milestones(app, id, [
      ['eoi', '2026-04-20'],
      ['stage1', '2026-05-04'],
      ['stage2', '2026-07-01'],
      ['panel', '2027-03-25'],
    ]);
    // Panel Thursday 25/03/2027, no minutes: Good Friday 26/03 and Easter Monday 29/03 are bank
    // holidays; 7 working days are 30, 31/03, 1, 2, 5, 6, 7/04: Wednesday 07/04/2027.
    const fromPanel = (await app.call('households.getHousehold', { id })).alerts;
    expect(fromPanel.map((a) => [a.kind, a.due])).toEqual([['decision', '2027-04-07']]);
    expect(fromPanel[0]!.label).toMatch(/from the panel date: minutes not recorded/);
    // The households list words its next alert as the record does.
    const listed = async () => (await app.call('households.listHouseholds', { search: 'D1' })).rows[0]!;
    expect((await listed()).nextAlertWords).toBe(fromPanel[0]!.label);
    // Minutes received Wednesday 31/03/2027, the year's last day: 1, 2, 5, 6, 7, 8, 9/04/2027.
    await app.call('households.recordJourneyDate', { id, kind: 'panel_minutes', date: '2027-03-31' });
    expect(await alerts(app, id)).toEqual([['decision', '2027-04-09']]);
    expect((await listed()).nextAlertWords).toBe('Decision after panel due (from the panel minutes)');
    await app.call('households.recordMilestone', { id, kind: 'approval', date: '2027-04-01' });
    expect(await alerts(app, id)).toEqual([]);
  });

  it('a closed household has none; re-opened, only its new enquiry’s', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, 'R1', '2025-01-06');
    await app.call('households.recordResponse', { id, date: '2025-01-06' });
    await milestones(app, id, [
      ['eoi', '2025-01-20'],
      ['stage1', '2025-02-03'],
    ]);
    await app.call('households.closeHousehold', {
      id,
      date: '2025-03-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    expect(await alerts(app, id)).toEqual([]);
    // Enquires again Thursday 25/11/2027: the earlier episode's Stage 1 and response are not its.
    await app.call('households.reopenHousehold', { id, enquiryDate: '2027-11-25' });
    expect(await alerts(app, id)).toEqual([
      ['respond', '2027-11-26'],
      ['initial_visit', '2027-12-02'],
    ]);
  });
});
