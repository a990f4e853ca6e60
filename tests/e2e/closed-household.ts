import type { TestApp } from '../support/temp.ts';

/**
 * The household the exit interview tests open (FF000001 "Ada Hart"): enquired on 07/04/2025 and
 * closed on 31/05/2025 by the applicant, circumstances changed, so an interview may be held after it.
 */
export async function addClosedHousehold(app: TestApp): Promise<void> {
  const { id } = await app.call('households.createHousehold', {
    enquiryDate: '2025-04-07',
    firstName: 'Ada',
    surname: 'Hart',
  });
  await app.call('households.closeHousehold', {
    id,
    date: '2025-05-31',
    reasonKey: 'circumstances',
    endedBy: 'applicant',
    notes: null,
  });
}
