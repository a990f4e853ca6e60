import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Home's year to date at the financial year's edges (1 April to 31 March), worked by hand: a
 * re-enquiry counts again in its year, an enquiry counts on the pathway it was on that day (a
 * later switch does not move it), and the same point last year of 29 February is 28 February.
 * Every household is written through the contract; the clock is the app's.
 */
async function household(app: TestApp, reference: string, enquiryDate: string) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    enquiryDate,
    surname: reference,
    confirmDuplicates: true,
  });
  return id;
}

async function home(app: TestApp) {
  const d = await app.call('planning.getDashboard', {});
  const row = (key: string) => d.yearToDate.find((r) => r.key === key)!;
  const enquiries = row('enquiries');
  const opened = async (drill: string) =>
    (await app.call('planning.listHouseholds', { drill })).households.map((h) => h.reference).sort();
  return {
    fy: d.fy,
    sameDayLastYear: d.sameDayLastYear,
    enquiries: [enquiries.thisYear.value, enquiries.lastYear.value],
    opened: [await opened(enquiries.thisYear.drill), await opened(enquiries.lastYear.drill)],
    target: [enquiries.target, enquiries.targetToDate, enquiries.status],
    net: [row('net_change').thisYear.value, row('net_change').status],
  };
}

describe('Home’s year to date at the year’s edges', () => {
  it('31 March, 1 April and 29 February', async () => {
    const app = await testApp({ today: '2027-03-31' });
    await household(app, 'E1', '2026-03-31'); // 2025/26's last day
    await household(app, 'E2', '2026-04-01'); // 2026/27's first day
    await household(app, 'E3', '2027-03-31');
    // Enquired 01/05/2026, closed, enquired again on 31/03/2027: two enquiries in 2026/27.
    const again = await household(app, 'E4', '2026-05-01');
    await app.call('households.closeHousehold', {
      id: again,
      date: '2026-06-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    await app.call('households.reopenHousehold', { id: again, enquiryDate: '2027-03-31' });
    // A mainstream enquiry of 01/10/2026 switched to kinship on 31/03/2027 still counts as mainstream.
    const kin = await household(app, 'E5', '2026-10-01');
    await app.call('households.switchPathway', { id: kin, pathway: 'kinship', date: '2027-03-31' });
    await app.call('planning.setFigures', {
      fy: '2026/27',
      figures: [
        { basis: 'target', measure: 'enquiries', value: 10 },
        { basis: 'target', measure: 'net_change', value: -2 },
      ],
    });
    // On the year's last day the whole target is due: 5 enquiries against 10 is off track.
    expect(await home(app)).toEqual({
      fy: '2026/27',
      sameDayLastYear: '2026-03-31',
      enquiries: [5, 1],
      opened: [['E2', 'E3', 'E4', 'E5'], ['E1']],
      target: [10, 10, 'off_track'],
      net: [0, 'on_track'],
    });

    setClock('2027-04-01');
    await household(app, 'E6', '2027-04-01');
    expect(await home(app)).toEqual({
      fy: '2027/28',
      sameDayLastYear: '2026-04-01',
      enquiries: [1, 1],
      opened: [['E6'], ['E2']],
      target: [null, null, 'no_target'],
      net: [0, 'no_target'],
    });

    setClock('2028-02-29');
    expect(await home(app)).toMatchObject({
      fy: '2027/28',
      sameDayLastYear: '2027-02-28',
      enquiries: [1, 3],
      opened: [['E6'], ['E2', 'E4', 'E5']],
    });
  });

  it('is off track only once a whole household short of the target to date, never at the start of the year', async () => {
    const app = await testApp({ today: '2027-04-01' });
    await app.call('planning.setFigures', {
      fy: '2027/28',
      figures: [{ basis: 'target', measure: 'enquiries', value: 100 }],
    });
    // 1 of 366 days of 2027/28 (it holds 29/02/2028): 0.3 enquiries due, none yet, not behind.
    expect((await home(app)).target).toEqual([100, 0.3, 'on_track']);
    // 10/04/2027 is day 10: 2.7 due. Two enquiries are not a whole household short; one is.
    setClock('2027-04-10');
    await household(app, 'A1', '2027-04-02');
    expect((await home(app)).target).toEqual([100, 2.7, 'off_track']);
    await household(app, 'A2', '2027-04-03');
    expect((await home(app)).target).toEqual([100, 2.7, 'on_track']);
  });
});
