import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { addHouseholdsDue } from './households-due.ts';

/** How far the page itself scrolls sideways: 0 when everything reflows into the window. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Found by a review in Chromium. At 640 px wide (a 1280-px window at 200 % zoom), every screen
// scrolled sideways as a whole (the menu, Home's year to date, the pipeline's five stages, Settings'
// reason lists, past imports), and the households list shrank its names and alerts to a letter: now
// the menu wraps, the pipeline's stages wrap, and a wide table scrolls in its own box. And a date the
// core refused ("before the Stage 1 date") left focus on the button, where the form's own faults
// take it to the field.
describeE2E('a narrow window, and a refused date, in Chromium', () => {
  const e2e = useE2E(async (app) => {
    for (const surname of ['Okafor', 'Lindqvist-Henderson', 'Ng']) {
      await app.call('households.createHousehold', { enquiryDate: '2026-10-01', firstName: 'Ann', surname });
    }
    // Tables that appear only with data (helper-254): households due for purging, a kinship record's
    // journey dates, the Ofsted list with its Why column.
    await addHouseholdsDue(app, 2, 'Enquirer-With-A-Long-Surname');
    const kin = await app.call('households.createHousehold', {
      enquiryDate: '2026-06-01',
      surname: 'Kinship',
      pathway: 'kinship',
    });
    await app.call('households.recordJourneyDate', {
      id: kin.id,
      kind: 'viability_request',
      date: '2026-06-06',
    });
    await app.call('data.backupNow', {});
  });

  // And at 320 px (a 1280-px window at 400 %, WCAG 1.4.10's width; helper-247): the file inputs of
  // Import and Settings, the backups table and the report's chart (620 px, as it is saved) pushed
  // the page sideways; they now fit, or scroll in their own box.
  it('at 640 and 320 px no screen scrolls sideways, and the list keeps its columns readable', async () => {
    for (const [hash, width] of [
      '#/',
      '#/households',
      '#/households?view=pipeline',
      '#/import',
      '#/reports',
      '#/settings',
      '#/purge',
      '#/households?id=6',
    ].flatMap((h) => [640, 320].map((w) => [h, w] as const))) {
      const page = await e2e.open(hash);
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ hash, width, sideways: await sideways(page) }).toEqual({ hash, width, sideways: 0 });
      if (hash === '#/households') {
        const name = page.getByRole('cell', { name: /Lindqvist-Henderson/ });
        await name.waitFor();
        // Its least width (list-columns.ts), where it was 16 px; the list scrolls in its own box.
        expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(120);
      }
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
    // The list behind a report's figure, opened at 320 px, scrolls in its own box too.
    const page = await e2e.open('#/reports');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.locator('#report-main').waitFor();
    await page
      .getByRole('form', { name: 'Report options' })
      .getByLabel('To', { exact: true })
      .selectOption('2026/27');
    await page
      .getByRole('button', { name: /^[1-9]\d*: .*2026\/27/ })
      .first()
      .click();
    await page
      .getByRole('region', { name: /Households behind/ })
      .getByRole('link')
      .first()
      .waitFor();
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lays a household record out in one column at 640 and 320 px, nothing overlapping', async () => {
    // Two columns at 320 px put the journey table under the Details form (helper-247: WCAG 1.4.10).
    for (const width of [640, 320]) {
      const page = await e2e.open('#/households?id=2');
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
      await page.waitForLoadState('networkidle');
      const journey = (await page.getByRole('region', { name: 'Journey' }).boundingBox())!;
      const details = (await page.locator('form[aria-labelledby="details-title"]').boundingBox())!;
      const overlapX = journey.x < details.x + details.width && details.x < journey.x + journey.width;
      const overlapY = journey.y < details.y + details.height && details.y < journey.y + journey.height;
      expect({ width, overlap: overlapX && overlapY, sideways: await sideways(page) }).toEqual({
        width,
        overlap: false,
        sideways: 0,
      });
      await page.close();
    }
  });

  it('takes focus to the date field when the core refuses the date', async () => {
    const page = await e2e.open('#/households?id=1');
    const form = page.getByRole('form', { name: 'Record a milestone' });
    await form.waitFor();
    await form.getByLabel('Milestone').selectOption({ label: 'EOI / application' });
    // Before the enquiry (01/10/2026): the form cannot know, the core refuses it.
    await form.getByLabel('Date').fill('01/09/2026');
    await form.getByRole('button', { name: 'Record milestone' }).focus();
    await page.keyboard.press('Enter');
    const date = form.getByLabel('Date');
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => date.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.close();
  });
});
