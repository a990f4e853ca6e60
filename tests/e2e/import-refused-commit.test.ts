import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

// A recruitment officer previews this week's export while a colleague records a step on a
// household: Import is refused ("the database changed since this preview was made … preview the file
// again"), and the screen still offered the same Import, refused again each time it was pressed.
// It now offers Preview again (with the file, sheet and mapping as they were), then Import.
describeE2E('an import refused because the records changed, in Chromium', () => {
  const e2e = useE2E();
  const db = () => e2e.app.ctx.store.db;

  it('offers Preview again in place of Import, and imports from the new preview', async () => {
    const file = join(e2e.app.dir, 'week49.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname\nW1,24/11/2026,Jones\nW2,25/11/2026,Quinn\n');
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    const importButton = page.getByRole('button', { name: 'Import 2 changes' });
    await importButton.waitFor();

    // Meanwhile a colleague adds a household by hand.
    await e2e.app.call('households.createHousehold', { enquiryDate: '2026-11-20', surname: 'Rees' });
    await importButton.focus();
    await page.keyboard.press('Enter');
    const refusal = page.getByRole('alert').filter({ hasText: 'The database changed since this preview' });
    await refusal.waitFor();
    expect(db().prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(1);
    expect(db().prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(0);

    // The refused preview cannot be imported: Import gives way to Preview again, which has the focus.
    expect(await page.getByRole('button', { name: /^Import\b/ }).count()).toBe(0);
    await expect.poll(() => focusedName(page)).toBe('Preview again');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await importButton.waitFor();
    expect(await refusal.count()).toBe(0);
    await importButton.click();
    await page.getByRole('status').filter({ hasText: 'Imported as batch 1: 2 new' }).waitFor();
    expect(db().prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(3);
    await page.close();
  });
});
