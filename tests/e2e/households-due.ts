import type { TestApp } from '../support/temp.ts';

/**
 * Adds `count` households past their retention period, due for purging on the clock's today: each
 * enquired on 04/05/2015 and lost contact with on 01/06/2015 ("Old1 Enquirer", "Old2 Enquirer", …).
 */
export async function addHouseholdsDue(app: TestApp, count: number, surname = 'Enquirer'): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2015-05-04',
      firstName: `Old${i}`,
      surname,
    });
    await app.call('households.closeHousehold', {
      id: h.id,
      date: '2015-06-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
      notes: null,
    });
  }
}
