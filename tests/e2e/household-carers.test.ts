import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, drawn, holdAnswers, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// Keyboard only (a confirm dialog is accepted as a keyboard user would). Dates are typed as
// eight digits, which the date fields read as ddmmyyyy.
describeE2E('carers, approval terms and places on the household record, by keyboard', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-08',
      firstName: 'Ruth',
      surname: 'Bell',
    });
    for (const [kind, date] of [
      ['eoi', '2024-01-20'],
      ['stage1', '2024-02-01'],
      ['stage2', '2024-04-01'],
      ['panel', '2024-09-02'],
      ['approval', '2024-09-09'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
    await app.call('households.createHousehold', { enquiryDate: '2026-10-01', surname: 'Nowak' });
    await app.call('households.createHousehold', { enquiryDate: '2026-10-02', surname: 'Adeyemi' });
  });
  const db = () => e2e.app.ctx.store.db;
  const people = (id: number) =>
    db()
      .prepare(
        'SELECT position, first_name, surname, date_of_birth, sex, ethnicity, disability, left_on FROM household_people WHERE household_id = ? ORDER BY id',
      )
      .all(id);
  let page: Page;
  const carer = (n: number) => `form[aria-label="Carer ${n}"]`;
  /** Tabs to a field of one form and types into it. */
  const enter = async (label: string, text: string, within?: string) => {
    await tabTo(page, label, 250, within);
    await page.keyboard.type(text);
  };
  const press = async (button: string, within?: string) => {
    await tabTo(page, button, 250, within);
    await page.keyboard.press('Enter');
  };
  const ofsted = async (row: string) =>
    (await e2e.app.call('reports.getTable', { table: 'ofsted', options: { to: '2025/26' } })).rows.find(
      (r) => r.key === row,
    )?.values.mainstream;

  it('enters both carers, the terms and a change of places, then one carer leaves; the Ofsted return counts them', async () => {
    expect(await ofsted('carers_31_march')).toBe('not recorded');
    page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ruth Bell/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Carers and approval' }).waitFor();

    await enter('First name', 'Ruth', carer(1));
    await enter('Surname', 'Bell', carer(1));
    await enter('Date of birth', '11111975', carer(1));
    await enter('Sex', 'F', carer(1));
    await enter('Ethnicity', 'Carib', carer(1));
    await enter('Disability', 'N', carer(1));
    await press('Save carer 1', carer(1));
    await expect
      .poll(() => people(1))
      .toEqual([
        {
          position: 1,
          first_name: 'Ruth',
          surname: 'Bell',
          date_of_birth: '1975-11-11',
          sex: 'female',
          ethnicity: 'black_caribbean',
          disability: 'no',
          left_on: null,
        },
      ]);

    await enter('First name', 'Sam', carer(2));
    await enter('Ethnicity', 'Irish', carer(2));
    // Sam joined the approved household later: a carer at 31 March 2026, not at 31 March 2025.
    await enter('Joined the household on', '01062025', carer(2));
    await press('Save carer 2', carer(2));
    await expect.poll(() => people(1)).toHaveLength(2);
    expect(
      db().prepare("SELECT joined_on FROM household_people WHERE first_name = 'Sam'").pluck().get(),
    ).toBe('2025-06-01');
    expect(people(1)[1]).toMatchObject({
      position: 2,
      first_name: 'Sam',
      ethnicity: 'white_irish',
      sex: null,
    });

    const terms = 'form[aria-label="Approval terms"]';
    await enter('Places approved for', '2', terms);
    await enter('Ages from', '0', terms);
    await enter('Ages to', '18', terms);
    await enter('Short breaks', 'Y', terms);
    await press('Save approval terms', terms);
    await expect
      .poll(() =>
        db()
          .prepare('SELECT places, age_from, age_to, short_breaks, parent_and_child FROM approval_terms')
          .get(),
      )
      .toEqual({ places: 2, age_from: 0, age_to: 18, short_breaks: 1, parent_and_child: null });

    // A change that would leave fewer than 0 places is refused next to its field; nothing is stored.
    const places = 'form[aria-label="Add a change of places"]';
    await enter('Date of the change', '11112025', places);
    // A fault the form finds itself takes focus to its field, not left on the button (helper-247).
    await enter('Places added or removed', 'abc', places);
    await press('Add change of places', places);
    const focusedField = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return [el?.getAttribute('aria-invalid'), el?.value];
      });
    await expect.poll(focusedField).toEqual(['true', 'abc']);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-5');
    await press('Add change of places', places);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('That would leave -3 places');
    expect(db().prepare('SELECT COUNT(*) FROM place_changes').pluck().get()).toBe(0);
    await tabTo(page, 'Places added or removed', 250, places);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-1');
    await press('Add change of places', places);
    await expect
      .poll(() => db().prepare('SELECT date, change FROM place_changes').all())
      .toEqual([{ date: '2025-11-11', change: -1 }]);
    await expect.poll(() => page.getByText('Places today: 1').count()).toBe(1);
    // A change added by mistake and deleted: the keyboard goes on from the section's heading
    // (helper-247: focus went to the carers' "Saved." far above).
    await enter('Date of the change', '12112025', places);
    await enter('Places added or removed', '1', places);
    await press('Add change of places', places);
    await expect.poll(() => page.getByText('Places today: 2').count()).toBe(1);
    await press('Delete the change of +1 on 12/11/2025');
    await expect.poll(() => db().prepare('SELECT COUNT(*) FROM place_changes').pluck().get()).toBe(1);
    await expect.poll(() => focusedName(page)).toBe('Changes of places');

    await enter('Carer 2 left the household on', '10102026', carer(2));
    await press('Record that carer 2 left', carer(2));
    await expect.poll(() => people(1)[1]).toMatchObject({ left_on: '2026-10-10' });
    const leavers = page.getByRole('list', { name: 'People who left the household' });
    await expect.poll(() => leavers.textContent()).toContain('Carer 2, Sam: left 10/10/2026');
    // Position 2 is free again for a new carer.
    await expect.poll(() => page.locator(carer(2)).getByLabel('First name').inputValue()).toBe('');

    // At 31 March 2026 both carers were there, and one place had been removed.
    expect(await ofsted('carers_31_march')).toBe(2);
    expect(await ofsted('places_31_march')).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('records an applicant on an open household (no terms before approval) and deletes one entered by mistake', async () => {
    page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Applicants' }).waitFor();
    expect(await page.getByRole('form', { name: 'Approval terms' }).count()).toBe(0);
    const applicant = 'form[aria-label="Applicant 1"]';
    await enter('Surname', 'Nowak', applicant);
    await enter('Ethnicity', 'Roma', applicant);
    await press('Save applicant 1', applicant);
    await expect.poll(() => people(2)).toMatchObject([{ position: 1, surname: 'Nowak' }]);
    expect(db().prepare('SELECT ethnicity FROM household_people WHERE household_id = 2').pluck().get()).toBe(
      'white_roma',
    );
    page.once('dialog', (d) => void d.accept());
    await press('Delete applicant 1 (entered by mistake)', applicant);
    await expect.poll(() => people(2)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('takes no typing into an applicant form while it is saved, and keeps what is typed once it says Saved', async () => {
    // A person saved for the first time had their form drawn afresh only once the people were read
    // again, a moment after "Saved.": a correction typed into it meanwhile was lost.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    page = await e2e.open('#/household?id=2', {
      before: async (p) => {
        saves = await holdAnswers(p, 'carers.savePerson');
      },
    });
    await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    const applicant = page.getByRole('form', { name: 'Applicant 1' });
    await applicant.getByLabel('Surname').fill('Kowal');
    saves.hold = true;
    await applicant.getByRole('button', { name: 'Save applicant 1' }).click();
    await saves.held();
    saves.hold = false;
    expect(await applicant.getByLabel('First name').isDisabled()).toBe(true);
    saves.release();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await applicant.getByLabel('First name').fill('Ola');
    await applicant.getByRole('button', { name: 'Save applicant 1' }).click();
    await expect.poll(() => people(2)).toMatchObject([{ first_name: 'Ola', surname: 'Kowal' }]);
    await page.close();
  });

  it("keeps the second applicant shown when the first one's save is answered after the second's", async () => {
    // Each save answers with the household's people as they were when it was made: an older answer
    // arriving last showed the household without applicant 2, whose form was drawn empty again.
    let saves!: Awaited<ReturnType<typeof holdAnswers>>;
    page = await e2e.open('#/household?id=3', {
      before: async (p) => {
        saves = await holdAnswers(p, 'carers.savePerson');
      },
    });
    await page.getByRole('heading', { level: 1, name: /FF000003/ }).waitFor();
    const first = page.getByRole('form', { name: 'Applicant 1' });
    const second = page.getByRole('form', { name: 'Applicant 2' });
    await first.getByLabel('Surname').fill('Adeyemi');
    saves.hold = true;
    await first.getByRole('button', { name: 'Save applicant 1' }).click();
    await saves.held();
    saves.hold = false;
    await second.getByLabel('Surname').fill('Nowak');
    await second.getByRole('button', { name: 'Save applicant 2' }).click();
    await expect.poll(() => people(3).length).toBe(2);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    saves.release();
    await expect.poll(() => first.getByLabel('Surname').isEnabled()).toBe(true);
    await drawn(page);
    await expect.poll(() => second.getByLabel('Surname').inputValue()).toBe('Nowak');
    await expect.poll(() => first.getByLabel('Surname').inputValue()).toBe('Adeyemi');
    await page.close();
  });
});

