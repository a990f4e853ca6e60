import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { axeViolations, describeE2E, drawn, holdAnswers, useE2E } from './harness.ts';

describeE2E('your data in Chromium: backups, restore, purge, subject access', () => {
  const e2e = useE2E(async (app) => {
    await app.call('system.generateSample', { households: 300, seed: 11 });
  });
  const count = () => e2e.app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;

  it('backs up now, then restores that backup from the list after confirming', async () => {
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Your data' });
    await section.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Backed up to');
    await expect.poll(() => section.getByRole('row').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);

    await e2e.app.call('system.generateSample', { households: 25, seed: 12 });
    expect(count()).toBe(325);
    await section
      .getByRole('button', { name: /^Restore the backup made/ })
      .first()
      .click();
    await section.getByRole('button', { name: 'Yes, restore' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Restored 300 households');
    expect(count()).toBe(300);
    // The file the restore replaced is listed as a backup too.
    await expect.poll(() => section.getByRole('cell', { name: 'Before a restore' }).count()).toBe(1);
    await page.close();
  });

  it('saves retention settings and refuses one below the legal minimum', async () => {
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Your data' });
    await section.getByLabel('Backups to keep').fill('12');
    await section.getByLabel(/Withdrawn or refused applicants/).fill('2');
    await section.getByRole('button', { name: 'Save' }).click();
    // The field stops the form (min 3), saying so beside itself; the core would refuse it too (purge-due.test.ts).
    await expect
      .poll(() => section.getByRole('alert').textContent())
      .toContain('2 is too small. Give a whole number from 3 to 100.');
    expect((await e2e.app.call('data.getSettings', {})).backupKeep).toBe(10);
    await section.getByLabel(/Withdrawn or refused applicants/).fill('4');
    const who = section.getByLabel('Who is kept as a connected person');
    expect(await who.inputValue()).toBe('kinship_pathway');
    await who.selectOption({ label: 'Only households with a reg 24 placement recorded' });
    expect(await axeViolations(page)).toEqual([]);
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Settings saved.');
    expect(await e2e.app.call('data.getSettings', {})).toMatchObject({
      backupKeep: 12,
      retention: { applicantYears: 4 },
      connectedPersons: 'reg24_placement',
    });
    // The Purge screen says which households it keeps as connected persons.
    await page.goto(page.url().replace(/#.*$/, '#/purge'));
    await expect
      .poll(() => page.getByText(/^Current periods:/).textContent())
      .toContain('connected persons are only households with a reg 24 placement recorded.');
    await e2e.app.call('data.saveSettings', {
      retention: { applicantYears: 3 },
      connectedPersons: 'kinship_pathway',
    });
    await page.close();
  });

  it('keeps retention typed but not saved across a backup, and takes no typing while it saves', async () => {
    // A backup read the settings again and set the form from them: numbers typed but not yet saved
    // went back to the stored ones. A save sets the form afresh once stored, so it takes no typing meanwhile.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/settings', {
      before: async (p) => {
        saves = await holdAnswers(p, 'data.saveSettings');
      },
    });
    const section = page.getByRole('region', { name: 'Your data' });
    await section.getByLabel('Backups to keep').fill('11');
    await section.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Backed up to');
    await drawn(page);
    expect(await section.getByLabel('Backups to keep').inputValue()).toBe('11');

    saves.hold = true;
    await section.getByRole('button', { name: 'Save' }).click();
    await saves.held();
    saves.hold = false;
    expect(await section.getByLabel('Backups to keep').isDisabled()).toBe(true);
    expect(await section.getByLabel(/Carers \(years/).isDisabled()).toBe(true);
    saves.release();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Settings saved.');
    expect((await e2e.app.call('data.getSettings', {})).backupKeep).toBe(11);
    expect(await section.getByLabel('Backups to keep').isDisabled()).toBe(false);
    await e2e.app.call('data.saveSettings', { backupKeep: 10 });
    await page.close();
  });

  it('exports a subject access file by reference', async () => {
    const page = await e2e.open('#/purge');
    await page.getByLabel('Household reference').fill('FF000001');
    await page.getByLabel('Format').selectOption('json');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export everything held' }).click();
    const file = await (await download).path();
    const body = JSON.parse(readFileSync(file, 'utf8')) as {
      tables: { households: Array<{ reference: string }> };
    };
    expect(body.tables.households[0]!.reference).toBe('FF000001');
    const reference = page.getByLabel('Household reference');
    await reference.fill('NOPE');
    await page.getByRole('button', { name: 'Export everything held' }).click();
    await expect
      .poll(() => page.locator('#sar-outcome').textContent())
      .toBe('There is no household with the reference "NOPE".');
    // The refusal is about the reference: said beside it (its description) and the field marked so.
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    expect(
      await reference.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      ),
    ).toContain('There is no household with the reference "NOPE".');
    expect(await axeViolations(page)).toEqual([]);
    await reference.fill('FF000002');
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export everything held' }).click();
    await again;
    await expect.poll(() => reference.getAttribute('aria-invalid')).toBe(null);
    expect(await reference.getAttribute('aria-describedby')).toBe('sar-hint');
    await page.close();
  });

  it('lists households due and erases their personal details after confirming', async () => {
    const due = await e2e.app.call('data.listPurgeDue', {});
    expect(due.households.length).toBeGreaterThan(0);
    const page = await e2e.open('#/purge');
    await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(due.households.length + 1);
    // What a purge cannot reach is said where it is run, not only in the README.
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(
        'not the files saved from it (exports, reports, subject access files) nor the files you imported',
      );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Erase personal details of/ }).click();
    await page.getByRole('button', { name: 'Yes, erase' }).click();
    await expect
      .poll(() => page.locator('#sar-outcome').textContent())
      .toMatch(
        new RegExp(
          `Erased the personal details of ${due.households.length} households, here and in \\d+ backups?\\. `,
        ),
      );
    await expect.poll(() => page.getByText('No household is due for purging today.').count()).toBe(1);
    const db = e2e.app.ctx.store.db;
    expect(db.prepare('SELECT COUNT(*) FROM households WHERE purged_at IS NOT NULL').pluck().get()).toBe(
      due.households.length,
    );
    expect(
      db
        .prepare('SELECT COUNT(*) FROM households WHERE purged_at IS NOT NULL AND surname IS NOT NULL')
        .pluck()
        .get(),
    ).toBe(0);
    await page.close();
  });

  it('says on Home and in Settings that today’s backup was not made, by keyboard, until Back up now makes one', async () => {
    // The backups folder cannot be written (a file at its name), and the app is opened again.
    const folder = `${e2e.app.dbPath}-backups`;
    await e2e.app.call('data.backupNow', {}); // so the folder is there, whichever tests ran first
    renameSync(folder, `${folder}-aside`);
    writeFileSync(folder, 'not a folder');
    await e2e.app.ctx.store.switchTo(e2e.app.dbPath);
    const words =
      /^Today's automatic backup was not made when this database was opened \(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\. No backup could be made in .* under reference [0-9A-F]{8}\.$/;

    const page = await e2e.open('#/');
    const home = page.getByRole('region', { name: "Today's backup was not made" });
    await expect.poll(() => home.getByRole('paragraph').first().textContent()).toMatch(words);
    expect(await axeViolations(page)).toEqual([]);
    await home.getByRole('link', { name: 'Go to Settings to back up now' }).focus();
    await page.keyboard.press('Enter');
    const section = page.getByRole('region', { name: 'Your data' });
    const note = section.getByRole('region', { name: "Today's backup was not made" });
    await expect.poll(() => note.getByRole('paragraph').textContent()).toMatch(words);
    expect(await axeViolations(page)).toEqual([]);

    rmSync(folder);
    renameSync(`${folder}-aside`, folder);
    await section.getByRole('button', { name: 'Back up now' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Backed up to');
    await expect.poll(() => note.count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Home', level: 1 }).count()).toBe(1);
    expect(await home.count()).toBe(0);
    await page.close();
  });
});
