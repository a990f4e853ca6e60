import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness.ts';

// A household's Journey table listed "Enquiry answered" last, after Stage 1, Panel or Approved,
// so an officer reading the journey down the page met the first reply after the approval. It now
// follows the enquiry it answered.
describeE2E('the order of a household’s journey in Chromium', () => {
  const e2e = useE2E();

  it('lists the enquiry’s answer right after the enquiry, then the steps in order', async () => {
    const { id } = await e2e.app.call('households.createHousehold', {
      enquiryDate: '2026-10-20',
      surname: 'Evans',
    });
    await e2e.app.call('households.recordResponse', { id, date: '2026-10-21' });
    for (const [kind, date] of [
      ['eoi', '2026-11-01'],
      ['stage1', '2026-11-05'],
    ] as const)
      await e2e.app.call('households.recordMilestone', { id, kind, date });
    const page = await e2e.open(`#/households?id=${id}`);
    const journey = page.getByRole('table', { name: 'Milestones' });
    await journey.waitFor();
    const rows = await journey
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent)),
      );
    expect(rows).toEqual([
      ['Enquiry', '20/10/2026'],
      ['Enquiry answered', '21/10/2026'],
      ['EOI / application', '01/11/2026'],
      ['Stage 1', '05/11/2026'],
    ]);
    await page.close();
  });
});