/** Keeps every text the status line `selector` takes from now on (what a screen reader would announce). */
async function watchStatus(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const w = window as unknown as { statusTexts: string[] };
    w.statusTexts = [];
    new MutationObserver(() => w.statusTexts.push(el.textContent ?? '')).observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }, selector);
}
const statusTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);

describeE2E("the applicants' Saved line, saved again and refused", () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Nia',
      surname: 'Evans',
    });
    await app.call('carers.savePerson', {
      householdId: h.id,
      position: 1,
      person: { firstName: 'Nia', surname: 'Evans' },
    });
  });
  const stored = (column: 'first_name' | 'surname') =>
    e2e.app.ctx.store.db.prepare(`SELECT ${column} FROM household_people`).pluck().get();
  const form = 'form[aria-label="Applicant 1"]';
  const line = 'section[aria-labelledby="carers-title"] p.hh-saved';

  it('says Saved. afresh for a second save by keyboard, so it is announced again', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    await page.locator(`${form} button[type=submit]`).waitFor();
    await tabTo(page, 'Surname', 250, form);
    await page.keyboard.press('End');
    await page.keyboard.type('-Jones');
    await tabTo(page, 'Save applicant 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(line).textContent()).toBe('Saved.');
    await expect.poll(() => stored('surname')).toBe('Evans-Jones');
    // The line stood at "Saved." through the second save: nothing changed, so nothing was said.
    await watchStatus(page, line);
    await tabTo(page, 'First name', 250, form);
    await page.keyboard.press('End');
    await page.keyboard.type('h');
    await tabTo(page, 'Save applicant 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => stored('first_name')).toBe('Niah');
    await expect.poll(() => statusTexts(page)).toEqual(['', 'Saved.']);
    await page.close();
  });

  it('clears Saved. when another save is refused, so it does not stand beside the refusal', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    const applicant = page.locator(form);
    await applicant.locator('button[type=submit]').click();
    await expect.poll(() => page.locator(line).textContent()).toBe('Saved.');
    // A first name longer than the core keeps (100 characters): the core refuses it.
    await applicant.getByLabel('First name').fill('N'.repeat(101));
    await applicant.locator('button[type=submit]').click();
    await expect.poll(() => applicant.getByRole('alert').count()).toBe(1);
    expect(await page.locator(line).textContent()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
