import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Last month's export chosen again, unchanged: the screen offered "Import 0 changes", which recorded
// an import that changed nothing. It now says so plainly and offers no Import (only Cancel).
describeE2E('an unchanged re-import in Chromium', () => {
  const e2e = useE2E();
  const db = () => e2e.app.ctx.store.db;

  it('says nothing has changed since the last import and offers no Import button', async () => {
    const file = join(e2e.app.dir, 'monthly.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname\nU1,03/03/2026,Ann,Lee\nU2,04/03/2026,Bo,Ray\n',
    );
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import 2 changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported as batch 1: 2 new' }).waitFor();

    // Next month's export, the same rows under another name.
    const again = join(e2e.app.dir, 'monthly-2.csv');
    writeFileSync(again, readFileSync(file));
    await page.locator('#import-file').setInputFiles(again);
    const nothing = page.getByRole('status').filter({ hasText: 'Nothing has changed' });
    await nothing.waitFor();
    expect(await nothing.textContent()).toBe(
      'Nothing has changed since the last import: every row of monthly-2.csv is as the records already hold it, so there is nothing to import.',
    );
    expect(await page.locator('dl.import-counts').textContent()).toContain('Unchanged2');
    expect(await page.getByRole('button', { name: /^Import\b/ }).count()).toBe(0);
    expect(await page.getByLabel('Save this mapping as (optional)').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(db().prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(1);

    // A file with a change is offered as before.
    const changed = join(e2e.app.dir, 'monthly-3.csv');
    writeFileSync(
      changed,
      'Reference,Enquiry Date,First Name,Surname\nU1,03/03/2026,Ann,Lee\nU2,04/03/2026,Bo,Rae\n',
    );
    await page.locator('#import-file').setInputFiles(changed);
    await page.getByRole('button', { name: 'Import 1 change' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Nothing has changed' }).count()).toBe(0);
    await page.close();
  });
});
