import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Sorted by a column some households leave blank, the list shows the households with a value
// first, ascending and descending alike: a page of blanks never stands before the names.
describeE2E('the households list sorted by a column with blanks', () => {
  const e2e = useE2E(async (app) => {
    // Two with no name (an email alone, as a web form or a purge leaves them), created first so
    // that by id alone they would come first; two with no source.
    await app.call('households.createHousehold', { enquiryDate: '2025-01-06', email: 'a@example.org' });
    await app.call('households.createHousehold', { enquiryDate: '2025-01-07', email: 'b@example.org' });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-08',
      firstName: 'Bea',
      surname: 'Adams',
      source: 'website',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-09',
      firstName: 'Cal',
      surname: 'Young',
      source: 'event',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-10',
      firstName: 'Dee',
      surname: 'Moss',
    });
  });

  it('lists names (and sources) first both ways, the blanks after them', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('5 households');
    // The name cell of each row on show, in order (a blank name is an empty cell).
    const names = () =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('cell') })
        .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('[role="cell"]')[1]?.textContent ?? '?'));
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(names).toEqual(['Bea Adams', 'Dee Moss', 'Cal Young', '', '']);
    // The sort chosen is read out with the count line (helper-247: aria-sort changing is not).
    const said = () => page.getByRole('status').first().textContent();
    await expect.poll(said).toBe('5 households, sorted by Name, ascending');
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(names).toEqual(['Cal Young', 'Dee Moss', 'Bea Adams', '', '']);
    await expect.poll(said).toBe('5 households, sorted by Name, descending');
    await page.getByRole('button', { name: 'Source' }).click();
    await expect.poll(names).toEqual(['Cal Young', 'Bea Adams', '', '', 'Dee Moss']);
    await page.getByRole('button', { name: 'Source' }).click();
    await expect.poll(names).toEqual(['Bea Adams', 'Cal Young', 'Dee Moss', '', '']);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
