import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// A caller says "Ann Smith": the officer types "smith" and the list shows the household Jones too,
// whose applicant 2 she is. The row says so beside the name, or no one knows why it is there.
describeE2E('the households list, found by a carer’s own name', () => {
  const e2e = useE2E(async (app) => {
    const jones = await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Pat',
      surname: 'Jones',
    });
    await app.call('carers.savePerson', {
      householdId: jones.id,
      position: 2,
      person: { firstName: 'Ann', surname: 'Smith' },
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-07',
      firstName: 'Sam',
      surname: 'Smith',
    });
    const bell = await app.call('households.createHousehold', {
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
      await app.call('households.recordMilestone', { id: bell.id, kind, date });
    const r = await app.call('carers.savePerson', {
      householdId: bell.id,
      position: 2,
      person: { firstName: 'Joe', surname: 'Smithson' },
    });
    await app.call('carers.recordPersonLeft', {
      householdId: bell.id,
      id: r.people.find((p) => p.position === 2)!.id,
      date: '2025-03-01',
    });
  });

  it('says who beside the name, as the record names them, and is reached by keyboard', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('heading', { name: 'Households', level: 1 }).waitFor();
    await tabTo(page, 'Search');
    await page.keyboard.type('smith');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('3 households');
    const cell = (name: string) => page.getByRole('cell').filter({ hasText: name });
    await expect.poll(() => cell('Pat Jones').textContent()).toBe('Pat Jones · Applicant 2: Ann Smith');
    expect(await cell('Ruth Bell').textContent()).toBe('Ruth Bell · Carer 2 (left): Joe Smithson');
    // Found by its own name: nothing beside it.
    expect(await cell('Sam Smith').textContent()).toBe('Sam Smith');
    expect(await axeViolations(page)).toEqual([]);
    // The household's own name still finds it, and then nothing is said.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('jones');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    await expect.poll(() => cell('Pat Jones').textContent()).toBe('Pat Jones');
    await tabTo(page, 'FF000001');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /FF000001 Pat Jones/ }).waitFor();
    await page.close();
  });
});
