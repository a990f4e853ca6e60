import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * What a carers register may do to a household's endings (found by a review of register imports
 * and hand-recorded cessations): it never approves a household closed as a drop-out, never turns
 * a recorded leaving reason into "Other" for want of a reason column, and a cessation is never
 * dated before a pathway change, by file or by hand.
 */
const importFile = (app: TestApp, name: string, lines: string[], overwriteHand = false) =>
  app.call('imports.importFile', { path: app.file(name, lines.join('\r\n')), kind: 'carers', overwriteHand });
const idOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference) as number;
const cessation = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      'SELECT c.date, c.reason_key, c.reason_text, c.initiated_by FROM cessations c JOIN households h ON h.id = c.household_id WHERE h.reference = ?',
    )
    .get(reference);

describe('a carers register and the endings already recorded', () => {
  it('does not approve a household closed as not approved: the row is refused on its approval date', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await app.call('imports.importFile', {
      path: app.file('enq.csv', 'Reference,Enquiry date,Surname,Panel date\r\n501,01/03/2024,Ash,01/09/2024'),
    });
    await app.call('households.closeHousehold', {
      id: idOf(app, '501'),
      date: '2024-09-15',
      reasonKey: 'not_approved',
      endedBy: 'service',
    });
    const r = await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date',
      '501,Ann Ash,10/09/2024',
    ]);
    expect(r).toMatchObject({ updated: 0, rejected: 1 });
    expect(r.errors.map((e) => `${e.row} ${e.column}`)).toEqual(['2 Approval date']);
    expect(r.errors[0]!.message).toContain(
      '501 is closed (a drop-out on 15/09/2024), so it cannot also be approved',
    );
    const record = await app.call('households.getHousehold', { id: idOf(app, '501') });
    expect(record.status).toBe('closed');
    expect(record.milestones.map((m) => m.kind)).not.toContain('approval');
  });

  it('keeps the recorded leaving reason when a later register moves the date and has no reason column', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg1.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '301,Gil Gray,01/05/2020,30/06/2025,Moved to IFA',
    ]);
    const before = cessation(app, '301') as { reason_key: string; reason_text: string | null };
    expect(before).toMatchObject({ date: '2025-06-30', initiated_by: 'carer' });
    expect(before.reason_key).not.toBe('other');
    const moved = await importFile(app, 'reg2.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date',
      '301,Gil Gray,01/05/2020,01/07/2025',
    ]);
    expect(moved).toMatchObject({ updated: 1, rejected: 0 });
    expect(cessation(app, '301')).toEqual({ ...before, date: '2025-07-01' });
    // A blank reason cell likewise keeps it, without the warning that it was read as "Other".
    const blank = await importFile(app, 'reg3.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '301,Gil Gray,01/05/2020,02/07/2025,',
    ]);
    expect(blank).toMatchObject({ updated: 1, rejected: 0, warnings: [] });
    expect(cessation(app, '301')).toEqual({ ...before, date: '2025-07-02' });
  });

  it('refuses a cessation dated before the last pathway change, by hand and by file', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg1.csv', ['Carer ID,Carer name,Approval date', '701,Kim Kay,01/09/2024']);
    const id = idOf(app, '701');
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-11-28' });
    setClock('2026-12-05');
    const byHand = await app
      .call('households.ceaseHousehold', {
        id,
        date: '2026-11-20',
        reasonKey: 'personal_circumstances',
        initiatedBy: 'carer',
      })
      .catch((e: unknown) => e);
    expect(byHand).toMatchObject({ code: 'rule_violation', field: 'date' });
    expect((byHand as Error).message).toContain('701 changed pathway on 28/11/2026: a cessation before that');
    const byFile = await importFile(app, 'reg2.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '701,Kim Kay,01/09/2024,20/11/2026,Personal circumstances',
    ]);
    expect(byFile).toMatchObject({ updated: 0, rejected: 1 });
    expect(byFile.errors.map((e) => `${e.row} ${e.column}`)).toEqual(['2 Deregistration date']);
    expect(cessation(app, '701')).toBeUndefined();
    // On or after the change it is recorded.
    await app.call('households.ceaseHousehold', {
      id,
      date: '2026-12-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
    });
    expect(cessation(app, '701')).toMatchObject({ date: '2026-12-01' });
  });

  it('checks a cessation a register moves against the notice recorded by hand (28 days)', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg1.csv', ['Carer ID,Carer name,Approval date', '801,Lee Lo,01/09/2020']);
    await app.call('households.ceaseHousehold', {
      id: idOf(app, '801'),
      noticeDate: '2025-06-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
    });
    expect(cessation(app, '801')).toMatchObject({ date: '2025-06-29' });
    const r = await importFile(
      app,
      'reg2.csv',
      [
        'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
        '801,Lee Lo,01/09/2020,10/06/2025,Personal circumstances',
      ],
      true,
    );
    expect(r).toMatchObject({ updated: 0, rejected: 1 });
    expect(cessation(app, '801')).toMatchObject({ date: '2025-06-29' });
  });
});
