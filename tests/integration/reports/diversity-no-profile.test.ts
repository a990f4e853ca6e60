import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

// The diversity table's children-in-care column is the local profile typed into Settings. Until one
// is typed there is no figure to show: 0 children of every group would be a profile, and a wrong one.
describe('diversity: the children-in-care column before any profile is typed', () => {
  it('reads not recorded, with no share, and the typed profile once there is one', async () => {
    const app = await testApp();
    await app.call('households.createHousehold', { enquiryDate: '2024-06-03', firstName: 'A', surname: 'B' });
    const table = () =>
      app.call('reports.getTable', {
        table: 'diversity',
        options: { from: '2024/25', to: '2024/25', pathway: 'mainstream' },
      });
    const col = (r: Awaited<ReturnType<typeof table>>) =>
      Object.fromEntries(r.rows.map((x) => [x.key, x.values.children_in_care]));

    const before = col(await table());
    expect(before.white).toBe('not recorded');
    expect(before.total).toBe('not recorded');
    expect(before.share_white).toBeNull();

    await app.call('carers.saveOfstedSettings', {
      childrenInCare: { asAt: '2025-03-31', counts: { white: 8, black: 2 } },
    });
    const after = col(await table());
    expect(after).toMatchObject({ white: 8, black: 2, asian: 0, total: 10, share_white: 80 });
  });
});
