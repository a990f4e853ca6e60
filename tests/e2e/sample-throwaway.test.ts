import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// The sample database is throwaway (db/sample-files.ts): the screens say so where sample data is
// offered and on the Import screen in sample mode, and going back to your own data deletes it.
describeE2E('sample data is throwaway, and the screens say so', () => {
  const e2e = useE2E();
  const besideSample = () =>
    readdirSync(e2e.app.dir).filter((f) => f.startsWith('sample.db') || f.startsWith('.sample.db'));

  it('tells the user before and during a try, and an export imported into it is gone after', async () => {
    const page = await e2e.open('#/settings');
    const sampleSection = page.locator('#sample-data-title ~ p').first();
    await expect
      .poll(() => sampleSection.textContent())
      .toContain(
        'It is thrown away when you return to your data: anything you import or type while trying it is deleted then, and each try starts afresh.',
      );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Try with sample data' }).click();
    await page.getByRole('button', { name: 'Return to my data' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(
        'Returning to your data deletes the sample data, with anything you imported or typed into it.',
      );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    const note =
      'This is sample data: anything you import here is removed when you go back to your own data.';
    await expect.poll(() => page.locator('main').textContent()).toContain(note);
    expect(await axeViolations(page)).toEqual([]);

    // A real export tried in sample mode.
    const file = e2e.app.file(
      'council-export.csv',
      'Reference,Enquiry Date,First Name,Surname\r\nCX2001,03/03/2026,Morwenna,Quillfeather\r\n',
    );
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: /^Import 1 change/ }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported as batch' }).textContent())
      .toContain('1 new');
    expect(besideSample()).toContain('sample.db');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Return to my data' }).click();
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain(e2e.app.dbPath);
    expect(besideSample()).toEqual([]);
    // Back on the user's own data, the Import screen says nothing of sample data.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(note);
    await page.close();
  });
});
