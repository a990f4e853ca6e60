import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeWorkbook, xlDate } from '../integration/imports/fixtures.ts';
import {
  answersRead,
  axeViolations,
  countAnswersRead,
  describeE2E,
  drawn,
  holdAnswers,
  useE2E,
} from './harness.ts';
import { focusedName } from './keyboard.ts';
import { formatUkDateTime } from '../../src-main/domain/dates.ts';

describeE2E('import screen in Chromium', () => {
  const e2e = useE2E();
  const db = () => e2e.app.ctx.store.db;

  it('chooses a file, maps a column, previews errors, commits with a profile, and undoes', async () => {
    const file = writeWorkbook(join(e2e.app.dir, 'mosaic.xlsx'), {
      Notes: [['Read me']],
      Export: [
        ['Enquiries export'],
        [],
        ['Ref', 'Date Received', 'First Name', 'Surname', 'Family Email', 'EOI Date'],
        ['UI1', xlDate('2024-03-03'), 'Zoë', 'Brontë', 'zoe@example.org', xlDate('2024-03-20')],
        ['UI2', xlDate('2024-03-04'), 'Sam', 'Smith', 'sam@example.org', xlDate('2024-03-01')],
        ['UI3', '05/03/2024', 'Ann', 'Lee', 'ann@example.org', null],
      ],
    });
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    const table = page.getByRole('table', { name: /Columns in the file/ });
    await table.waitFor();
    expect(await page.getByLabel('Sheet', { exact: true }).inputValue()).toBe('Export');
    // Each sheet with its rows counted as a sentence counts them: one row is "1 row".
    expect(await page.getByLabel('Sheet', { exact: true }).locator('option').allTextContents()).toEqual([
      'Notes (1 row, no header found)',
      'Export (6 rows)',
    ]);
    expect(await page.getByLabel('Field for column Family Email').inputValue()).toBe('');

    // The order error is listed with file, sheet, Excel row and column.
    const errors = page.getByRole('table', { name: /Errors: these rows will not be imported/ });
    await expect
      .poll(() => errors.textContent())
      .toContain('EOI / application date 01/03/2024 is before the Enquiry date 04/03/2024.');
    const errorRow = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(errorRow.slice(0, 4)).toEqual(['mosaic.xlsx', 'Export', '5', 'F (EOI Date)']);

    await page.getByLabel('Field for column Family Email').selectOption('email');
    await page.getByRole('button', { name: 'Preview with this mapping' }).click();
    await expect.poll(() => page.getByLabel('Field for column Family Email').inputValue()).toBe('email');
    await expect
      .poll(() => page.getByRole('table', { name: /First rows as read from the file/ }).textContent())
      .toContain('zoe@example.org');
    const counts = await page.locator('dl.import-counts').textContent();
    expect(counts).toContain('New households2');
    expect(counts).toContain('Rejected1');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Save this mapping as (optional)').fill('Mosaic monthly');
    await page.getByRole('button', { name: 'Import 2 changes' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported as batch' }).textContent())
      .toContain('Imported as batch 1: 2 new');
    expect(db().prepare("SELECT email FROM households WHERE reference = 'UI1'").pluck().get()).toBe(
      'zoe@example.org',
    );
    expect(db().prepare('SELECT name FROM import_profiles').pluck().all()).toEqual(['Mosaic monthly']);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Undo import 1' }).click();
    await expect.poll(() => page.getByText('Import 1 undone').count()).toBe(1);
    expect(db().prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
    // Its row says when, as every time the app gives (dd/mm/yyyy hh:mm on the UK clock).
    const undoneAt = db()
      .prepare('SELECT undone_at FROM import_batches WHERE id = 1')
      .pluck()
      .get() as string;
    await expect
      .poll(() => page.getByRole('cell', { name: /^Undone / }).textContent())
      .toBe(`Undone ${formatUkDateTime(undoneAt)}`);
    // The banner no longer says the file was imported: the import it named is undone.
    expect(await page.getByText('Imported as batch').count()).toBe(0);
    await expect.poll(() => focusedName(page)).toContain('Import 1 undone');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows progress while reading and cancels mid-file without writing anything', async () => {
    const lines = ['Reference,Enquiry Date,First Name,Surname,Email'];
    for (let i = 0; i < 600_000; i++) lines.push(`Q${i},01/02/2024,N${i},S${i},q${i}@example.org`);
    const path = join(e2e.app.dir, 'big.csv');
    writeFileSync(path, lines.join('\n'));
    const before = db().prepare('SELECT COUNT(*) FROM households').pluck().get();
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(path);
    await page.getByRole('progressbar', { name: 'Rows read' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('cancelled');
    expect(db().prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(before);
    expect(db().prepare('SELECT COUNT(*) FROM import_batches WHERE undone_at IS NULL').pluck().get()).toBe(0);
    await page.close();
  });

  it('stays cancelled when a reading of the progress asked for before Cancel is answered after it', async () => {
    // The screen asks how far the reading has got every 150 ms. An answer to a question asked just
    // before Cancel, arriving after it, put the screen back to "reading" (and asked again).
    const lines = ['Reference,Enquiry Date,First Name,Surname'];
    for (let i = 0; i < 600_000; i++) lines.push(`C${i},01/02/2024,N${i},S${i}`);
    const path = join(e2e.app.dir, 'big-cancelled.csv');
    writeFileSync(path, lines.join('\n'));
    let jobs!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/import', {
      before: async (p) => {
        await countAnswersRead(p);
        jobs = await holdAnswers(p, 'imports.getJob');
      },
    });
    await page.locator('#import-file').setInputFiles(path);
    const progress = page.getByRole('progressbar', { name: 'Rows read' });
    await progress.waitFor();
    jobs.hold = true;
    await jobs.held();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('cancelled');
    const read = await answersRead(page, 'imports.getJob');
    jobs.release();
    await expect.poll(() => answersRead(page, 'imports.getJob')).toBe(read + 1);
    await drawn(page);
    expect(await progress.count()).toBe(0);
    expect(await page.getByRole('alert').textContent()).toContain('cancelled');

    // Another file chosen now is read as usual.
    jobs.hold = false;
    jobs.release();
    const small = join(e2e.app.dir, 'after-cancel.csv');
    writeFileSync(small, 'Reference,Enquiry Date,First Name,Surname\nAC1,03/03/2024,Ann,Lee\n');
    await page.locator('#import-file').setInputFiles(small);
    await page.getByRole('button', { name: 'Import 1 change', exact: true }).waitFor();
    await page.close();
  });

  it('choosing the same file again, fixed and saved under the same name, starts a new preview', async () => {
    // An input still holding a path fires no change for it: the fixed file was never read again.
    const file = join(e2e.app.dir, 'same-name.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,EOI Date,First Name,Surname\nSN1,03/03/2024,,Ann,Lee\nSN2,04/03/2024,01/03/2024,Sam,Smith\n',
    );
    const page = await e2e.open('#/import', { before: (p) => countAnswersRead(p) });
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import 1 change', exact: true }).waitFor();
    expect(await answersRead(page, 'imports.startImport')).toBe(1);
    const errors = page.getByRole('table', { name: /Errors: these rows will not be imported/ });
    expect(await errors.textContent()).toContain('is before the Enquiry date 04/03/2024');
    expect(await page.locator('#import-file-chosen').textContent()).toBe('File chosen: same-name.csv');
    // Fixed and saved under the same name, then chosen again: read afresh, both rows now new.
    writeFileSync(
      file,
      'Reference,Enquiry Date,EOI Date,First Name,Surname\nSN1,03/03/2024,,Ann,Lee\nSN2,04/03/2024,11/03/2024,Sam,Smith\n',
    );
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import 2 changes', exact: true }).waitFor();
    expect(await errors.count()).toBe(0);
    // And once more unchanged: a third preview of the file as it is.
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => answersRead(page, 'imports.startImport')).toBe(3);
    await page.getByRole('button', { name: 'Import 2 changes', exact: true }).waitFor();
    expect(await page.locator('#import-file').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a preview wider than the screen scrolls sideways from the keyboard, and axe finds nothing', async () => {
    // Every milestone column of the preview on show, with long names and addresses: wider than the screen.
    const file = join(e2e.app.dir, 'wide-preview.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,Initial Visit,EOI Date,Stage 1 Start,Stage 2 Start,Panel Date,Approval Date,First Name,Surname,Email,Postcode,Source\n' +
        'WP1,03/03/2024,05/03/2024,10/03/2024,01/04/2024,01/06/2024,01/10/2024,08/10/2024,Anne-Marie,Featherstonehaugh-Wright,anne-marie.featherstonehaugh-wright@example.org,CV10 0AB,Carer referral\n',
    );
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    const table = page.getByRole('table', { name: 'First rows as read from the file' });
    await expect.poll(() => table.textContent()).toContain('Featherstonehaugh-Wright');
    const scroller = table.locator('xpath=..');
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // One Tab stop, named by the table's caption: arrow keys then scroll it.
    expect(await scroller.getAttribute('tabindex')).toBe('0');
    expect(await scroller.getAttribute('role')).toBe('region');
    await scroller.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await page.close();
  });

  it('a register whose reference column is not recognised shows the mapping with Reference needed, and goes on', async () => {
    const file = writeWorkbook(join(e2e.app.dir, 'panel-register.xlsx'), {
      Register: [
        ['Panel Register', 'Carer Name', 'Date of Approval'],
        ['PR1', 'Joan Ashby', xlDate('2012-09-14')],
        ['PR2', 'Peter Okafor', xlDate('2018-03-02')],
      ],
    });
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    const needs = page.getByRole('region', { name: 'Choose the columns the file needs' });
    await needs.waitFor();
    expect(await needs.textContent()).toContain('A carers register needs a column for Reference');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('table', { name: /Columns in the file/ }).waitFor();
    expect(await page.getByLabel('Field for column Date of Approval').inputValue()).toBe('approval_date');
    const options = await page
      .getByLabel('Field for column Panel Register')
      .locator('option')
      .allTextContents();
    expect(options).toContain('Reference (needed)');
    // Nothing to import until the column is chosen: no Import button, only Cancel.
    expect(await page.getByRole('button', { name: /^Import \d+ changes?$/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Column for Reference').selectOption({ label: 'Panel Register' });
    expect(await page.getByLabel('Field for column Panel Register').inputValue()).toBe('reference');
    await page.getByRole('button', { name: 'Preview with this mapping' }).click();
    await expect.poll(() => page.locator('dl.import-counts').textContent()).toContain('New households2');
    expect(await needs.count()).toBe(0);
    await page.getByRole('button', { name: 'Import 2 changes' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported as batch' }).textContent())
      .toContain('2 new');
    expect(
      db().prepare("SELECT reference, status FROM households WHERE reference LIKE 'PR%' ORDER BY 1").all(),
    ).toEqual([
      { reference: 'PR1', status: 'approved' },
      { reference: 'PR2', status: 'approved' },
    ]);
    await page.close();
  });

  it('a header that fits two fields is marked and must be answered before importing', async () => {
    const file = writeWorkbook(join(e2e.app.dir, 'tie.xlsx'), {
      S: [
        ['Carer No', 'Approval / Deregistration Date', 'Surname'],
        ['TIE1', xlDate('2019-05-01'), 'Lee'],
      ],
    });
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    const table = page.getByRole('table', { name: /Columns in the file/ });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Approval \/ Deregistration Date/ });
    await expect
      .poll(() => row.textContent())
      .toContain('Could be Approval date or Deregistration date: choose one');
    expect(await page.getByLabel('Field for column Approval / Deregistration Date').inputValue()).toBe('');
    // The marked select is described by the words saying why (helper-247: only its colour and
    // aria-invalid said so, the words sat unlinked in the next cell).
    expect(
      await page
        .getByLabel('Field for column Approval / Deregistration Date')
        .evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toBe('Could be Approval date or Deregistration date: choose one');
    expect(await page.getByRole('button', { name: /^Import \d+ changes?$/ }).isDisabled()).toBe(true);
    expect(await page.getByText('Choose a field for each marked column').count()).toBe(1);

    await page.getByLabel('Field for column Approval / Deregistration Date').selectOption('approval_date');
    await page.getByRole('button', { name: 'Preview with this mapping' }).click();
    await expect
      .poll(() => page.getByLabel('Kind of file').locator('option').first().textContent())
      .toContain('carers register');
    await expect.poll(() => row.textContent()).not.toContain('Could be');
    await page.getByRole('button', { name: 'Import 1 change', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Imported as batch' }).textContent())
      .toContain('1 new');
    expect(
      db()
        .prepare(
          "SELECT m.kind, m.date FROM milestones m JOIN households h ON h.id = m.household_id WHERE h.reference = 'TIE1'",
        )
        .all(),
    ).toEqual([{ kind: 'approval', date: '2019-05-01' }]);
    await page.close();
  });
});
