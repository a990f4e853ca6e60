import { expect, it } from 'vitest';
import {
  answersRead,
  axeViolations,
  countAnswersRead,
  describeE2E,
  drawn,
  holdAnswers,
  useE2E,
} from './harness.ts';
import { tabTo } from './keyboard.ts';

// Keyboard only, as in households-keyboard: Tab, arrows, typing and Enter.
describeE2E('Settings for the Ofsted return and application received, by keyboard', () => {
  const e2e = useE2E(async (app) => {
    // An EOI and no Stage 1: under the default basis the application is not yet received.
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Ada',
      surname: 'Okafor',
    });
    await app.call('households.recordMilestone', { id: h.id, kind: 'eoi', date: '2026-02-02' });
    await app.call('reasons.addReason', { list: 'leaving', label: 'Moved abroad' });
  });
  it('chooses the EOI as application received, and the 8-month alert counts from it', async () => {
    const before = await e2e.app.call('households.getHousehold', { id: 1 });
    expect(before.alerts.map((a) => a.kind)).not.toContain('panel');
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    // Tab lands on the checked radio of the group; an arrow moves the choice.
    await tabTo(page, 'The Stage 1 start (the default)', 400);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Save application received');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: 'Saved. Alerts recomputed for 1 open household.' })
          .count(),
      )
      .toBe(1);
    expect((await e2e.app.call('alerts.getApplicationBasis', {})).basis).toBe('eoi');
    const after = await e2e.app.call('households.getHousehold', { id: 1 });
    expect(after.alerts.find((a) => a.kind === 'panel')?.due).toBe('2026-10-02');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('maps a leaving reason to a deregistration category and enters the children-in-care profile', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Ofsted deregistration categories' }).waitFor();
    const key = (await e2e.app.call('carers.getOfstedSettings', {})).deregistration.find(
      (d) => d.reasonLabel === 'Moved abroad',
    )!;
    // A reason the service added counts as "other" until it is mapped.
    expect(key.category).toBe('other');
    await tabTo(page, 'Ofsted category for Moved abroad', 400);
    await page.keyboard.type('Personal');
    await tabTo(page, 'Save categories');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () =>
          (await e2e.app.call('carers.getOfstedSettings', {})).deregistration.find(
            (d) => d.reasonKey === key.reasonKey,
          )?.category,
      )
      .toBe('personal_circumstances');

    await tabTo(page, 'Figures as at');
    await page.keyboard.type('11112025'); // 11/11 reads the same whether the field orders day-month or month-day
    await tabTo(page, 'Children in care: Mixed or Multiple ethnic groups');
    await page.keyboard.type('3O'); // a letter O for a zero: refused here, nothing stored
    await tabTo(page, 'Children in care: White');
    await page.keyboard.type('120');
    await tabTo(page, 'Save profile');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Mixed or Multiple ethnic groups: give a whole number');
    expect((await e2e.app.call('carers.getOfstedSettings', {})).childrenInCare.counts).toEqual({});
    await page.getByLabel('Children in care: Mixed or Multiple ethnic groups').focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.type('0');
    await tabTo(page, 'Save profile');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await e2e.app.call('carers.getOfstedSettings', {})).childrenInCare)
      .toEqual({ asAt: '2025-11-11', counts: { white: 120, mixed: 30 } });
    // Saving the profile left the mapping as saved, and the screen shows both.
    expect(await page.getByLabel('Ofsted category for Moved abroad').inputValue()).toBe(
      'personal_circumstances',
    );
    expect(await page.getByLabel('Children in care: White').inputValue()).toBe('120');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
  it('takes no typing into the children-in-care profile while it saves, and keeps a count typed after "Saved."', async () => {
    // After "Saved." the profile read the settings again, and their answer, when it came late (a
    // slow core), put back the stored counts over one typed since; the next save lost it.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    let reads!: Awaited<ReturnType<typeof holdAnswers>>;
    let asked = 0;
    const page = await e2e.open('#/settings', {
      before: async (p) => {
        await countAnswersRead(p);
        saves = await holdAnswers(p, 'carers.saveOfstedSettings');
        reads = await holdAnswers(p, 'carers.getOfstedSettings');
        p.on('request', (r) => void (r.url().endsWith('/api/carers.getOfstedSettings') && asked++));
      },
    });
    const [first, second] = (await e2e.app.call('carers.getOfstedSettings', {})).groups.slice(-2);
    const box = (g: { label: string }) => page.getByLabel(`Children in care: ${g.label}`);
    await box(first!).waitFor();
    await box(first!).fill('7');
    saves.hold = true;
    reads.hold = true;
    await page.getByRole('button', { name: 'Save profile' }).click();
    await saves.held();
    saves.hold = false;
    expect(await box(second!).isDisabled()).toBe(true);
    expect(await page.getByLabel('Figures as at').isDisabled()).toBe(true);
    saves.release();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved. The diversity table' }).count())
      .toBe(1);
    await box(second!).fill('9');
    reads.hold = false;
    reads.release();
    await expect.poll(async () => (await answersRead(page, 'carers.getOfstedSettings')) === asked).toBe(true);
    await drawn(page);
    expect(await box(second!).inputValue()).toBe('9');
    expect(await box(first!).inputValue()).toBe('7');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(async () => (await e2e.app.call('carers.getOfstedSettings', {})).childrenInCare.counts)
      .toMatchObject({ [first!.key]: 7, [second!.key]: 9 });
    await page.close();
  });
  it('takes no choice of application received while it saves, and keeps one made after "Saved."', async () => {
    // After "Saved." the form read the basis again, and the answer, when it came late (a slow
    // core), put the stored basis back over one chosen since: the next save saved the old one.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    let reads!: Awaited<ReturnType<typeof holdAnswers>>;
    let asked = 0;
    const page = await e2e.open('#/settings', {
      before: async (p) => {
        await countAnswersRead(p);
        saves = await holdAnswers(p, 'alerts.setApplicationBasis');
        reads = await holdAnswers(p, 'alerts.getApplicationBasis');
        p.on('request', (r) => void (r.url().endsWith('/api/alerts.getApplicationBasis') && asked++));
      },
    });
    const stored = async () => (await e2e.app.call('alerts.getApplicationBasis', {})).basis;
    const was = await stored();
    const other = was === 'eoi' ? 'stage1' : 'eoi';
    const radio = (basis: string) => page.locator(`#application-basis-${basis}`);
    await radio(other).waitFor();
    await radio(other).check();
    saves.hold = true;
    reads.hold = true;
    await page.getByRole('button', { name: 'Save application received' }).click();
    await saves.held();
    saves.hold = false;
    expect(await radio(was).isDisabled()).toBe(true);
    saves.release();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Alerts recomputed for' }).count())
      .toBe(1);
    await radio(was).check();
    reads.hold = false;
    reads.release();
    await expect
      .poll(async () => (await answersRead(page, 'alerts.getApplicationBasis')) === asked)
      .toBe(true);
    await drawn(page);
    expect(await radio(was).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save application received' }).click();
    await expect.poll(stored).toBe(was);
    await page.close();
  });
});
