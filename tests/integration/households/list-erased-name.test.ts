import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from '../reports/fixture.ts';

/**
 * A purged household's names are blanked, and the households list showed its name as blank (read
 * as a household never named), where Home and every drill list say "(personal details erased)".
 */
describe('the households list after a purge', () => {
  it('names a purged household "(personal details erased)", as Home and the drill lists do', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    // An enquirer closed in 2023: past the 1 year the service keeps an enquirer's details.
    addHousehold(db, {
      reference: 'P1',
      episodes: [
        {
          milestones: { enquiry: '2023-05-01' },
          closure: { date: '2023-06-01', stage: 'enquiry', reason: 'lost_contact', endedBy: 'lost_contact' },
        },
      ],
    });
    addHousehold(db, { reference: 'K1', episodes: [{ milestones: { enquiry: '2026-10-01' } }] });
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);

    const list = await app.call('households.listHouseholds', { offset: 0, limit: 25 });
    expect(list.rows.map((r) => [r.reference, r.name])).toEqual([
      ['K1', 'Test K1'],
      ['P1', '(personal details erased)'],
    ]);
    const drill = await app.call('reports.listHouseholds', {
      table: 'dropout',
      options: { from: '2023/24', to: '2023/24', pathway: 'mainstream', suppress: false },
      section: '',
      row: 'total',
      column: 'total',
    });
    expect(drill.households.map((h) => h.name)).toEqual(['(personal details erased)']);
  });
});
