import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  answersRead,
  axeViolations,
  countAnswersRead,
  describeE2E,
  drawn,
  holdAnswers,
  useE2E,
} from './harness.ts';

// The households journey in real Chromium, by keyboard where a person would use one.
describeE2E('households in Chromium', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Grace',
      surname: 'Okafor',
      email: 'grace.okafor@example.org',
      telephone: '07700900555',
      postcode: 'LS6 1AA',
      source: 'event',
    });
    for (let i = 0; i < 30; i++) {
      await app.call('households.createHousehold', {
        enquiryDate: '2025-02-03',
        firstName: `Person${i}`,
        surname: `Family${String(i).padStart(2, '0')}`,
        email: `p${i}@example.org`,
      });
    }
  });

  const db = () => e2e.app.ctx.store.db;
  const household = (ref: string) =>
    db().prepare('SELECT * FROM households WHERE reference = ?').get(ref) as Record<string, unknown>;

  async function openRecord(page: Page, ref: string) {
    const id = household(ref).id as number;
    await page.goto(page.url().replace(/#.*$/, '') + `#/household?id=${id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(ref) }).waitFor();
  }

  it('finds a household by search, shows contact details masked, and opens its record by keyboard', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('heading', { name: 'Households', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('31 households');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Search').fill('okaf');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    const row = page.getByRole('row').filter({ hasText: 'Grace Okafor' });
    expect(await row.textContent()).toContain('g•••@example.org');
    expect(await row.textContent()).not.toContain('grace.okafor@');
    expect(await row.textContent()).toContain('07•••••••55');
    await row.getByRole('link', { name: 'FF000001' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /FF000001 Grace Okafor/ }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('grace.okafor@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('sorts and filters the list', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('31 households');
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Person0 Family00');
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Grace Okafor');
    await page.getByLabel('Source').selectOption('event');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    await page.close();
  });

  it('keeps the filters and sort in the address, never the search, so a reload or Back finds the list as it was', async () => {
    const page = await e2e.open('#/households');
    const count = () => page.getByRole('status').first().textContent();
    const firstRow = () => page.getByRole('row').nth(1).textContent();
    await expect.poll(count).toContain('31 households');
    await page.getByRole('button', { name: 'Name' }).click();
    await page.getByRole('button', { name: 'Name' }).click();
    await page.getByLabel('Search').fill('Family0');
    await page.getByLabel('Enquiry year').selectOption('2024/25');
    await expect.poll(count).toContain('10 households');
    await expect.poll(firstRow).toContain('Family09');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/households?fy=2024%2F25&sort=name&dir=desc');
    // A search is usually a person's name: in the address it went into the browser's history.
    const addressHoldsNoSearch = () => expect(page.url()).not.toContain('Family0');
    addressHoldsNoSearch();
    const filtersAsLeft = async () => {
      expect(await page.getByLabel('Enquiry year').inputValue()).toBe('2024/25');
      expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe(
        'descending',
      );
    };
    // Back from a record finds the search too, held by the page (not the address) for that entry.
    await page.getByRole('row').nth(1).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Person9 Family09/ }).waitFor();
    addressHoldsNoSearch();
    await page.goBack();
    await expect.poll(count).toContain('10 households');
    expect(await page.getByLabel('Search').inputValue()).toBe('Family0');
    await filtersAsLeft();
    await expect.poll(firstRow).toContain('Family09');
    addressHoldsNoSearch();
    // A reload keeps the filters and sort, and starts with an empty search box.
    await page.reload();
    await expect.poll(count).toContain('31 households');
    expect(await page.getByLabel('Search').inputValue()).toBe('');
    await filtersAsLeft();
    await expect.poll(firstRow).toContain('Grace Okafor');
    addressHoldsNoSearch();
    // The address was replaced, not added to: one Back more leaves the list for where it came from.
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Households' }).count()).toBe(0);
    await page.close();
  });

  it('adds a household by keyboard, warning about a likely duplicate first', async () => {
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Enquiry date').fill('03/03/2025');
    await page.getByLabel('First name').fill('Grace');
    await page.getByLabel('Surname').fill('Okafor');
    await page.getByLabel('Postcode').fill('ls61aa');
    await page.getByLabel('Surname').focus();
    await page.keyboard.press('Enter');
    const warning = page.getByRole('alert').filter({ hasText: 'already held' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('FF000001 Grace Okafor');
    expect(await warning.textContent()).toContain('same name and postcode');
    expect(db().prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(31);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save anyway' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /FF000032 Grace Okafor/ }).waitFor();
    expect(household('FF000032')).toMatchObject({
      first_name: 'Grace',
      // Typed as "ls61aa": stored as an import stores a postcode.
      postcode: 'LS6 1AA',
      enquiry_date: '2025-03-03',
    });
    await page.close();
  });

  it('records each milestone, refuses one out of order next to the field, and shows them on the timeline', async () => {
    const page = await e2e.open('#/households');
    await openRecord(page, 'FF000002');
    const form = page.getByRole('form', { name: 'Record a milestone' });
    const steps: Array<[string, string]> = [
      ['initial_visit', '2025-02-05'],
      ['eoi', '2025-02-20'],
      ['stage1', '2025-03-10'],
      ['stage2', '2025-05-01'],
      ['panel', '2025-09-01'],
      ['approval', '2025-09-08'],
    ];
    // Out of order first: Stage 1 before the EOI is refused and nothing is stored.
    await form.getByLabel('Milestone').selectOption('eoi');
    await form.getByLabel('Date').fill('20/02/2025');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    await form.getByLabel('Milestone').selectOption('stage1');
    await form.getByLabel('Date').fill('10/02/2025');
    await form.getByLabel('Date').press('Enter');
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('is before the EOI / application date 20/02/2025');
    expect(await form.getByLabel('Date').getAttribute('aria-invalid')).toBe('true');
    expect(db().prepare("SELECT COUNT(*) FROM milestones WHERE kind = 'stage1'").pluck().get()).toBe(0);
    for (const [kind, date] of steps.filter(([k]) => k !== 'eoi')) {
      await form.getByLabel('Milestone').selectOption(kind);
      await form.getByLabel('Date').fill(date.split('-').reverse().join('/'));
      await form.getByLabel('Date').press('Enter');
      const id = household('FF000002').id;
      await expect
        .poll(() =>
          db()
            .prepare('SELECT date FROM milestones WHERE household_id = ? AND kind = ?')
            .pluck()
            .get(id, kind),
        )
        .toBe(date);
      // The form starts afresh once the record shows the milestone: typing the next one before then
      // would be wiped by that fresh start (the core has written it before the screen hears back).
      await expect
        .poll(() => page.getByRole('table', { name: 'Milestones' }).textContent())
        .toContain(date.split('-').reverse().join('/'));
    }
    await expect.poll(() => page.locator('.hh-summary').textContent()).toContain('Approved');
    const timeline = page.getByRole('list').filter({ hasText: 'recorded' });
    await expect.poll(() => timeline.textContent()).toContain('Approved recorded: 08/09/2025');
    expect(await timeline.textContent()).toContain('Stage 1 recorded: 10/03/2025');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps the latest change on the timeline when an earlier reading of it is answered late', async () => {
    // Each change reads the timeline again. A reading asked for before the latest change but answered
    // after it put the timeline back to before that change (until the next one).
    let timelines!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/households', {
      before: async (p) => {
        await countAnswersRead(p);
        timelines = await holdAnswers(p, 'households.getTimeline');
      },
    });
    await openRecord(page, 'FF000007');
    const form = page.getByRole('form', { name: 'Record a milestone' });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    timelines.hold = true;
    await form.getByLabel('Milestone').selectOption('initial_visit');
    await form.getByLabel('Date').fill('05/02/2025');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await timelines.held();
    timelines.hold = false;
    await expect
      .poll(() => page.getByRole('table', { name: 'Milestones' }).textContent())
      .toContain('05/02/2025');
    await form.getByLabel('Milestone').selectOption('eoi');
    await form.getByLabel('Date').fill('20/02/2025');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await expect.poll(() => timeline.textContent()).toContain('EOI / application recorded: 20/02/2025');
    const read = await answersRead(page, 'households.getTimeline');
    timelines.release();
    await expect.poll(() => answersRead(page, 'households.getTimeline')).toBe(read + 1);
    await drawn(page);
    expect(await timeline.textContent()).toContain('EOI / application recorded: 20/02/2025');
    await page.close();
  });

  it('takes no typing into a milestone form while it is saved, then takes the next one as typed', async () => {
    // The form starts afresh once the core answers. A milestone chosen and a date typed before then
    // (a fast typist, a slow core) were wiped, and the next Enter saved today's date instead.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/households', {
      before: async (p) => {
        saves = await holdAnswers(p, 'households.recordMilestone');
      },
    });
    await openRecord(page, 'FF000008');
    const form = page.getByRole('form', { name: 'Record a milestone' });
    await form.getByLabel('Milestone').selectOption('initial_visit');
    await form.getByLabel('Date').fill('05/02/2025');
    saves.hold = true;
    await form.getByLabel('Date').press('Enter');
    await saves.held();
    saves.hold = false;
    expect(await form.getByLabel('Milestone').isDisabled()).toBe(true);
    expect(await form.getByLabel('Date').isDisabled()).toBe(true);
    saves.release();
    await expect
      .poll(() => page.getByRole('table', { name: 'Milestones' }).textContent())
      .toContain('05/02/2025');
    await form.getByLabel('Milestone').selectOption('eoi');
    await form.getByLabel('Date').fill('20/02/2025');
    await form.getByLabel('Date').press('Enter');
    const id = household('FF000008').id;
    await expect
      .poll(() =>
        db().prepare("SELECT date FROM milestones WHERE household_id = ? AND kind = 'eoi'").pluck().get(id),
      )
      .toBe('2025-02-20');
    await page.close();
  });

  it('closes with a reason, holds an exit interview, re-opens, all on the timeline', async () => {
    const page = await e2e.open('#/households');
    await openRecord(page, 'FF000003');
    const id = household('FF000003').id as number;
    const close = page.getByRole('form', { name: 'Close the household' });
    await close.getByLabel('Closure date').fill('01/04/2025');
    await close.getByLabel('Reason').selectOption('housing');
    expect(await close.getByLabel('Ended by').inputValue()).toBe('applicant');
    await close.getByLabel('Closure notes').fill('No spare room after all');
    await close.getByRole('button', { name: 'Close household' }).click();
    await expect
      .poll(() =>
        db()
          .prepare('SELECT reason_key, stage_reached, ended_by, notes FROM closures WHERE household_id = ?')
          .get(id),
      )
      .toEqual({
        reason_key: 'housing',
        stage_reached: 'enquiry',
        ended_by: 'applicant',
        notes: 'No spare room after all',
      });

    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    await interview.getByLabel('Held', { exact: true }).check();
    await interview.getByLabel('Offered on').fill('2025-04-02');
    await interview.getByLabel('Held on').fill('2025-04-09');
    await interview.getByLabel('Held by').fill('R. Officer');
    await interview.getByLabel('No spare bedroom / housing').check();
    await interview.getByLabel('Unable to continue for financial reasons').check();
    await interview.getByLabel('Interview notes').fill('May return when they move house');
    await interview.getByLabel('Might return later').selectOption('yes');
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() =>
        db()
          .prepare(
            'SELECT status, held_date, held_by, notes, might_return FROM exit_interviews WHERE household_id = ?',
          )
          .get(id),
      )
      .toEqual({
        status: 'held',
        held_date: '2025-04-09',
        held_by: 'R. Officer',
        notes: 'May return when they move house',
        might_return: 1,
      });
    expect(
      db().prepare('SELECT reason_key FROM exit_interview_reasons ORDER BY reason_key').pluck().all(),
    ).toEqual(['financial', 'housing']);
    expect(await axeViolations(page)).toEqual([]);

    const reopen = page.getByRole('form', { name: 'Re-open the household' });
    await reopen.getByLabel('New enquiry date').fill('01/10/2025');
    await reopen.getByRole('button', { name: 'Re-open household' }).click();
    await expect.poll(() => household('FF000003').episode).toBe(2);
    expect(household('FF000003')).toMatchObject({ status: 'open', enquiry_date: '2025-10-01' });
    expect(db().prepare('SELECT reopened_on FROM closures WHERE household_id = ?').pluck().get(id)).toBe(
      '2025-10-01',
    );
    const timeline = page.getByRole('list').filter({ hasText: 'Household added' });
    await expect.poll(() => timeline.textContent()).toContain('Re-opened on 01/10/2025');
    expect(await timeline.textContent()).toContain('Exit interview recorded');
    expect(await timeline.textContent()).toContain('Closed');
    await page.close();
  });

  it('takes no typing into an exit interview while its first save runs, then shows what was saved', async () => {
    // The first save of a closure's interview draws the form afresh from the core's answer: notes
    // typed while it was saved were wiped from the screen, though the person saw them go in.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/households', {
      before: async (p) => {
        saves = await holdAnswers(p, 'households.saveExitInterview');
      },
    });
    const id = household('FF000009').id as number;
    await e2e.app.call('households.closeHousehold', {
      id,
      date: '2025-04-01',
      reasonKey: 'housing',
      endedBy: 'applicant',
    });
    await openRecord(page, 'FF000009');
    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    await interview.getByLabel('Held', { exact: true }).check();
    await interview.getByLabel('Offered on').fill('02/04/2025');
    await interview.getByLabel('Held on').fill('09/04/2025');
    await interview.getByLabel('Interview notes').fill('Moving house');
    saves.hold = true;
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await saves.held();
    saves.hold = false;
    for (const label of [
      'Held on',
      'Held by',
      'Interview notes',
      'Might return later',
      'No spare bedroom / housing',
    ])
      expect(await interview.getByLabel(label).isDisabled(), label).toBe(true);
    expect(await interview.getByLabel('Declined').isDisabled()).toBe(true);
    saves.release();
    await expect
      .poll(() => db().prepare('SELECT notes FROM exit_interviews WHERE household_id = ?').pluck().get(id))
      .toBe('Moving house');
    await expect.poll(() => interview.getByLabel('Interview notes').isDisabled()).toBe(false);
    expect(await interview.getByLabel('Interview notes').inputValue()).toBe('Moving house');
    await interview.getByLabel('Held by').fill('R. Officer');
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => db().prepare('SELECT held_by FROM exit_interviews WHERE household_id = ?').pluck().get(id))
      .toBe('R. Officer');
    await page.close();
  });

  it('shows the pipeline by stage with counts, and retires a reason in Settings so it leaves the pick-list', async () => {
    const page = await e2e.open('#/households?view=pipeline');
    await page.getByRole('heading', { name: /^Enquiry/ }).waitFor();
    const open = db()
      .prepare("SELECT COUNT(*) FROM households WHERE status = 'open' AND stage = 'enquiry'")
      .pluck()
      .get() as number;
    expect(await page.getByRole('heading', { name: /^Enquiry/ }).textContent()).toContain(String(open));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /FF000004/ }).click();
    await page.getByRole('heading', { level: 1, name: /FF000004/ }).waitFor();

    await page.goto(page.url().replace(/#.*$/, '') + '#/settings');
    await page.getByRole('heading', { name: 'Drop-out reasons (applicants)' }).waitFor();
    await page.getByRole('button', { name: 'Retire Counselled out by the service' }).click();
    await expect
      .poll(() =>
        db()
          .prepare("SELECT retired FROM reasons WHERE list = 'dropout' AND key = 'counselled_out'")
          .pluck()
          .get(),
      )
      .toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await openRecord(page, 'FF000005');
    const options = await page
      .getByRole('form', { name: 'Close the household' })
      .getByLabel('Reason')
      .locator('option')
      .allTextContents();
    expect(options).not.toContain('Counselled out by the service');
    expect(options).toContain('Lost contact / no response');
    await page.close();
  });

  it('shows overdue alerts on the dashboard, the list and the record; corrects and removes a milestone with a reason', async () => {
    const page = await e2e.open('#/households');
    const overdue = db().prepare('SELECT COUNT(*) FROM households WHERE overdue = 1').pluck().get() as number;
    expect(overdue).toBeGreaterThan(0);
    const dashboard = page.getByRole('complementary', { name: 'Alerts' });
    const open = db()
      .prepare("SELECT COUNT(*) FROM households WHERE status = 'open'")
      .pluck()
      .get() as number;
    // It counts households (one may have two alerts overdue), as Home does.
    await expect
      .poll(() => dashboard.textContent())
      .toContain(
        `${overdue} households with an overdue alert, among ${open} open households (all pathways).`,
      );
    await dashboard.getByRole('button', { name: 'Show overdue' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`${overdue} households`);
    expect(await page.getByRole('row').nth(1).textContent()).toContain('Overdue');

    await openRecord(page, 'FF000006');
    const alerts = page.getByRole('region', { name: 'Alerts' });
    expect(await alerts.textContent()).toContain('Respond to the enquiry: due 04/02/2025');
    const record = page.getByRole('form', { name: 'Record a milestone' });
    await record.getByLabel('Milestone').selectOption('eoi');
    await record.getByLabel('Date').fill('10/02/2025');
    await record.getByRole('button', { name: 'Record milestone' }).click();
    const id = household('FF000006').id as number;
    const eoi = () =>
      db().prepare("SELECT date FROM milestones WHERE household_id = ? AND kind = 'eoi'").pluck().get(id);
    await expect.poll(eoi).toBe('2025-02-10');
    const correct = page.getByRole('form', { name: 'Correct or remove a milestone' });
    await correct.getByLabel('Recorded milestone').selectOption('eoi');
    await correct.getByLabel('Correct date').fill('12/02/2025');
    await correct.getByLabel('Reason for the change').fill('Form dated wrongly');
    await correct.getByRole('button', { name: 'Correct date' }).click();
    await expect.poll(eoi).toBe('2025-02-12');
    // The form empties its reason once the screen hears back: wait for that before typing the next one.
    await expect
      .poll(() => correct.getByLabel('Recorded milestone').locator('option:checked').textContent())
      .toContain('12/02/2025');
    await correct.getByLabel('Recorded milestone').selectOption('eoi');
    await correct.getByLabel('Reason for the change').fill('Entered on the wrong household');
    await correct.getByRole('button', { name: 'Remove milestone' }).click();
    await expect.poll(eoi).toBeUndefined();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect
      .poll(() => timeline.textContent())
      .toContain('EOI / application removed (was 12/02/2025) – Entered on the wrong household');
    expect(await timeline.textContent()).toContain(
      'EOI / application corrected: 10/02/2025 → 12/02/2025 – Form dated wrongly',
    );
    await page.close();
  });
});
