import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPORT_TABLES, REPORT_TABLE_LABELS, reportSheetName } from '../../src-main/contract/reports.ts';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { readDocx } from '../support/docx.ts';
import { axeViolations, describeE2E, holdAnswers, useE2E } from './harness.ts';

const RANGE = { from: '2022/23', to: '2024/25' };

/** The value shown in the main table for a row label and column heading. */
async function cell(page: Page, rowLabel: string, column: string): Promise<string> {
  return page.evaluate(
    ([rowLabel, column]) => {
      const table = document.querySelector('#report-main')!;
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
      const index = heads.indexOf(column);
      const row = [...table.querySelectorAll('tbody tr')].find(
        (tr) => tr.querySelector('th')?.textContent?.trim() === rowLabel,
      );
      return row?.children[index]?.textContent?.trim() ?? `(no cell ${rowLabel} / ${column})`;
    },
    [rowLabel, column] as const,
  );
}

async function choose(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).selectOption(value);
}

describeE2E('Reports screen in Chromium', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('opens every table, each with a chart, a table and definitions, axe-clean', async () => {
    const page = await e2e.open('#/reports');
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    for (const table of REPORT_TABLES) {
      await choose(page, 'Table', table);
      // Named: once under E2E_SLOW_CORE and a CPU hog one table's caption did not come within the poll.
      await expect
        .poll(() => page.locator('#report-main caption').textContent(), { message: `${table}'s caption` })
        .not.toContain('…');
      await page.locator('.report-chart svg').first().waitFor();
      expect(await page.getByText('Definitions: how each row is counted').count()).toBe(1);
      expect(await page.locator('#chart-caption').textContent()).toContain('Chart:');
      expect(await axeViolations(page), `${REPORT_TABLE_LABELS[table]}`).toEqual([]);
    }
    await page.close();
  });

  it('offers no years for the forecast, which is always the next four quarters from today', async () => {
    const page = await e2e.open('#/reports');
    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('From').waitFor();
    await choose(page, 'Table', 'forecast');
    await expect.poll(() => page.locator('#report-title').textContent()).toContain('forecast');
    expect(await options.getByLabel('From').count()).toBe(0);
    expect(await options.getByLabel('To', { exact: true }).count()).toBe(0);
    await choose(page, 'Table', 'forecast-backtest');
    await options.getByLabel('From').waitFor();
    expect(await options.getByLabel('To', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it("lists the chart's key in the table's order: stages as the journey runs, reasons as listed", async () => {
    // The key read "EOI, Enquiry, Panel, Stage 1, Stage 2" beside bars stacked Enquiry first, and the
    // leaving reasons from "Decided fostering not for them": recharts sorts its key by label.
    const page = await e2e.open('#/reports');
    const key = () => page.locator('.report-chart .recharts-legend-item-text').allTextContents();
    await choose(page, 'Table', 'dropout');
    await expect.poll(key).toEqual(['Enquiry', 'EOI', 'Stage 1', 'Stage 2', 'Panel']);
    await choose(page, 'Table', 'leaving');
    const reasons = (await e2e.app.call('reasons.listReasons', { list: 'leaving' })).map((r) => r.label);
    await expect.poll(key).toEqual(reasons);
    await choose(page, 'Table', 'funnel');
    await expect
      .poll(key)
      .toEqual([
        'Number of initial enquiries',
        'Expressions of interest following enquiry (EOI)',
        'Assessments started at stage 1',
        'Assessments commencing to stage 2',
        'Number of households approved',
      ]);
    await page.close();
  });

  it("opening on a table's link asks the core for that table once, at start-up, and draws it", async () => {
    const asked: string[] = [];
    const page = await e2e.open('#/reports?table=sources', {
      before: (p) => {
        p.on('request', (r) => {
          if (r.url().includes('/api/'))
            asked.push(`${r.url().replace(/^.*\/api\//, '')} ${r.postData() ?? ''}`);
        });
        p.on('request', (r) => {
          if (/\/assets\/ReportChart-[^/]*\.js$/.test(r.url())) asked.push('chart code');
        });
      },
    });
    await expect
      .poll(() => page.locator('#report-title').textContent())
      .toBe('Enquiries by source, with conversion to EOI and approval');
    await page.locator('.report-chart svg').first().waitFor();
    const tables = asked.filter((a) => a.startsWith('reports.getTable'));
    expect(tables).toEqual(['reports.getTable {"table":"sources","options":{}}']);
    // Asked for at once, beside the status, and after the chart's code: one Node process answers
    // both in browser mode, and a table being worked out would hold up code asked for after it.
    expect(asked.findIndex((a) => a.startsWith('system.getStatus'))).toBeLessThan(asked.indexOf(tables[0]!));
    expect(asked.indexOf('chart code')).toBeGreaterThan(-1);
    expect(asked.indexOf('chart code')).toBeLessThan(asked.indexOf(tables[0]!));
    // Choosing another table asks the core again, as usual.
    await choose(page, 'Table', 'funnel');
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    expect(asked.filter((a) => a.startsWith('reports.getTable'))).toHaveLength(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('draws the chart in the same frame as its table when its code is already in', async () => {
    // React.lazy suspended on the screen's first mount even with the code in, and React holds a
    // revealed Suspense boundary back up to 0.3 s: the chart came a good while after its table.
    let codeIn!: (url: string) => void;
    const chartCode = new Promise<string>((resolve) => (codeIn = resolve));
    const page = await e2e.open('#/households', {
      before: (p) =>
        void p.on(
          'requestfinished',
          (r) => /\/assets\/ReportChart-[^/]*\.js$/.test(r.url()) && codeIn(r.url()),
        ),
    });
    // Other screens fetch the chart's code shortly after opening (App.tsx); importing the same
    // module resolves once the page's own import of it has run.
    const url = await chartCode;
    // (A string: vitest would rewrite an import() written in the test's own code.)
    await page.evaluate(`import(${JSON.stringify(url)}).then(() => true)`);
    const chartWithTitle = await page.evaluate(
      () =>
        new Promise<boolean>((done) => {
          const look = () =>
            document.querySelector('#report-title')
              ? done(!!document.querySelector('.report-chart svg'))
              : requestAnimationFrame(look);
          window.location.hash = '#/reports';
          requestAnimationFrame(look);
        }),
    );
    expect(chartWithTitle).toBe(true);
    await page.close();
  });

  it("says so when the chart's code cannot load, and the chart's figures stay readable as a table", async () => {
    // The chart's code failing to arrive leaves the screen usable: a message, and the chart's figures as a table.
    const page = await e2e.open('#/reports', {
      before: (p) => p.route(/\/assets\/ReportChart-[^/]*\.js$/, (r) => r.abort()),
    });
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    await page.getByText('The chart could not be loaded').waitFor();
    await page.getByRole('button', { name: 'Table view' }).click();
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('chart data');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('switches range, quarters, pathway and suppression, showing the same numbers as the core', async () => {
    const page = await e2e.open('#/reports');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    await expect.poll(() => cell(page, 'Number of initial enquiries', '2022/23')).toBe('2');
    expect(
      await cell(page, 'Conversion rate – enquiry to full assessment (expression of interest)', '2023/24'),
    ).toBe('66.7%');
    expect(await cell(page, 'Conversion rate – enquiry to approval (EOI)', '2024/25')).toBe('–');

    await page.getByLabel('Quarters').check();
    await expect.poll(() => cell(page, 'Number of initial enquiries', '2023/24 Q4')).toBe('1');

    await page.getByLabel('Financial years').check();
    await choose(page, 'Pathway', 'kinship');
    await expect.poll(() => cell(page, 'Number of initial enquiries', '2023/24')).toBe('1');
    await choose(page, 'Pathway', 'all');
    await expect.poll(() => cell(page, 'Number of initial enquiries', '2023/24')).toBe('3');

    await page.getByLabel(/Suppress small numbers/).check();
    await expect.poll(() => cell(page, 'Number of initial enquiries', '2023/24')).toBe('<5');
    expect(await cell(page, 'Conversion rate – enquiry to approval (EOI)', '2023/24')).toBe('–');
    expect(await page.locator('.report-meta').textContent()).toContain('small numbers suppressed');

    await page.getByRole('button', { name: 'Table view' }).click();
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('chart data');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('offers no Pathway choice for the kinship table, which is the kinship pathway whatever it says', async () => {
    const page = await e2e.open('#/reports?table=kinship');
    await page.locator('#report-main').waitFor();
    await expect
      .poll(() => page.locator('.report-meta').textContent())
      .toContain('Kinship (connected persons)');
    // It read "Mainstream" above the kinship table, and choosing another pathway changed nothing.
    expect(await page.getByLabel('Pathway', { exact: true }).count()).toBe(0);
    await choose(page, 'Table', 'funnel');
    await expect.poll(() => page.getByLabel('Pathway', { exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('drills from a number to the households behind it, linking to each record', async () => {
    const page = await e2e.open('#/reports?table=dropout');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    // Each section's row labels have a heading a screen reader reads with them, not a hidden "Row".
    expect(await page.locator('#report-ended_by thead th').first().textContent()).toBe('Who ended it');
    expect(await page.locator('#report-exit_interviews thead th').first().textContent()).toBe(
      'Exit interview',
    );
    await page.getByRole('button', { name: /^1: Lost contact \/ no response, Enquiry/ }).click();
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('1 household');
    const link = panel.getByRole('link', { name: 'H2' });
    expect(await link.getAttribute('href')).toMatch(/^#\/household\?id=\d+$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('drill-title');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close list' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await page.close();
  });

  it("shows the leaving table's exit interviews after the cessations, each number opening its households", async () => {
    // H1 ceased on 30/06/2024 (2024/25); its interview held, a reason given, might return.
    const db = e2e.app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'H1'").pluck().get() as number;
    const cessationId = (await e2e.app.call('households.getHousehold', { id })).cessation!.id;
    await e2e.app.call('households.saveExitInterview', {
      id,
      cessationId,
      status: 'held',
      offeredDate: '2024-07-01',
      heldDate: '2024-07-15',
      heldBy: 'A. Worker',
      reasons: ['personal_circumstances'],
      notes: null,
      mightReturn: true,
    });
    const page = await e2e.open('#/reports?table=leaving');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    const coverage = page.locator('#report-exit_interviews');
    await expect
      .poll(() => coverage.locator('caption').textContent())
      .toContain('Exit-interview coverage of these cessations');
    expect(await coverage.locator('thead th').first().textContent()).toBe('Exit interview');
    expect(await page.locator('#report-exit_interview_answers thead th').first().textContent()).toBe(
      'Said in the interview',
    );
    await expect
      .poll(() => page.getByRole('heading', { name: 'What carers said in the exit interviews held' }).count())
      .toBe(1);
    // By keyboard: the count of carers who might return opens them.
    const mightReturn = page.getByRole('button', { name: /^1: Might return to fostering later, 2024\/25/ });
    await mightReturn.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('1 household');
    expect(await panel.getByRole('link', { name: 'H1' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows what applicants said in the exit interviews held under the drop-out table, each number opening its households', async () => {
    // H2 closed again at EOI (circumstances changed) in the range; its interview held, now with a
    // reason given and might return (its closure at Enquiry was lost contact: none held after it).
    // A declined interview's ticked reason is not what was said: H2's is the only one.
    const db = e2e.app.ctx.store.db;
    const id = db.prepare("SELECT id FROM households WHERE reference = 'H2'").pluck().get() as number;
    const closure = (await e2e.app.call('households.getHousehold', { id })).closures.find(
      (c) => c.endedBy === 'applicant',
    )!;
    await e2e.app.call('households.saveExitInterview', {
      id,
      closureId: closure.id,
      status: 'held',
      offeredDate: closure.date,
      heldDate: closure.date,
      heldBy: 'A. Worker',
      reasons: ['not_as_expected'],
      notes: null,
      mightReturn: true,
    });
    const page = await e2e.open('#/reports?table=dropout');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    const answers = page.locator('#report-exit_interview_answers');
    await expect
      .poll(() => answers.locator('caption').textContent())
      .toContain('What applicants said in the exit interviews held');
    expect(await answers.locator('thead th').first().textContent()).toBe('Said in the interview');
    // Under the coverage of the same drop-outs, by the stages reached.
    expect(await page.locator('table[id^="report-"]').evaluateAll((ts) => ts.map((t) => t.id))).toEqual([
      'report-main',
      'report-ended_by',
      'report-exit_interviews',
      'report-exit_interview_answers',
    ]);
    expect(await answers.locator('thead th').allTextContents()).toEqual([
      'Said in the interview',
      'Enquiry',
      'EOI',
      'Stage 1',
      'Stage 2',
      'Panel',
      'Total',
    ]);
    expect(
      await page
        .getByRole('button', { name: /^1: Reason given: Fostering was not as the applicant expected, Total/ })
        .count(),
    ).toBe(1);
    // By keyboard: the count of applicants who might return opens them.
    const mightReturn = page.getByRole('button', { name: /^1: Might return later, EOI/ });
    await mightReturn.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('1 household');
    expect(await panel.getByRole('link', { name: 'H2' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('exports xlsx and csv that read back with the on-screen numbers, the chart as SVG and PNG, and copies for Word', async () => {
    const page = await e2e.open('#/reports?table=leaving');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    await expect.poll(() => cell(page, 'Total', 'Total')).toBe('2');

    const save = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };

    const xlsx = await save('Save as Excel');
    expect(xlsx.name).toBe('leaving-2022-23-2024-25-mainstream.xlsx');
    const grid = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(xlsx.bytes).Sheets['Reasons for leaving']!, {
      header: 1,
    });
    expect(grid[0]![0]).toBe('Approved households that ceased to foster, by reason for leaving');
    expect(grid.find((l) => l[0] === 'Permanence plan for child (including Staying Put)')).toEqual([
      'Permanence plan for child (including Staying Put)',
      0,
      1,
      0,
      1,
    ]);
    expect(await cell(page, 'Permanence plan for child (including Staying Put)', '2023/24')).toBe('1');

    const csv = await save('Save as CSV');
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(
      XLSX.read(text.slice(1), { type: 'string' }).Sheets.Sheet1!,
      { header: 1 },
    );
    expect(rows.find((l) => l[0] === 'Total')).toEqual(['Total', 0, 1, 1, 2]);

    const svg = await save('Save chart as SVG');
    // Named as the Excel file is: the mainstream and kinship charts never take each other's name.
    expect(svg.name).toBe('leaving-2022-23-2024-25-mainstream.svg');
    expect(svg.bytes.toString('utf8')).toMatch(
      /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    const png = await save('Save chart as PNG');
    expect(png.name).toBe('leaving-2022-23-2024-25-mainstream.png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const all = await save('Save all tables to Excel');
    expect(XLSX.read(all.bytes).SheetNames).toEqual(REPORT_TABLES.map((t) => reportSheetName(t)));

    await page.getByRole('button', { name: 'Copy for Word' }).click();
    await expect.poll(() => page.locator('.report-live').textContent()).toContain('Copied the table');
    const html = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      return item ? await (await item.getType('text/html')).text() : '';
    });
    expect(html).toContain('<table');
    // The text-cell marks a spreadsheet reads survive Chromium's clipboard.
    expect(html).toMatch(/<th scope="row" sdnum="2057;0;@" style="[^"]*mso-number-format:'\\@'/);
    expect(html).toMatch(
      /Permanence plan for child \(including Staying Put\)<\/th><td[^>]*>0<\/td><td[^>]*>1<\/td>/,
    );
    // The plain-text twin (what a program taking no HTML pastes) comes from the core, tab-separated.
    const plain = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/plain'));
      return item ? await (await item.getType('text/plain')).text() : '';
    });
    expect(plain.split('\n')).toContain('Permanence plan for child (including Staying Put)\t0\t1\t0\t1');
    await page.close();
  });

  it('saves the table as a Word document, and every table in one', async () => {
    const page = await e2e.open('#/reports?table=leaving');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    // The table for the range chosen (its total alone can be the same for the range before, and Save
    // pressed then saved that one: seen once on a loaded host).
    await expect.poll(() => page.locator('.report-meta').textContent()).toContain('to 31 March 2025');
    await expect.poll(() => cell(page, 'Total', 'Total')).toBe('2');
    const save = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };

    const word = await save('Save as Word');
    expect(word.name).toBe('leaving-2022-23-2024-25-mainstream.docx');
    await expect.poll(() => page.locator('.report-live').textContent()).toContain('Saved the Word document.');
    const doc = readDocx(word.bytes);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Approved households that ceased to foster, by reason for leaving',
    ]);
    expect(doc.paragraphs.map((p) => p.text)).toContain('Pathway: Mainstream');
    const table = doc.tables[0]!;
    expect(table.rows[0]).toEqual(['Reason for leaving', '2022/23', '2023/24', '2024/25', 'Total']);
    expect(table.headerRows).toEqual([0]);
    const permanence = 'Permanence plan for child (including Staying Put)';
    expect(table.rows.find((r) => r[0] === permanence)).toEqual([permanence, '0', '1', '0', '1']);
    expect(await cell(page, permanence, '2023/24')).toBe('1');
    expect(table.rows.find((r) => r[0] === 'Total')).toEqual(['Total', '0', '1', '1', '2']);

    const all = await save('Save all tables to Word');
    expect(all.name).toBe('reports-2022-23-2024-25-mostly-mainstream.docx');
    const everyTable = readDocx(all.bytes);
    expect(everyTable.paragraphs.filter((p) => p.style === 'Heading1')).toHaveLength(REPORT_TABLES.length);
    expect(everyTable.orientations).toHaveLength(REPORT_TABLES.length);
    expect(everyTable.tables.find((t) => t.caption === doc.tables[0]!.caption)!.rows).toEqual(table.rows);

    // Suppressed, every file's name says so: an internal copy and a publishable one were named alike.
    await page.getByLabel(/Suppress small numbers/).check();
    await expect.poll(() => page.locator('.report-meta').textContent()).toContain('small numbers suppressed');
    const hidden = await save('Save as Word');
    expect(hidden.name).toBe('leaving-2022-23-2024-25-mainstream-suppressed.docx');
    expect(readDocx(hidden.bytes).paragraphs.map((p) => p.text)).toContain('Small numbers suppressed (<5)');
    expect((await save('Save chart as SVG')).name).toBe('leaving-2022-23-2024-25-mainstream-suppressed.svg');
    const hiddenAll = await save('Save all tables to Excel');
    expect(hiddenAll.name).toBe('reports-2022-23-2024-25-mostly-mainstream-suppressed.xlsx');
    await page.close();
  });

  it('saves the table on screen while new options are still being worked out', async () => {
    // The form says kinship before its table arrives: a save then was of the kinship table, under
    // the mainstream figures still on screen.
    const page = await e2e.open('#/reports?table=leaving');
    await page.locator('#report-main').waitFor();
    await choose(page, 'From', RANGE.from);
    await choose(page, 'To', RANGE.to);
    await expect.poll(() => cell(page, 'Total', 'Total')).toBe('2');
    const answers = await holdAnswers(page, 'reports.getTable');
    answers.hold = true;
    await choose(page, 'Pathway', 'kinship');
    await answers.held();
    await expect.poll(() => page.locator('.report-live').textContent()).toContain('Working out the table');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('leaving-2022-23-2024-25-mainstream.csv');
    const text = readFileSync((await download.path())!).toString('utf8');
    expect(text).toContain('Pathway: Mainstream');
    answers.hold = false;
    answers.release();
    await expect.poll(() => cell(page, 'Total', 'Total')).not.toBe('(no cell Total / Total)');

    // Save all gives every table the form's options, whichever table is on screen: the Ofsted
    // return's own (one year, all pathways) are its alone.
    const saveAll = async () => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Save all tables to Excel', exact: true }).click(),
      ]);
      return file.suggestedFilename();
    };
    await expect.poll(() => cell(page, 'Total', 'Total')).toBe('0');
    const fromLeaving = await saveAll();
    expect(fromLeaving).toBe('reports-2022-23-2024-25-mostly-kinship.xlsx');
    await choose(page, 'Table', 'ofsted');
    await page
      .getByRole('heading', { name: /Ofsted/ })
      .first()
      .waitFor();
    await expect.poll(() => page.locator('.report-live').textContent()).not.toContain('Working out');
    // Ofsted collects no initial enquiries of family and friends households: said, not a 0 to click.
    expect(await cell(page, 'Initial enquiries', 'Family and friends')).toBe('not collected');
    expect(
      await page
        .locator('#report-main tbody tr', { hasText: 'Initial enquiries' })
        .getByRole('button')
        .count(),
    ).toBe(2);
    expect(await saveAll()).toBe(fromLeaving);

    // While another table is worked out none is on screen, so nothing can be saved.
    answers.hold = true;
    await choose(page, 'Table', 'funnel');
    await answers.held();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save as Excel', exact: true }).isDisabled())
      .toBe(true);
    answers.hold = false;
    answers.release();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save as Excel', exact: true }).isDisabled())
      .toBe(false);
    await page.close();
  });
});
