import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import type { EndedBy } from '../../../src-main/domain/stages.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * No exit interview is held after a closure ended by lost contact, whatever its reason (helper-267):
 * the household stopped responding, so the offer went unanswered. The sample drew none held, but the
 * core took one by hand for a closure whose reason was "Other" and whose ended-by was lost contact.
 * Now refused by its field (status) with the others at one Save; one stored held before the rule
 * keeps it when saved again, as a reason it holds does (d470629).
 */
const TODAY = '2026-11-26';

async function refused(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

async function closed(app: TestApp, surname: string, endedBy: EndedBy) {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname });
  const h = await app.call('households.closeHousehold', {
    id,
    date: '2026-03-01',
    reasonKey: 'other',
    endedBy,
  });
  return { id, closureId: h.closures[0]!.id };
}

const held = {
  status: 'held' as const,
  offeredDate: '2026-03-02',
  heldDate: '2026-03-09',
  heldBy: 'A. Worker',
  reasons: ['other'],
  notes: null,
  mightReturn: null,
};

const stored = (app: TestApp) =>
  app.ctx.store.db.prepare('SELECT status, held_date AS heldDate, notes FROM exit_interviews').all();

describe('an exit interview after a closure ended by lost contact', () => {
  it('is refused as held, naming the status, with every other fault at once; offered or declined is taken', async () => {
    const app = await testApp({ today: TODAY });
    const { id, closureId } = await closed(app, 'Ashby', 'lost_contact');
    const bad = await refused(app.call('households.saveExitInterview', { id, closureId, ...held }));
    expect(bad).toMatchObject({ code: 'rule_violation', field: 'status' });
    expect(bad.message).toBe(
      'An interview cannot be held after a closure ended by lost contact: the applicant could not be reached. Record it as offered or declined, or if they came to one, first correct who ended the closure.',
    );
    // With a date at fault too: both said at one Save.
    const both = await refused(
      app.call('households.saveExitInterview', { id, closureId, ...held, heldDate: '2026-12-01' }),
    );
    expect(both.toJSON().issues?.map((i) => i.field)).toEqual(['status', 'heldDate']);
    expect(stored(app)).toEqual([]);

    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held,
      status: 'offered',
      heldDate: null,
      heldBy: null,
    });
    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held,
      status: 'declined',
      heldDate: null,
      heldBy: null,
    });
    expect(stored(app)).toEqual([{ status: 'declined', heldDate: null, notes: null }]);

    // Ended by the applicant, the same reason: held is taken.
    const other = await closed(app, 'Bell', 'applicant');
    await app.call('households.saveExitInterview', { id: other.id, closureId: other.closureId, ...held });
    expect(stored(app)).toContainEqual({ status: 'held', heldDate: '2026-03-09', notes: null });
  });

  it('one stored held before the rule stays held when saved again; once changed, it is not held anew', async () => {
    const app = await testApp({ today: TODAY });
    const { id, closureId } = await closed(app, 'Cole', 'lost_contact');
    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held,
      status: 'offered',
      heldDate: null,
      heldBy: null,
    });
    // As an older version saved it.
    app.ctx.store.db
      .prepare("UPDATE exit_interviews SET status = 'held', held_date = '2026-03-09', held_by = 'A. Worker'")
      .run();
    await app.call('households.saveExitInterview', { id, closureId, ...held, notes: 'Spoke again in July.' });
    expect(stored(app)).toEqual([{ status: 'held', heldDate: '2026-03-09', notes: 'Spoke again in July.' }]);
    expect((await app.call('households.getHousehold', { id })).exitInterviews[0]).toMatchObject({
      status: 'held',
      reasons: ['other'],
    });

    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held,
      status: 'declined',
      heldDate: null,
      heldBy: null,
    });
    const bad = await refused(app.call('households.saveExitInterview', { id, closureId, ...held }));
    expect(bad).toMatchObject({ code: 'rule_violation', field: 'status' });
    expect(stored(app)).toEqual([{ status: 'declined', heldDate: null, notes: null }]);
  });

  it('a closure is not corrected to lost contact while its interview is held (helper-274); one that ended so already keeps it', async () => {
    const app = await testApp({ today: TODAY });
    const { id, closureId } = await closed(app, 'Dunn', 'applicant');
    await app.call('households.saveExitInterview', { id, closureId, ...held });
    const correct = (endedBy: EndedBy, notes: string | null = null) =>
      app.call('households.correctClosure', {
        id,
        date: '2026-03-01',
        reasonKey: 'other',
        endedBy,
        notes,
        because: 'Typed wrongly',
      });
    const bad = await refused(correct('lost_contact'));
    expect(bad).toMatchObject({ code: 'rule_violation', field: 'endedBy' });
    expect(bad.message).toMatch(/interview was held/);
    const endedBy = () => app.ctx.store.db.prepare('SELECT ended_by FROM closures').pluck().all();
    expect(endedBy()).toEqual(['applicant']);
    expect(stored(app)).toEqual([{ status: 'held', heldDate: '2026-03-09', notes: null }]);
    // Who ended it corrected otherwise is taken.
    await correct('service');
    expect(endedBy()).toEqual(['service']);
    // As an older version stored it (lost contact, held): corrected again as it stands, taken.
    app.ctx.store.db.prepare("UPDATE closures SET ended_by = 'lost_contact'").run();
    await correct('lost_contact', 'Notes added.');
    expect(endedBy()).toEqual(['lost_contact']);
  });
});
