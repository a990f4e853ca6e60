import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { importFile, registerFile, registeredCarer, saveInterview } from '../households/endings.ts';
import { household, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * An exit interview follows its ending: offered and held on or after the closure or the cessation
 * (refused by hand otherwise). A later file that moves the ending it follows to after the interview
 * would leave the interview typed by hand before it: the row is refused, naming its row and column,
 * and nothing of the file is stored. Moving the ending earlier is fine.
 */
const TODAY = '2026-11-26';
const state = (app: TestApp) => {
  const db = app.ctx.store.db;
  return { ...snapshot(db), interviews: db.prepare('SELECT * FROM exit_interviews ORDER BY id').all() };
};

describe('an exit interview and a file that moves its ending', () => {
  const APPROVED = '2019-05-01';

  it('a deregistration moved to after the interview is refused; moved earlier, it lands', async () => {
    const app = await testApp({ today: TODAY });
    const id = await registeredCarer(app, APPROVED, '2025-06-30');
    await saveInterview(app, id, 'cessation', {
      status: 'held',
      offeredDate: '2025-07-01',
      heldDate: '2025-07-10',
    });
    const before = state(app);

    const later = await importFile(app, registerFile(app, 'august.xlsx', APPROVED, '2025-08-31'));
    expect(later).toMatchObject({ batch: null, updated: 0, rejected: 1 });
    expect(later.errors).toEqual([
      {
        row: 2,
        column: 'Date Deregistered',
        message:
          'FC1: its exit interview was offered on 01/07/2025, before the deregistration date 31/08/2025: correct the interview first.',
      },
    ]);
    expect(state(app)).toEqual(before);

    const earlier = await importFile(app, registerFile(app, 'june.xlsx', APPROVED, '2025-06-01'));
    expect(earlier).toMatchObject({ updated: 1, errors: [] });
    expect((await app.call('households.getHousehold', { id })).cessation!.date).toBe('2025-06-01');
  });

  it('a closure moved to after the interview is refused', async () => {
    const app = await testApp({ today: TODAY });
    const HEADERS = ['Reference', 'Surname', 'Enquiry Date', 'Date Closed', 'Closure Reason'];
    const file = (name: string, closed: string) =>
      writeWorkbook(join(app.dir, name), {
        Sheet1: [HEADERS, ['E1', 'Eden', xlDate('2025-01-10'), xlDate(closed), 'Lost contact']],
      });
    expect(await importFile(app, file('first.xlsx', '2025-03-01'))).toMatchObject({ new: 1, errors: [] });
    const id = household(app.ctx.store.db, 'E1')!.id as number;
    await saveInterview(app, id, 'closure', { status: 'declined', offeredDate: '2025-03-05' });
    const before = state(app);
    const r = await importFile(app, file('second.xlsx', '2025-04-01'));
    expect(r).toMatchObject({ batch: null, rejected: 1 });
    expect(r.errors).toEqual([
      {
        row: 2,
        column: 'Date Closed',
        message:
          'E1: its exit interview was offered on 05/03/2025, before the closure date 01/04/2025: correct the interview first.',
      },
    ]);
    expect(state(app)).toEqual(before);
  });
});
