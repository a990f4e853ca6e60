import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { JSHandle, Locator, Page } from 'playwright-core';
import { describeE2E, useE2E } from './harness.ts';

// An error line whose words do not change is not read out again: the same failure twice (Export
// pressed again, another pathway or option asked for) left the alert as it was, and a screen
// reader said nothing the second time (helper-253 found it on Home; helper-260 in these).

/** Every call of `method` from now on fails with `message`. */
const failing = (page: Page, method: string, message: string) =>
  page.route(new RegExp(`/api/${method.replace('.', '\\.')}$`), (r) =>
    r.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal', message } }),
    }),
  );

/**
 * Does each of `acts` (each failing with the same words) and checks the alert's words were drawn
 * afresh each time: the text drawn after the act before is gone, so the alert is read again.
 */
async function saidEachTime(page: Page, alert: Locator, method: string, acts: Array<() => Promise<void>>) {
  let before: JSHandle<Node> | null = null;
  for (const act of acts) {
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/${method}`));
    await act();
    await answered;
    await expect.poll(() => alert.count()).toBe(1);
    if (before) await expect.poll(() => before!.evaluate((n) => n.isConnected)).toBe(false);
    before = await alert.evaluateHandle((el): Node => el.firstChild!);
  }
}

describeE2E('the same failure twice is said twice', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2026-05-04',
      firstName: 'New',
      surname: 'Enquirer',
    });
  });

  it('households list: Export failing again with the same words', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.locator('.hh-count').textContent()).toBe('1 household');
    await failing(page, 'households.exportList', 'The list could not be exported.');
    const alert = page.getByRole('alert').filter({ hasText: 'The list could not be exported.' });
    const exportXlsx = page.getByRole('button', { name: 'Export xlsx' });
    await saidEachTime(page, alert, 'households.exportList', [
      () => exportXlsx.click(),
      () => exportXlsx.click(),
    ]);
    expect(await alert.textContent()).toBe('The list could not be exported.');
    await page.close();
  });

  it('households list: a filter changed, its rows failing again with the same words', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.locator('.hh-count').textContent()).toBe('1 household');
    await failing(page, 'households.listHouseholds', 'The households could not be read.');
    const alert = page.getByRole('alert').filter({ hasText: 'The households could not be read.' });
    const search = page.getByLabel('Search', { exact: true });
    await saidEachTime(page, alert, 'households.listHouseholds', [
      () => search.fill('new'),
      () => search.fill('enq'),
    ]);
    await page.close();
  });

  it('pipeline: another pathway failing with the same words', async () => {
    const page = await e2e.open('#/households?view=pipeline');
    await page.locator('.hh-pipe-col').first().waitFor();
    await failing(page, 'households.getPipeline', 'The pipeline could not be read.');
    const alert = page.getByRole('alert').filter({ hasText: 'The pipeline could not be read.' });
    const pathway = page.getByLabel('Pathway', { exact: true });
    const values = await pathway
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await saidEachTime(page, alert, 'households.getPipeline', [
      () => pathway.selectOption(values[1]!).then(() => undefined),
      () => pathway.selectOption(values[2]!).then(() => undefined),
    ]);
    await page.close();
  });

  it('reports: the table for other options failing with the same words', async () => {
    const page = await e2e.open('#/reports?table=funnel');
    await page.locator('#report-main').waitFor();
    await failing(page, 'reports.getTable', 'The table could not be worked out.');
    const alert = page.getByRole('alert').filter({ hasText: 'The table could not be worked out.' });
    const suppress = page.getByLabel(/Suppress small numbers/);
    await saidEachTime(page, alert, 'reports.getTable', [() => suppress.check(), () => suppress.uncheck()]);
    expect(await alert.getAttribute('id')).toBe('report-error');
    // The table asked for before stays, and says so.
    expect(await page.locator('.report-stale').count()).toBe(1);
    await page.close();
  });

  // A guard more than a check: this one was said again before too (the banner goes while the next
  // export runs, and comes back anew); the refusal now reaches it as news like the rest.
  it('reports: an export failing again with the same words', async () => {
    const page = await e2e.open('#/reports?table=funnel');
    await page.locator('#report-main').waitFor();
    await failing(page, 'reports.exportTable', 'The table could not be saved.');
    const alert = page.getByRole('alert').filter({ hasText: 'The table could not be saved.' });
    const save = page.getByRole('button', { name: 'Save as Excel' });
    await saidEachTime(page, alert, 'reports.exportTable', [() => save.click(), () => save.click()]);
    await page.close();
  });

  it("the app's banner: the status failing again with the same words (Home's Refresh)", async () => {
    const page = await e2e.open('#/');
    await page.getByRole('region', { name: /^Open pipeline by stage/ }).waitFor();
    await failing(page, 'system.getStatus', 'The status could not be read.');
    const alert = page.getByRole('alert').filter({ hasText: 'The status could not be read.' });
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await saidEachTime(page, alert, 'system.getStatus', [() => refresh.click(), () => refresh.click()]);
    expect(await alert.getAttribute('class')).toBe('banner error');
    await page.close();
  });

  it('import: Cancel failing again with the same words as the reading before it', async () => {
    const lines = ['Reference,Enquiry Date,First Name,Surname'];
    for (let i = 0; i < 2000; i++) lines.push(`R${i},01/02/2024,N${i},S${i}`);
    const path = join(e2e.app.dir, 'unfollowed.csv');
    writeFileSync(path, lines.join('\n'));
    const page = await e2e.open('#/import');
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    // The core out of reach: the reading's progress cannot be asked, nor the reading stopped.
    const words = 'The app could not be reached.';
    await failing(page, 'imports.getJob', words);
    await failing(page, 'imports.cancelImport', words);
    const alert = page.getByRole('alert').filter({ hasText: words });
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await saidEachTime(page, alert, 'imports.getJob', [
      () => page.locator('#import-file').setInputFiles(path),
    ]);
    await saidEachTime(page, alert, 'imports.cancelImport', [() => cancel.click(), () => cancel.click()]);
    await page.close();
  });
});
