import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addClosures } from '../reports/fixture.ts';

/**
 * Home's top drop-out reasons: most first, and reasons with as many drop-outs in the reason
 * list's order (as Settings arranges it, and as the drop-out table's rows run), not by label:
 * alphabetical order put tied reasons in another order than the table beside it. No reason with
 * as many as the fifth is left off: five listed, where a sixth had as many as the fifth, told a
 * manager the fifth mattered more. Tied reasons share a rank and are marked joint; when too many
 * tie with the fifth to list, one line counts them (domain/top-with-ties.ts).
 */
const TODAY = '2025-11-26';

const dashboard = async (app: TestApp) => (await app.call('planning.getDashboard', {})).dropouts;
const top = async (app: TestApp) => (await dashboard(app)).top.map((r) => [r.reason, r.count.value]);
const ranks = async (app: TestApp) =>
  (await dashboard(app)).top.map((r) => [r.reason, r.rank, r.joint, r.count.value]);
const households = async (app: TestApp, drill: string) =>
  (await app.call('planning.listHouseholds', { drill })).households.map((h) => h.reference).sort();

describe('Home’s top drop-out reasons, tied', () => {
  it('leave off no reason with as many as the fifth: each is listed, ranked joint, and opens its households', async () => {
    const app = await testApp({ today: TODAY });
    // Six reasons; the fourth, fifth and sixth have one drop-out each. Listing five said
    // circumstances (fifth in the list's order) mattered more than financial, left off.
    addClosures(app.ctx.store.db, 'D', {
      housing: 3,
      lost_contact: 2,
      not_as_expected: 2,
      process: 1,
      circumstances: 1,
      financial: 1,
    });
    expect(await ranks(app)).toEqual([
      ['housing', 1, false, 3],
      ['not_as_expected', 2, true, 2],
      ['lost_contact', 2, true, 2],
      ['process', 4, true, 1],
      ['circumstances', 4, true, 1],
      ['financial', 4, true, 1],
    ]);
    const d = await dashboard(app);
    expect(d.more).toBeNull();
    const financial = d.top.find((r) => r.reason === 'financial')!;
    expect(await households(app, financial.count.drill)).toEqual(['D10']);
    expect(await households(app, d.top[0]!.count.drill)).toEqual(['D1', 'D2', 'D3']);

    // Seven rows in all still fit: three above the fifth, four tied with it. An eighth does not:
    // the tied reasons are then counted in one line, none named (see the next test).
    addClosures(app.ctx.store.db, 'E', { allegations_risk: 1 });
    expect((await dashboard(app)).top.map((r) => r.rank)).toEqual([1, 2, 2, 4, 4, 4, 4]);
    addClosures(app.ctx.store.db, 'F', { other: 1 });
    expect((await dashboard(app)).top.map((r) => r.rank)).toEqual([1, 2, 2]);
    expect((await dashboard(app)).more).toMatchObject({ reasons: 5, each: 1 });
  });

  it('name none of too many reasons tied with the fifth, and count them in one line that opens their households', async () => {
    const app = await testApp({ today: TODAY });
    addClosures(app.ctx.store.db, 'D', {
      housing: 3,
      lost_contact: 2,
      not_as_expected: 1,
      process: 1,
      circumstances: 1,
      financial: 1,
      allegations_risk: 1,
      other: 1,
    });
    const d = await dashboard(app);
    // Eight rows would be too many: the two above the fifth, then six reasons with one each.
    expect(d.top.map((r) => [r.reason, r.rank, r.joint])).toEqual([
      ['housing', 1, false],
      ['lost_contact', 2, false],
    ]);
    expect(d.more).toEqual({ reasons: 6, each: 1, count: { value: 6, drill: 'dropouts-each:1' } });
    expect(await households(app, d.more!.count.drill)).toEqual(['D10', 'D11', 'D6', 'D7', 'D8', 'D9']);
    expect(await households(app, d.top[1]!.count.drill)).toEqual(['D4', 'D5']);
    expect(d.total.value).toBe(11);
  });

  it('count every reason in the line when all are tied and too many to list', async () => {
    const app = await testApp({ today: TODAY });
    addClosures(app.ctx.store.db, 'D', {
      other: 2,
      allegations_risk: 2,
      lost_contact: 2,
      financial: 2,
      housing: 2,
      process: 2,
      not_as_expected: 2,
      circumstances: 2,
    });
    const d = await dashboard(app);
    expect(d.top).toEqual([]);
    expect(d.more).toEqual({ reasons: 8, each: 2, count: { value: 16, drill: 'dropouts-each:2' } });
    expect((await households(app, d.more!.count.drill)).length).toBe(16);
    // A count no reason has opens no households; a malformed one is refused.
    expect(await households(app, 'dropouts-each:3')).toEqual([]);
    await expect(app.call('planning.listHouseholds', { drill: 'dropouts-each:x' })).rejects.toThrow(
      /no number/,
    );
  });

  it('follow the reason list’s order, which a rename does not change and a move in Settings does', async () => {
    const app = await testApp({ today: TODAY });
    // List order: not_as_expected, process, circumstances, financial, allegations_risk, housing,
    // other_provider, lost_contact, …, other. By label, "Lost contact" would come before
    // "No spare bedroom", and "Concerned about … allegations" before "Financial". All seven are
    // listed (the last five tie with the fifth), in the list's order.
    addClosures(app.ctx.store.db, 'D', {
      other: 1,
      allegations_risk: 1,
      lost_contact: 2,
      financial: 1,
      housing: 2,
      process: 1,
      not_as_expected: 1,
    });
    expect(await top(app)).toEqual([
      ['housing', 2],
      ['lost_contact', 2],
      ['not_as_expected', 1],
      ['process', 1],
      ['financial', 1],
      ['allegations_risk', 1],
      ['other', 1],
    ]);
    // The drop-out table lists the tied reasons in the same order.
    const table = await app.call('reports.getTable', {
      table: 'dropout',
      options: { from: '2025/26', to: '2025/26' },
    });
    const rows = table.rows.map((r) => r.key);
    expect(rows.indexOf('housing')).toBeLessThan(rows.indexOf('lost_contact'));

    await app.call('reasons.updateReason', { list: 'dropout', key: 'other', label: 'Aardvark (other)' });
    expect((await top(app)).map(([k]) => k)).toEqual([
      'housing',
      'lost_contact',
      'not_as_expected',
      'process',
      'financial',
      'allegations_risk',
      'other',
    ]);

    await app.call('reasons.moveReason', { list: 'dropout', key: 'lost_contact', direction: 'up' });
    await app.call('reasons.moveReason', { list: 'dropout', key: 'lost_contact', direction: 'up' });
    expect((await top(app)).map(([k]) => k).slice(0, 2)).toEqual(['lost_contact', 'housing']);
  });
});
