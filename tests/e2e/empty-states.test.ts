import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// A fresh, empty database: each screen should say what to do next, not only "0".
describeE2E('empty states on a fresh database', () => {
  const e2e = useE2E();

  it('Households with none says how to get some, and links there by keyboard', async () => {
    const page = await e2e.open('#/households');
    const count = page.locator('.hh-count');
    await expect.poll(() => count.textContent()).toBe('No households yet.');
    expect(await page.locator('.hh-empty').textContent()).toBe(
      'Import an enquiry export, add a household by hand, or try the sample data in Settings.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Import an enquiry export');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Import');
    await page.close();
  });

  it('a search that finds nothing says so, and not that there are no households', async () => {
    await e2e.app.call('households.createHousehold', {
      enquiryDate: e2e.app.ctx.today(),
      firstName: 'Nia',
      surname: 'Jones',
    });
    const page = await e2e.open('#/households');
    await page.getByLabel('Search').fill('zzz');
    await expect
      .poll(() => page.locator('.hh-count').textContent())
      .toBe('No households match the search and filters.');
    expect(await page.locator('.hh-empty').count()).toBe(0);
    await page.close();
  });

  it('a household with no history (sample data) says its timeline holds nothing yet', async () => {
    await e2e.app.call('system.generateSample', { households: 5, seed: 1 });
    const id = e2e.app.ctx.store.db
      .prepare(
        'SELECT id FROM households h WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.household_id = h.id) LIMIT 1',
      )
      .pluck()
      .get() as number;
    const page = await e2e.open(`#/households?id=${id}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect
      .poll(() => timeline.locator('.hh-timeline-empty').textContent())
      .toBe(
        'Nothing recorded yet: each change made by hand or by an import is listed here, with who made it and when.',
      );
    expect(await timeline.locator('li').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A household made by hand has its creation there, and no such words.
    const made = await e2e.app.call('households.createHousehold', {
      enquiryDate: e2e.app.ctx.today(),
      surname: 'Jones',
    });
    await page.goto(page.url().replace(/#.*$/, `#/households?id=${made.id}`));
    await expect.poll(() => timeline.locator('li').count()).toBeGreaterThan(0);
    expect(await timeline.locator('.hh-timeline-empty').count()).toBe(0);
    await page.close();
  });
});
