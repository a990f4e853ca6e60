import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Going back from sample data when one of its files cannot be deleted (Windows: another program has
// it open) said only "Back to your data": the person thought what they had imported into it was gone.
describeE2E('sample data that cannot be deleted on the way back', () => {
  const e2e = useE2E();

  it('goes back to your data and says in words which file was left', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('button', { name: 'Try with sample data' }).click();
    await page.getByRole('button', { name: 'Return to my data' }).waitFor({ timeout: 20_000 });
    // A folder in the way of one of the sample file's names: it cannot be deleted as a file.
    const stuck = join(e2e.app.dir, 'sample.db-journal');
    mkdirSync(stuck);
    writeFileSync(join(stuck, 'kept.txt'), 'in the way');

    await page.getByRole('button', { name: 'Return to my data' }).click();
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain(e2e.app.dbPath);
    const said = page.locator('p[role="status"].error');
    await expect
      .poll(() => said.textContent())
      .toBe(
        `Back to your data: 0 households. Some of the sample data could not be deleted (${stuck}): another program may have it open, or you may not have permission to delete it. It may hold what you imported or typed while trying it: close that program and delete it, or the app tries again when it next starts or you next try sample data.`,
      );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
