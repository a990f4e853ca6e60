import { expect, it } from 'vitest';
import { axeViolations, describeE2E, holdAnswers, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

// Past imports, undone by keyboard: a large import's undo takes seconds.
describeE2E('Past imports: undo', () => {
  const e2e = useE2E(async (app) => {
    const file = app.file(
      'enquiries.csv',
      'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\n',
    );
    await app.call('imports.importFile', { path: file });
  });

  it('says the undo is under way, asks once, and then says what it put back', async () => {
    const page = await e2e.open('#/import');
    const undos = await holdAnswers(page, 'imports.undoImport');
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.accept()));
    const status = page.getByRole('status').filter({ hasText: 'import 1' });
    await page.getByRole('button', { name: 'Undo import 1' }).focus();
    undos.hold = true;
    await page.keyboard.press('Enter');
    await undos.held();
    // Nothing was said until it was done, and Enter pressed again asked to undo it a second time.
    await expect.poll(() => status.textContent()).toBe('Undoing import 1…');
    await page.keyboard.press('Enter');
    expect(dialogs).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);
    undos.release();
    await expect.poll(() => focusedName(page)).toBe('Import 1 undone: 1 household removed, 0 restored.');
    await page.close();
  });
});
