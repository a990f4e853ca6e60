import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { axeViolations, describeE2E, holdAnswers, useE2E } from './harness.ts';

/** The focused element's accessible name as a screen reader hears it ('lost' when on the page's body). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'lost';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

/** A table's text as rows of cells, its header row first. */
const tableText = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((t) =>
      [...t.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );

// A report author working by keyboard, or with a screen reader, on the Reports screen.
describeE2E('Reports screen by keyboard and screen reader', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it("gives focus back to the number pressed when its households' list is closed", async () => {
    const page = await e2e.open('#/reports');
    const number = page.locator('#report-main .cell-button').first();
    await number.focus();
    const name = await focused(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^Households behind: /);
    await page.locator('.drill-panel p[role=status]').filter({ hasText: 'household' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Close list');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.drill-panel').count()).toBe(0);
    // Focus had fallen to the page's body: the next Tab started again at "Skip to main content".
    expect(await focused(page)).toBe(name);
    await page.close();
  });

  it('writes each figure as the report table does and heads its first column with what its rows are', async () => {
    const page = await e2e.open('#/reports?table=cohort');
    await page.locator('#report-main').waitFor();
    await page.getByRole('button', { name: 'Table view' }).click();
    const [heads, ...points] = await tableText(page, '.chart-table');
    const [mainHeads, ...mainRows] = await tableText(page, '#report-main');
    let compared = 0;
    for (const [period, ...figures] of points) {
      const column = mainHeads!.findIndex((h) => h === period || h.startsWith(`${period} (`));
      figures.forEach((figure, i) => {
        const row = mainRows.find((r) => r[0] === heads![i + 1]);
        // Before, the chart's table wrote the raw number: "66.7" beside the table's "66.7%", "10" for "10.0%".
        expect(figure, `${heads![i + 1]}, ${period}`).toBe(row![column]);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(10);

    // The Ofsted return's points are pathways, and diversity's are each year's groups: not periods or reasons.
    await page.getByLabel('Table', { exact: true }).selectOption('ofsted');
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('Ofsted');
    expect((await tableText(page, '.chart-table'))[0]![0]).toBe('Pathway');
    await page.getByLabel('Table', { exact: true }).selectOption('diversity');
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('Diversity');
    const diversity = await tableText(page, '.chart-table');
    expect(diversity[0]![0]).toBe('Group');
    expect(diversity[1]![1]).toMatch(/^(–|\d+\.\d%)$/);
    await page.close();
  });

  it("marks an immature cohort on the chart's axis as the table heads its column", async () => {
    const page = await e2e.open('#/reports?table=cohort');
    await page.locator('#report-main').waitFor();
    const [heads] = await tableText(page, '#report-main');
    const immature = heads!.filter((h) => h.endsWith(' (immature)'));
    expect(immature.length).toBeGreaterThan(0);
    const ticks = page.locator(
      '.report-chart .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
    );
    await ticks.first().waitFor({ state: 'attached' });
    // The axis read '2025/26' alone: a cohort with no time to reach approval, read as a final result.
    const labels = await ticks.allTextContents();
    for (const h of immature) expect(labels).toContain(h);
    expect(labels.filter((l) => l.endsWith(' (immature)'))).toEqual(immature);
    await page.getByRole('button', { name: 'Table view' }).click();
    const points = (await tableText(page, '.chart-table')).slice(1).map((r) => r[0]);
    expect(points).toEqual(heads!.slice(1).filter((h) => h !== 'Total'));
    await page.close();
  });

  it('ties a From after To to both year boxes, and lets go once the years are in order', async () => {
    const page = await e2e.open('#/reports?table=leaving');
    await page.locator('#report-main').waitFor();
    const from = page.getByLabel('From', { exact: true });
    const to = page.getByLabel('To', { exact: true });
    await from.selectOption('2024/25');
    await to.selectOption('2022/23');
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'The From year (2024/25) is after the To year (2022/23): choose a From year no later than 2022/23, or a To year no earlier than 2024/25.',
      );
    // The table of the options before stays, and says so (helper-244: it read as the refused range's).
    const stale = page.locator('.report-stale');
    await expect
      .poll(() => stale.textContent())
      .toMatch(/^The table below is still the one made before, for 20/);
    // The words were on screen, but the boxes were neither marked invalid nor described by them.
    for (const box of [from, to]) {
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      const ids = (await box.getAttribute('aria-describedby')) ?? '';
      const described = await page.evaluate(
        (list) =>
          list
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        ids,
      );
      expect(described).toBe(await alert.textContent());
    }
    expect(await axeViolations(page)).toEqual([]);
    await from.selectOption('2021/22');
    await expect.poll(() => alert.count()).toBe(0);
    expect(await stale.count()).toBe(0);
    for (const box of [from, to]) {
      expect(await box.getAttribute('aria-invalid')).toBeNull();
      expect(await box.getAttribute('aria-describedby')).toBeNull();
    }
    await page.close();
  });

  it('says politely when a table asked for is ready, with its name and rows', async () => {
    const page = await e2e.open('#/reports?table=leaving');
    await page.locator('#report-main').waitFor();
    const live = page.locator('.report-live');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    const title = page.locator('#report-title');
    const leaving = await title.textContent();
    const answers = await holdAnswers(page, 'reports.getTable');
    answers.hold = true;
    await page.getByLabel('Table', { exact: true }).selectOption('dropout');
    await answers.held();
    await expect.poll(() => live.textContent()).toBe('Working out the table…');
    answers.hold = false;
    answers.release();
    await expect.poll(() => title.textContent()).not.toBe(leaving);
    await page.locator('#report-main').waitFor();
    const rows = await page.locator('#report-main tbody tr').count();
    // 'Working out the table…' went, and nothing followed: the table came in silence.
    await expect
      .poll(() => live.textContent())
      .toBe(`Table ready: ${await title.textContent()}, ${rows} rows.`);
    await page.close();
  });

  it('tells the series apart without their colours: each line its own dash, key and tooltip in the ink', async () => {
    const page = await e2e.open('#/reports?table=timescales');
    const lines = page.locator('.report-chart .recharts-line-curve');
    await lines.first().waitFor({ state: 'attached' });
    // Eight lines of medians, told apart by colour alone (the olive and the blue lines alike to many).
    const dashes = await lines.evaluateAll((es) => es.map((e) => e.getAttribute('stroke-dasharray') ?? ''));
    expect(dashes.length).toBeGreaterThanOrEqual(5);
    expect(new Set(dashes).size).toBe(dashes.length);
    const ink = await page.evaluate(() => getComputedStyle(document.body).color);
    const keyColours = () =>
      page
        .locator('.report-chart .recharts-legend-item-text')
        .evaluateAll((es) => es.map((e) => getComputedStyle(e).color));
    // The key's words were in the series' colours: the orange (#E69F00) reads at 2.25:1 on white.
    expect(new Set(await keyColours())).toEqual(new Set([ink]));

    await page.getByLabel('Table', { exact: true }).selectOption('retention');
    await expect.poll(() => page.locator('#report-title').textContent()).toContain('Retention');
    const chart = page.locator('.report-chart .recharts-wrapper > svg').first();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
    await page.locator('.recharts-tooltip-item').first().waitFor();
    expect(new Set(await keyColours())).toEqual(new Set([ink]));
    // The tooltip under the pointer wrote each series' name and figure in its colour (axe: colour contrast).
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says an export is being made while it is, and a refusal goes once the next export is saved', async () => {
    const page = await e2e.open('#/reports');
    const exports = await holdAnswers(page, 'reports.exportTable');
    const live = page.locator('.report-live');
    const save = page.getByRole('button', { name: 'Save as Excel', exact: true });
    await page.locator('#report-main').waitFor();
    exports.hold = true;
    await save.focus();
    await page.keyboard.press('Enter');
    await exports.held();
    // Nothing was said until the file came: every table to Word takes seconds, and was pressed again.
    await expect.poll(() => live.textContent()).toBe('Making the Excel workbook…');
    exports.release();
    exports.hold = false;
    await expect.poll(() => live.textContent()).toBe('Saved the Excel workbook.');

    await page.route(
      /\/api\/reports\.exportTable$/,
      (r) =>
        r.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'internal', message: 'The table could not be saved.' } }),
        }),
      { times: 1 },
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The table could not be saved.');
    expect(await live.textContent()).toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(() => live.textContent()).toBe('Saved the Excel workbook.');
    // The refusal stayed on screen beside "Saved", as though this export had failed too.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await focused(page)).toBe('Save as Excel');
    await page.close();
  });

  it('saves the chart itself as SVG and PNG, not the first swatch of its key', async () => {
    const page = await e2e.open('#/reports');
    await page.locator('.report-chart .recharts-wrapper > svg').waitFor();
    const save = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      return readFileSync((await download.path())!);
    };
    const svg = (await save('Save chart as SVG')).toString('utf8');
    // It held a 14 by 14 square: the key's swatch for 'Number of initial enquiries'.
    expect(svg).not.toContain('legend icon');
    expect(svg).toMatch(/<svg[^>]* width="620"/);
    expect(svg).toContain('2024/25');
    const png = await save('Save chart as PNG');
    // A PNG's width is the 4 bytes from byte 16 (drawn at twice the size).
    expect(png.readUInt32BE(16)).toBe(1240);
    await page.close();
  });

  it("draws a saved chart's key readably: each label after its swatch, spaced, in lines within the picture", async () => {
    const page = await e2e.open('#/reports?table=leaving');
    const viewer = await e2e.browser.newPage();
    // Nine reasons for leaving as bars, and eight medians as dashed lines: the longest keys.
    for (const table of ['leaving', 'timescales']) {
      await page.getByLabel('Table', { exact: true }).selectOption(table);
      await page.locator('.report-chart .recharts-legend-item').first().waitFor();
      const labels = await page.locator('.report-chart .recharts-legend-item-text').allTextContents();
      expect(labels.length).toBeGreaterThanOrEqual(8);
      const save = async (button: string) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: button, exact: true }).click(),
        ]);
        return readFileSync((await download.path())!);
      };
      const svg = (await save('Save chart as SVG')).toString('utf8');
      // The file as another program shows it: on a page of its own, measured there.
      await viewer.setContent(`<body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
      const drawn = await viewer.evaluate((keyLabels) => {
        const root = document.querySelector('svg')!;
        const size = {
          width: Number(root.getAttribute('width')),
          height: Number(root.getAttribute('height')),
        };
        const texts = [...root.querySelectorAll('text')];
        const boxes = texts.map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        });
        const key = keyLabels.map((label) => {
          const t = texts.find((e) => (e.textContent ?? '') === label);
          const icon = t?.previousElementSibling?.querySelector('.recharts-legend-icon');
          const i = icon?.getBoundingClientRect();
          const r = t?.getBoundingClientRect();
          return {
            label,
            found: !!t,
            swatch: !!(
              i &&
              r &&
              i.right <= r.left &&
              r.left - i.right < 10 &&
              i.bottom > r.top &&
              i.top < r.bottom
            ),
          };
        });
        return { size, boxes, key };
      }, labels);
      // The key was one line of words ('A · B · C…', no swatches) running off the picture's right edge.
      expect(drawn.key.filter((k) => !k.found || !k.swatch)).toEqual([]);
      for (const b of drawn.boxes) {
        expect(b.left, b.text).toBeGreaterThanOrEqual(0);
        expect(b.right, b.text).toBeLessThanOrEqual(drawn.size.width);
        expect(b.bottom, b.text).toBeLessThanOrEqual(drawn.size.height);
      }
      // No label of the key over another, nor over the chart's own words.
      const overlaps = drawn.boxes.flatMap((a, i) =>
        drawn.boxes
          .slice(i + 1)
          .filter((b) => labels.includes(a.text) || labels.includes(b.text))
          .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          .map((b) => `${a.text} / ${b.text}`),
      );
      expect(overlaps).toEqual([]);
      const png = await save('Save chart as PNG');
      // A PNG's width and height are the 4 bytes each from byte 16, drawn at twice the size.
      expect(png.readUInt32BE(16)).toBe(2 * drawn.size.width);
      expect(png.readUInt32BE(20)).toBe(2 * drawn.size.height);
    }
    await viewer.close();
    await page.close();
  });

  it('marks each bar series with its own pattern over its colour, in the chart and in its saved SVG', async () => {
    const page = await e2e.open('#/reports?table=dropout');
    const bars = page.locator('.report-chart .recharts-bar');
    await bars.first().waitFor({ state: 'attached' });
    // Five stages stacked in five colours, told apart by colour alone; the key draws each one's fill.
    const fills = await page
      .locator('.report-chart .recharts-legend-item .recharts-legend-icon')
      .evaluateAll((es) => es.map((e) => e.getAttribute('fill') ?? '(no fill)'));
    expect(fills.length).toBe(5);
    const patterns = await page.evaluate(
      (urls) =>
        urls.map((url) => {
          const id = /^url\(#(.+)\)$/.exec(url)?.[1];
          return id ? (document.getElementById(id)?.innerHTML ?? '(missing)') : url;
        }),
      fills,
    );
    expect(new Set(patterns).size).toBe(5);
    expect(patterns.filter((p) => p.startsWith('<rect')).length).toBe(5);
    const drawn = await page
      .locator('.report-chart .recharts-bar-rectangle path')
      .evaluateAll((es) => [...new Set(es.map((e) => e.getAttribute('fill')))]);
    expect(drawn.length).toBeGreaterThan(1);
    for (const fill of drawn) expect(fills).toContain(fill);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save chart as SVG' }).click(),
    ]);
    const svg = readFileSync((await download.path())!, 'utf8');
    for (const url of fills) expect(svg).toContain(`id="${/#(.+)\)/.exec(url)![1]}"`);
    await page.close();
  });
});
