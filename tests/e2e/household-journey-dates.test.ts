import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// Keyboard only. Dates are typed as eight digits (06062026), which the date fields read as ddmmyyyy.
describeE2E('the kinship journey and panel minutes on the household record, by keyboard', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      pathway: 'kinship',
      enquiryDate: '2026-06-01',
      firstName: 'Grace',
      surname: 'Adeyemi',
    });
    const m = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Tom',
      surname: 'Hughes',
    });
    for (const [kind, date] of [
      ['eoi', '2026-01-10'],
      ['stage1', '2026-02-01'],
      ['stage2', '2026-05-01'],
      ['panel', '2026-11-02'],
    ] as const)
      await app.call('households.recordMilestone', { id: m.id, kind, date });
    await app.call('households.createHousehold', { enquiryDate: '2026-11-20', surname: 'Early' });
  });
  const steps = (id: number) =>
    e2e.app.ctx.store.db
      .prepare(
        'SELECT kind, date, detail, reason FROM journey_dates WHERE household_id = ? ORDER BY date, kind',
      )
      .all(id);
  let page: Page;
  /**
   * Waits for the form to offer the step as recorded on that date: the form starts afresh once the
   * screen hears back, so typing the next step before then would be wiped (the core writes first).
   */
  const shown = (step: string, date: string) =>
    expect
      .poll(() => page.getByLabel('Step', { exact: true }).locator('option').allTextContents())
      .toContain(`${step} (recorded ${date})`);
  /** Moves to the step's date and types it (the step chosen stays as it is). */
  const record = async (date: string) => {
    await tabTo(page, 'Step date');
    await page.keyboard.type(date);
  };

  it('follows a kinship household from viability request to an extended reg 24 clock, correcting and removing', async () => {
    page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Grace Adeyemi/ }).waitFor();
    const section = page.getByRole('region', { name: 'Kinship journey' });
    await expect.poll(() => section.textContent()).toContain('No kinship journey dates recorded yet.');

    // The first step offered is the viability request.
    await record('06062026');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => steps(1))
      .toEqual([{ kind: 'viability_request', date: '2026-06-06', detail: null, reason: null }]);
    await expect
      .poll(() => section.textContent())
      .toContain('Application received 06/06/2026 (from the viability request');
    // Closed now, it would stand at Stage 1: the viability request is its application (stageAtClosure).
    await expect
      .poll(() => page.getByRole('form', { name: 'Close the household' }).textContent())
      .toContain('Stage reached: Stage 1 (from the milestones and the viability request');

    // The outcome comes next; without its result the core refuses, naming the field, and stores nothing.
    await record('07072026');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Say whether the viability outcome was positive or negative.');
    expect(steps(1)).toHaveLength(1);
    await tabTo(page, 'Viability outcome');
    await page.keyboard.type('Pos');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => steps(1))
      .toContainEqual({
        kind: 'viability_outcome',
        date: '2026-07-07',
        detail: 'positive',
        reason: null,
      });
    await shown('Viability outcome', '07/07/2026');

    await record('08082026');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    // 16 weeks from the placement (never the enquiry).
    await expect
      .poll(() => section.textContent())
      .toContain('Temporary approval (reg 24) from 08/08/2026: limit 28/11/2026');

    await record('09092026');
    await tabTo(page, 'Why it was extended');
    await page.keyboard.type('Assessor on leave');
    // Extended by 6 weeks, not the 8 reg 25 allows at most: 22 weeks from the placement, not 24.
    await tabTo(page, 'Length of the extension');
    await page.keyboard.type('6');
    expect(await page.getByLabel('Length of the extension').inputValue()).toBe('6');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect.poll(() => section.textContent()).toContain('extended limit 09/01/2027');
    expect(await section.getByRole('table').textContent()).toContain('6 weeks: Assessor on leave');

    // Correcting a recorded date needs a reason.
    await tabTo(page, 'Step');
    await page.keyboard.type('Reg 24');
    // The field shows the recorded date first (typing over it before then would add to the old text).
    await expect.poll(() => page.getByLabel('Step date').inputValue()).toBe('08/08/2026');
    await record('07072026');
    await tabTo(page, 'Correct journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain(
        'Reg 24 placement (temporary approval) is already recorded (08/08/2026); give a reason to correct it.',
      );
    expect(steps(1)).toContainEqual({
      kind: 'reg24_placement',
      date: '2026-08-08',
      detail: null,
      reason: null,
    });
    await tabTo(page, 'Reason for correcting or removing it');
    await page.keyboard.type('Placement date misread');
    await tabTo(page, 'Correct journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => steps(1))
      .toContainEqual({
        kind: 'reg24_placement',
        date: '2026-07-07',
        detail: null,
        reason: null,
      });
    await shown('Reg 24 placement (temporary approval)', '07/07/2026');

    await tabTo(page, 'Step');
    await page.keyboard.type('Reg 25');
    await tabTo(page, 'Reason for correcting or removing it');
    await page.keyboard.type('Entered on the wrong household');
    await tabTo(page, 'Remove journey date');
    await page.keyboard.press('Enter');
    await expect.poll(() => steps(1).map((s) => (s as { kind: string }).kind)).not.toContain('extension');
    await expect.poll(() => section.textContent()).toContain('from 07/07/2026: limit 27/10/2026');
    const table = await section.getByRole('table').textContent();
    expect(table).toContain('Positive');
    expect(table).toContain('06/06/2026');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('records the panel minutes of a mainstream household after its panel, and offers nothing before it', async () => {
    const early = await e2e.open('#/household?id=3');
    await early.getByRole('heading', { level: 1, name: /FF000003/ }).waitFor();
    expect(await early.getByRole('region', { name: 'Journey dates' }).count()).toBe(0);
    await early.close();

    page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002 Tom Hughes/ }).waitFor();
    const section = page.getByRole('region', { name: 'Journey dates' });
    await section.waitFor();
    // A mainstream household's steps; the kinship steps are not offered. Past Stage 2, the panel
    // minutes are the step offered first (no Stage 1 decision waits on its information now).
    expect(await page.getByLabel('Step', { exact: true }).locator('option').allTextContents()).toEqual([
      'Stage 1 information complete',
      'Panel minutes received',
    ]);
    expect(await page.getByLabel('Step', { exact: true }).inputValue()).toBe('panel_minutes');
    expect(await section.textContent()).toContain('Application received 01/02/2026 (from the Stage 1 start');
    // With no minutes, the decision alert counts from the panel date, and says so (the domain's rule).
    const alerts = page.getByRole('region', { name: 'Alerts' });
    expect(await alerts.textContent()).toContain(
      'Overdue Decision after panel due (from the panel date: minutes not recorded): due 11/11/2026',
    );
    await record('11112026');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => steps(2))
      .toEqual([{ kind: 'panel_minutes', date: '2026-11-11', detail: null, reason: null }]);
    // The decision alert now counts 7 working days from the minutes, and says so.
    await expect
      .poll(() => alerts.textContent())
      .toContain('Decision after panel due (from the panel minutes): due 20/11/2026');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    // The households list words the next alert as the record does.
    page = await e2e.open('#/households?sort=nextAlert&dir=asc');
    const row = page.getByRole('row').filter({ hasText: 'FF000002' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Decision after panel due (from the panel minutes) 20/11/2026');
    await page.close();
  });
});
