import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Once Import was pressed, the preview went and with it every error, warning and possible
// duplicate: the screen said "1 rejected" and nothing of which row, so the officer who had not
// copied the list down could not put the row right in the CRM (helper-271). They now stay listed
// under the result, by file, row and column, with the possible duplicates (one family exported
// under two references in the same file among them).
describeE2E('the import’s problems after the commit', () => {
  const e2e = useE2E();

  it('lists the rows refused, the warnings and the possible duplicates under the result', async () => {
    const file = join(e2e.app.dir, 'november.csv');
    writeFileSync(
      file,
      [
        'Enquiry Ref,Date of Enquiry,First Name,Surname,Telephone,Source',
        'ENQ-001,03/11/2026,Sarah,Thompson,07700 900123,Website',
        'ENQ-002,04/11/2026,Hannah,Lewis,07700 901222,Website',
        'ENQ-003,31/02/2026,Gareth,Williams,0113 496 0001,Radio',
        'ENQ-004,05/11/2026,Claire,Walker,07700 900555,Bus shelter poster',
        'ENQ-029,24/11/2026,Sarah,Thompson,07700900123,Website',
      ].join('\r\n'),
    );
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import 4 changes' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported as batch' }).textContent())
      .toBe('Imported as batch 1: 4 new, 0 updated, 0 unchanged, 0 duplicates, 1 rejected.');

    const errors = page.getByRole('table', { name: /Errors: these rows were not imported \(1\)/ });
    expect(await errors.locator('tbody tr td').allTextContents()).toEqual([
      'november.csv',
      '–',
      '4',
      'B (Date of Enquiry)',
      '"31/02/2026" is not a real date.',
    ]);
    const warnings = page.getByRole('table', { name: /Warnings/ });
    expect(await warnings.textContent()).toContain('Source "Bus shelter poster" is not in the list');
    const near = page.getByRole('table', { name: /Possible duplicates/ });
    expect(await near.locator('tbody tr td').allTextContents()).toEqual([
      '6',
      'ENQ-029',
      'ENQ-001 (row 2 of this file)',
      'same name and close enquiry dates',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
