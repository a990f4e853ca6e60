import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Bugs the random journeys (random-journeys.test.ts) found, each reduced to its few steps.
 * Every household is written through the contract, as the UI writes it.
 */
const TODAY = '2021-07-09';

const funnel = async (app: TestApp, pathway: 'mainstream' | 'kinship') =>
  (
    await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2020/21', to: '2021/22', pathway, quarterly: false, suppress: false },
    })
  ).rows.find((r) => r.key === 'enquiries')!.values;

describe('found by random journeys', () => {
  it('a pathway switch dated before the last one is refused: it would move an enquiry of a published year', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H1',
      pathway: 'kinship',
      enquiryDate: '2021-03-15',
      surname: 'Hart',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2021-04-18' });
    const published = { mainstream: await funnel(app, 'mainstream'), kinship: await funnel(app, 'kinship') };
    expect(published.kinship['2020/21']).toBe(1);

    // Back to kinship, dated before the switch to mainstream: the pathway on 06/04/2021 was kinship.
    await expect(
      app.call('households.switchPathway', { id, pathway: 'kinship', date: '2021-04-06' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: 'Pathway change date 06/04/2021 is before the last change, on 18/04/2021.',
    });
    expect({ mainstream: await funnel(app, 'mainstream'), kinship: await funnel(app, 'kinship') }).toEqual(
      published,
    );
    // On or after the last switch, it is recorded, and 2020/21 stays as published.
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2021-04-18' });
    expect((await funnel(app, 'kinship'))['2020/21']).toBe(1);
    expect((await funnel(app, 'mainstream'))['2020/21']).toBe(0);
  });
});
