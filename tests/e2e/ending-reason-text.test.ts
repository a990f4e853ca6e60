import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * A closure reason an import did not find in the list is recorded as Other with the file's words
 * kept, as the import says; the household's screen now shows those words after the reason.
 */
describeE2E('the words kept with an imported reason', () => {
  const e2e = useE2E(async (app) => {
    await app.call('imports.importFile', {
      path: app.file(
        'closures.csv',
        'Reference,Enquiry Date,First Name,Surname,Date Closed,Closure Reason\r\n' +
          'C1,01/04/2025,Ada,Hart,01/05/2025,Moved to Spain\r\n',
      ),
    });
  });

  it('are shown on the household’s screen after the reason', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /C1 Ada Hart/ }).waitFor();
    const ending = page.locator('section[aria-labelledby="endings-title"] p').first();
    expect(await ending.innerText()).toContain(
      'Other reason / unknown: “Moved to Spain” (Applicant withdrew)',
    );
    expect(await axeViolations(page)).toEqual([]);
  });
});
