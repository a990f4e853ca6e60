import type { Db } from '../../../src-main/db/open.ts';
import type { TestApp } from '../../support/temp.ts';
import { saveInterview } from '../households/endings.ts';
import { addHousehold } from '../reports/fixture.ts';

/** The day the endings stand on: 2025/26 to date. */
export const ENDINGS_TODAY = '2025-11-26';

const approved = (enquiry: string, approval: string) => ({
  milestones: { enquiry, eoi: enquiry, stage1: enquiry, stage2: enquiry, panel: approval, approval },
});

/**
 * This year to date: A1 and A2 approved, C1 ceased (approved in 2023), C2 approved and ceased,
 * D1 dropped out at Stage 1 (Counselled out, as the service has renamed that reason): net change +1.
 */
export function addEndings(db: Db): void {
  db.transaction(() => {
    addHousehold(db, { reference: 'A1', episodes: [approved('2024-10-01', '2025-06-10')] });
    addHousehold(db, { reference: 'A2', episodes: [approved('2024-11-01', '2025-07-01')] });
    addHousehold(db, {
      reference: 'C1',
      episodes: [approved('2022-10-01', '2023-06-10')],
      cessation: { date: '2025-09-03', reason: 'transfer_ifa' },
    });
    // Approved and ceased the same year: counted twice (+1 and −1), listed once with both.
    addHousehold(db, {
      reference: 'C2',
      episodes: [approved('2024-12-01', '2025-05-02')],
      cessation: { date: '2025-10-20', reason: 'personal_circumstances' },
    });
    addHousehold(db, {
      reference: 'D1',
      episodes: [
        {
          milestones: { enquiry: '2025-04-02', eoi: '2025-04-20', stage1: '2025-05-01' },
          closure: { date: '2025-08-01', stage: 'stage1', reason: 'counselled_out', endedBy: 'service' },
        },
      ],
    });
  })();
  // The service's own words for a reason (Settings renames it): the list says those.
  db.prepare(
    "UPDATE reasons SET label = 'Counselled out' WHERE list = 'dropout' AND key = 'counselled_out'",
  ).run();
}

/**
 * The endings (addEndings) with an exit interview after each of three: D1's held (two reasons,
 * might return), C1's held (one reason, will not return), C2's declined with a reason ticked on
 * its form (nothing said).
 */
export async function endingsWithInterviews(app: TestApp): Promise<void> {
  const db = app.ctx.store.db;
  addEndings(db);
  const id = (ref: string) =>
    db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(ref) as number;
  await saveInterview(app, id('D1'), 'closure', {
    status: 'held',
    offeredDate: '2025-08-01',
    heldDate: '2025-08-08',
    reasons: ['process', 'financial'],
    mightReturn: true,
  });
  await saveInterview(app, id('C1'), 'cessation', {
    status: 'held',
    offeredDate: '2025-09-03',
    heldDate: '2025-09-10',
    reasons: ['dissatisfied'],
    mightReturn: false,
  });
  await saveInterview(app, id('C2'), 'cessation', {
    status: 'declined',
    offeredDate: '2025-10-20',
    reasons: ['dissatisfied'],
    mightReturn: true,
  });
}
