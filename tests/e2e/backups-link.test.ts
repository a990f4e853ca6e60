import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUkDateTime } from '../../src-main/domain/dates.ts';
import type { TestApp } from '../support/temp.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// A link at the backups folder's name, which the app never follows, put there after the file was
// opened (so no failed daily backup was recorded): Home, Settings and Past imports say what it means.
// Windows makes a symbolic link only with a privilege a test cannot count on.
const describeLinks = process.platform === 'win32' ? describe.skip : describeE2E;

describeLinks('a link at the backups folder’s name, in Chromium', () => {
  let folder = '';
  let elsewhere = '';
  let importedAt = '';
  const e2e = useE2E(async (app) => {
    const file = app.file(
      'enquiries.csv',
      'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\n',
    );
    await app.call('imports.importFile', { path: file });
    importedAt = (await app.call('imports.listBatches', {}))[0]!.createdAt;
    await app.call('data.backupNow', {});
    folder = `${app.dbPath}-backups`;
    elsewhere = join(dirname(app.dbPath), 'shared-with-the-team');
    renameSync(folder, elsewhere);
    symlinkSync(elsewhere, folder);
  });

  it('Settings says why no backup is listed, and what to do, where it said "No backups yet"', async () => {
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Your data' });
    await expect
      .poll(() => section.getByText(/^No backups are listed: /).textContent())
      .toBe(
        `No backups are listed: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now.`,
      );
    expect(await section.getByText('No backups yet.').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an undone import says the backups behind the link were not erased, by keyboard', async () => {
    const page = await e2e.open('#/import');
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Undo import 1' }).focus();
    await page.keyboard.press('Enter');
    const said = `Import 1 undone: 1 household removed, 0 restored. The backups folder ${folder} is a link to another place, which the app never follows, so no backup behind it was erased: any there made since the import (${formatUkDateTime(importedAt)}) may still hold the removed households' details. Delete them from the folder the link points to: no later purge or undo reaches them, and restoring one would bring those details back.`;
    // Focus goes to the sentence, as for any undo: the keyboard user hears it whole.
    await expect.poll(() => focusedName(page)).toBe(said);
    expect(await page.getByRole('status').filter({ hasText: 'Import 1 undone' }).textContent()).toBe(said);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  // Last: it moves the link away and back.
  it('Home says so at once, though no daily backup failed, and Refresh reads it again, by keyboard', async () => {
    const page = await e2e.open('#/');
    const note = page.getByRole('region', { name: 'The backups folder is a link' });
    await expect
      .poll(() => note.locator('p').first().textContent())
      .toBe(
        `The backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now in Settings (or run fostering-funnel backup).`,
      );
    expect(await note.getByRole('link', { name: 'Go to Settings to back up now' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: "Today's backup was not made" }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Done as it says, Refresh reads it again: the note goes.
    renameSync(folder, `${folder}-link`);
    renameSync(elsewhere, folder);
    try {
      await page.getByRole('button', { name: 'Refresh' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => note.count()).toBe(0);
    } finally {
      renameSync(folder, elsewhere);
      renameSync(`${folder}-link`, folder);
    }
    await page.close();
  });
});

// The link there when the file is opened: today's backup is tried and refused for it. Home and
// Settings said so twice, the failed backup's note telling only to move the link aside.
async function refusedForLinkAtOpen(app: TestApp): Promise<{ folder: string; elsewhere: string }> {
  const file = app.file(
    'enquiries.csv',
    'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\n',
  );
  await app.call('imports.importFile', { path: file });
  await app.call('data.backupNow', {});
  const folder = `${app.dbPath}-backups`;
  const elsewhere = join(dirname(app.dbPath), 'shared-with-the-team');
  renameSync(folder, elsewhere);
  symlinkSync(elsewhere, folder);
  await app.ctx.store.switchTo(app.dbPath); // opened again, as each morning
  expect((await app.call('system.getStatus', {})).backupProblem?.linked).toBe(true);
  return { folder, elsewhere };
}

describeLinks('a daily backup refused for a link at the backups folder’s name, in Chromium', () => {
  let folder = '';
  let elsewhere = '';
  const e2e = useE2E(async (app) => {
    ({ folder, elsewhere } = await refusedForLinkAtOpen(app));
  });

  it('Home says it once, in the link’s note, which says what to do; put right, the day’s backup is still to be made', async () => {
    const page = await e2e.open('#/');
    const note = page.getByRole('region', { name: 'The backups folder is a link' });
    await expect
      .poll(() => note.locator('p').first().textContent())
      .toBe(
        `The backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now in Settings (or run fostering-funnel backup).`,
      );
    const failed = page.getByRole('region', { name: "Today's backup was not made" });
    expect(await failed.count()).toBe(0);
    expect(await page.getByText(/is a link to another place/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Done as the note says, Refresh reads it again: the link's note goes, and today's backup is still to be made.
    renameSync(folder, `${folder}-link`);
    renameSync(elsewhere, folder);
    try {
      await page.getByRole('button', { name: 'Refresh' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => note.count()).toBe(0);
      await expect.poll(() => failed.count()).toBe(1);
      expect(await failed.getByRole('link', { name: 'Go to Settings to back up now' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      renameSync(folder, elsewhere);
      renameSync(`${folder}-link`, folder);
    }
    await page.close();
  });
});

describeLinks('a daily backup refused for a link at the backups folder’s name, in Settings', () => {
  let folder = '';
  const e2e = useE2E(async (app) => {
    ({ folder } = await refusedForLinkAtOpen(app));
  });

  it('Settings says it once too, by the list’s words, reached from Home’s note by keyboard', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('region', { name: 'The backups folder is a link' }).waitFor();
    await page.locator('#main').focus();
    await tabTo(page, 'Go to Settings to back up now');
    await page.keyboard.press('Enter');
    const section = page.getByRole('region', { name: 'Your data' });
    await expect
      .poll(() => section.getByText(/^No backups are listed: /).textContent())
      .toBe(
        `No backups are listed: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now.`,
      );
    // Before, Settings' failed-backup note said it again above, telling only to move the link aside.
    expect(await page.getByRole('region', { name: "Today's backup was not made" }).count()).toBe(0);
    expect(await page.getByText(/is a link to another place/).count()).toBe(1);
    expect((await e2e.app.call('data.listBackups', {})).backupProblem?.linked).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Back up now');
    expect(
      await section
        .getByRole('button', { name: 'Back up now' })
        .evaluate((b) => b === document.activeElement),
    ).toBe(true);
    await page.close();
  });
});

// Today's backup failed for another reason (a file in the folder's way as the file was opened), and
// a link was put at the folder's name after: Settings says both, the failure and the list's words.
describeLinks(
  'a daily backup failed for another reason, then a link put at the folder’s name, in Chromium',
  () => {
    let folder = '';
    const e2e = useE2E(async (app) => {
      const file = app.file(
        'enquiries.csv',
        'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\n',
      );
      await app.call('imports.importFile', { path: file });
      folder = `${app.dbPath}-backups`;
      rmSync(folder, { recursive: true, force: true });
      writeFileSync(folder, 'not a folder'); // in the way as the file is opened
      await app.ctx.store.switchTo(app.dbPath);
      rmSync(folder);
      const elsewhere = join(dirname(app.dbPath), 'shared-with-the-team');
      mkdirSync(elsewhere);
      symlinkSync(elsewhere, folder);
      expect((await app.call('data.listBackups', {})).backupProblem?.linked).toBe(false);
    });

    it('Settings still says that failure, beside the list’s words for the link, and Tab reaches Back up now', async () => {
      const page = await e2e.open('#/settings');
      const section = page.getByRole('region', { name: 'Your data' });
      await expect
        .poll(() => section.getByText(/^No backups are listed: /).textContent())
        .toContain(`the backups folder ${folder} is a link to another place`);
      const failed = section.getByRole('region', { name: "Today's backup was not made" });
      expect(await failed.getByRole('paragraph').textContent()).toMatch(
        /^Today's automatic backup was not made when this database was opened \(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\. No backup could be made in /,
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#main').focus();
      await tabTo(page, 'Back up now');
      expect(
        await section
          .getByRole('button', { name: 'Back up now' })
          .evaluate((b) => b === document.activeElement),
      ).toBe(true);
      await page.close();
    });
  },
);
