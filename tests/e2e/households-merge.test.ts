import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

describeE2E('merging a duplicate from the household record', () => {
  const e2e = useE2E(async (app) => {
    for (const [surname, email] of [
      ['Lee', null],
      ['Lee', 'ann@example.org'],
    ] as const) {
      await app.call('households.createHousehold', {
        enquiryDate: '2025-05-01',
        firstName: 'Ann',
        surname,
        email,
        confirmDuplicates: true,
      });
    }
  });

  it('merges by reference after confirmation and shows the merged record', async () => {
    const db = e2e.app.ctx.store.db;
    const [keep, dup] = db.prepare('SELECT id, reference FROM households ORDER BY id').all() as Array<{
      id: number;
      reference: string;
    }>;
    const page = await e2e.open(`#/household?id=${keep!.id}`);
    const form = page.getByRole('form', { name: 'Merge a duplicate into this household' });
    // A reference of no household is refused beside its box, focus there, before any confirmation
    // (it asked "Merge NOPE into …? NOPE will no longer exist." first: helper-237).
    const asked: string[] = [];
    page.on('dialog', (d) => void (asked.push(d.message()), d.accept()));
    await form.getByLabel('Reference of the duplicate').fill('NOPE');
    await form.getByLabel('Why they are the same household').fill('Typed in twice');
    await form.getByRole('button', { name: 'Merge' }).click();
    await form.getByText('There is no household with reference NOPE.').waitFor();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value))
      .toBe('NOPE');
    expect(asked).toEqual([]);
    // Typed in lower case: the confirmation and the status line name it as stored, as the
    // timeline does (helper-272: both echoed what was typed).
    await form.getByLabel('Reference of the duplicate').fill(dup!.reference.toLowerCase());
    expect(dup!.reference.toLowerCase()).not.toBe(dup!.reference);
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(1);
    expect(asked).toEqual([
      `Merge ${dup!.reference} into ${keep!.reference}? ${dup!.reference} will no longer exist.`,
    ]);
    expect(db.prepare('SELECT email FROM households').pluck().get()).toBe('ann@example.org');
    // The status line says the merge was saved, not only where the household stands (helper-254).
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved the merge' }).textContent())
      .toMatch(new RegExp(`^Saved the merge of ${dup!.reference}\\. ${keep!.reference} is now `));
    // The Details form shows what the merge brought, and saving another field keeps it: the form
    // kept its blank Email box and the next save erased the email (helper-237).
    const details = page.getByRole('form', { name: 'Details' });
    await expect.poll(() => details.getByLabel('Email').inputValue()).toBe('ann@example.org');
    await details.getByLabel('Postcode').fill('LS1 4AB');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => db.prepare('SELECT postcode FROM households').pluck().get()).toBe('LS1 4AB');
    expect(db.prepare('SELECT email FROM households').pluck().get()).toBe('ann@example.org');
    await page.close();
  });
});

// An erased household's record offered the Merge form, which the core then refused on save
// (helper-255): it is not offered there, as the other forms such a household cannot use are not.
describeE2E('the merge form on an erased household', () => {
  const e2e = useE2E(
    async (app) => {
      for (const surname of ['Forgetme', 'Keepme']) {
        const h = await app.call('households.createHousehold', {
          enquiryDate: '2026-08-03',
          firstName: 'Ann',
          surname,
          confirmDuplicates: true,
        });
        await app.call('households.closeHousehold', {
          id: h.id,
          date: '2026-10-30',
          reasonKey: 'lost_contact',
          endedBy: 'lost_contact',
        });
        if (surname === 'Forgetme') await app.call('data.eraseOnRequest', { id: h.id });
      }
    },
    { today: '2026-11-26' },
  );

  it('is not offered once its personal details are erased; a household not erased still has it', async () => {
    const db = e2e.app.ctx.store.db;
    const [erased, kept] = db
      .prepare('SELECT id, purged_at IS NOT NULL AS purged FROM households ORDER BY id')
      .all() as Array<{ id: number; purged: number }>;
    expect([erased!.purged, kept!.purged]).toEqual([1, 0]);
    const merge = (page: Page) => page.getByRole('form', { name: 'Merge a duplicate into this household' });
    let page = await e2e.open(`#/household?id=${kept!.id}`);
    await merge(page).waitFor();
    await page.close();
    page = await e2e.open(`#/household?id=${erased!.id}`);
    // The record is drawn (its actions and details forms show), with no merge form in it.
    await page.getByRole('form', { name: 'Re-open the household' }).waitFor();
    await page.getByRole('form', { name: 'Details' }).waitFor();
    expect(await merge(page).count()).toBe(0);
    await page.close();
  });
});
