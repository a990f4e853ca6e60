import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

// Today is fixed at Thursday 26/11/2026 by testApp.
const row = (app: TestApp, sql: string, ...args: unknown[]) =>
  app.ctx.store.db.prepare(sql).get(...args) as Record<string, unknown>;
const rows = (app: TestApp, sql: string, ...args: unknown[]) =>
  app.ctx.store.db.prepare(sql).all(...args) as Array<Record<string, unknown>>;

async function refused(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

async function withHousehold(over: Record<string, unknown> = {}) {
  const app = await testApp();
  const { id, reference } = await app.call('households.createHousehold', {
    enquiryDate: '2026-01-05',
    firstName: 'Amira',
    surname: 'Khan',
    email: 'amira@example.org',
    telephone: '07700900123',
    postcode: 'LS1 2AB',
    source: 'website',
    ...over,
  });
  return { app, id, reference };
}

describe('adding a household by hand', () => {
  it('stores the household, its enquiry, hand provenance and an audit entry', async () => {
    const { app, id, reference } = await withHousehold();
    expect(reference).toBe('FF000001');
    expect(row(app, 'SELECT status, stage, enquiry_date FROM households WHERE id = ?', id)).toEqual({
      status: 'open',
      stage: 'enquiry',
      enquiry_date: '2026-01-05',
    });
    expect(
      rows(app, 'SELECT kind, date, episode, source FROM milestones WHERE household_id = ?', id),
    ).toEqual([{ kind: 'enquiry', date: '2026-01-05', episode: 1, source: 'hand' }]);
    const sources = rows(
      app,
      "SELECT field FROM field_sources WHERE household_id = ? AND source = 'hand' ORDER BY field",
      id,
    ).map((r) => r.field);
    expect(sources).toEqual(
      expect.arrayContaining(['email', 'enquiry', 'first_name', 'postcode', 'surname']),
    );
    expect(
      row(
        app,
        "SELECT user, action, entity FROM audit_log WHERE household_id = ? AND entity = 'household'",
        id,
      ),
    ).toEqual({
      user: 'tester',
      action: 'create',
      entity: 'household',
    });
  });

  it('warns about a likely duplicate (same email, or same name and postcode) and saves only when confirmed', async () => {
    const { app } = await withHousehold();
    const byEmail = await refused(
      app.call('households.createHousehold', {
        enquiryDate: '2026-02-01',
        email: 'AMIRA@example.org',
        surname: 'Other',
      }),
    );
    expect(byEmail.code).toBe('conflict');
    expect(byEmail.field).toBe('email');
    expect(byEmail.message).toContain('FF000001');
    const byName = await refused(
      app.call('households.createHousehold', {
        enquiryDate: '2026-02-01',
        firstName: 'amira',
        surname: 'KHAN',
        postcode: 'ls12ab',
      }),
    );
    expect(byName.field).toBe('surname');
    expect(
      await app.call('households.findDuplicates', {
        firstName: 'Amira',
        surname: 'Khan',
        postcode: 'LS1 2AB',
      }),
    ).toMatchObject([{ reference: 'FF000001', why: 'name_postcode' }]);
    expect(row(app, 'SELECT COUNT(*) AS n FROM households')).toEqual({ n: 1 });
    const saved = await app.call('households.createHousehold', {
      enquiryDate: '2026-02-01',
      email: 'amira@example.org',
      confirmDuplicates: true,
    });
    expect(saved.reference).toBe('FF000002');
  });

  it('refuses an enquiry date in the future and stores nothing', async () => {
    const app = await testApp();
    const e = await refused(
      app.call('households.createHousehold', { enquiryDate: '2026-12-01', surname: 'Later' }),
    );
    expect(e.code).toBe('rule_violation');
    expect(e.field).toBe('enquiryDate');
    expect(row(app, 'SELECT COUNT(*) AS n FROM households')).toEqual({ n: 0 });
  });
});

describe('milestones', () => {
  it('records each milestone in order, moving the stage on, and audits each', async () => {
    const { app, id } = await withHousehold();
    const steps = [
      ['initial_visit', '2026-01-08', 'enquiry'],
      ['eoi', '2026-01-20', 'eoi'],
      ['stage1', '2026-02-02', 'stage1'],
      ['stage2', '2026-04-01', 'stage2'],
      ['panel', '2026-09-10', 'panel'],
      ['approval', '2026-09-17', 'approval'],
    ] as const;
    for (const [kind, date, stage] of steps) {
      const r = await app.call('households.recordMilestone', { id, kind, date });
      expect(r.stage).toBe(stage);
      expect(row(app, 'SELECT stage, stage_date FROM households WHERE id = ?', id)).toEqual({
        stage,
        stage_date: stage === 'enquiry' ? '2026-01-05' : date,
      });
    }
    expect(row(app, 'SELECT status FROM households WHERE id = ?', id)).toEqual({ status: 'approved' });
    const audited = rows(
      app,
      "SELECT field, new_value FROM audit_log WHERE household_id = ? AND entity = 'milestone' ORDER BY id",
      id,
    );
    expect(audited.map((a) => a.field)).toEqual(['enquiry', ...steps.map((s) => s[0])]);
    expect(audited[2]!.new_value).toBe('"2026-01-20"');
  });

  it('refuses a date out of order, naming the field, and stores nothing', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-01' });
    await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2026-03-01' });
    const e = await refused(
      app.call('households.recordMilestone', { id, kind: 'stage2', date: '2026-02-15' }),
    );
    expect(e.code).toBe('rule_violation');
    expect(e.field).toBe('date');
    expect(e.message).toBe('Stage 2 date 15/02/2026 is before the Stage 1 date 01/03/2026.');
    expect(
      row(app, "SELECT COUNT(*) AS n FROM milestones WHERE household_id = ? AND kind = 'stage2'", id),
    ).toEqual({ n: 0 });
    expect(row(app, 'SELECT stage FROM households WHERE id = ?', id)).toEqual({ stage: 'stage1' });
  });

  it('corrects a date with a reason, keeping the old value in the audit log', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-01' });
    await app.call('households.correctMilestone', {
      id,
      kind: 'eoi',
      date: '2026-02-03',
      reason: 'typed wrong day',
    });
    expect(row(app, "SELECT date FROM milestones WHERE household_id = ? AND kind = 'eoi'", id)).toEqual({
      date: '2026-02-03',
    });
    expect(
      row(
        app,
        "SELECT old_value, new_value, reason, action FROM audit_log WHERE household_id = ? AND entity = 'milestone' AND action = 'update'",
        id,
      ),
    ).toEqual({
      old_value: '"2026-02-01"',
      new_value: '"2026-02-03"',
      reason: 'typed wrong day',
      action: 'update',
    });
    const e = await refused(
      app.call('households.correctMilestone', { id, kind: 'enquiry', date: '2026-02-10', reason: 'x' }),
    );
    expect(e.message).toContain('EOI / application date 03/02/2026 is before the Enquiry date 10/02/2026');
    expect(row(app, "SELECT date FROM milestones WHERE household_id = ? AND kind = 'enquiry'", id)).toEqual({
      date: '2026-01-05',
    });
  });

  it('removes a milestone with a reason and moves the stage back; the enquiry cannot be removed', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-01' });
    await app.call('households.removeMilestone', { id, kind: 'eoi', reason: 'recorded on the wrong family' });
    expect(row(app, 'SELECT stage FROM households WHERE id = ?', id)).toEqual({ stage: 'enquiry' });
    expect(
      row(
        app,
        "SELECT action, old_value, reason FROM audit_log WHERE household_id = ? AND action = 'delete'",
        id,
      ),
    ).toEqual({
      action: 'delete',
      old_value: '"2026-02-01"',
      reason: 'recorded on the wrong family',
    });
    const e = await refused(app.call('households.removeMilestone', { id, kind: 'enquiry', reason: 'x' }));
    expect(e.code).toBe('rule_violation');
  });
});

describe('closing, re-opening, ceasing, exit interviews, pathway', () => {
  it('closes with a reason and derives the stage reached from the milestones', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-01' });
    await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2026-02-10' });
    const early = await refused(
      app.call('households.closeHousehold', {
        id,
        date: '2026-02-05',
        reasonKey: 'housing',
        endedBy: 'applicant',
      }),
    );
    expect(early.message).toBe('Closure date 05/02/2026 is before the Stage 1 date 10/02/2026.');
    const r = await app.call('households.closeHousehold', {
      id,
      date: '2026-03-01',
      reasonKey: 'housing',
      endedBy: 'applicant',
      notes: 'Moving to a smaller flat',
    });
    expect(r.status).toBe('closed');
    expect(
      row(
        app,
        'SELECT episode, date, stage_reached, reason_key, ended_by, notes, reopened_on FROM closures WHERE household_id = ?',
        id,
      ),
    ).toEqual({
      episode: 1,
      date: '2026-03-01',
      stage_reached: 'stage1',
      reason_key: 'housing',
      ended_by: 'applicant',
      notes: 'Moving to a smaller flat',
      reopened_on: null,
    });
    expect(row(app, 'SELECT status, stage, next_alert FROM households WHERE id = ?', id)).toEqual({
      status: 'closed',
      stage: 'stage1',
      next_alert: null,
    });
    const again = await refused(
      app.call('households.recordMilestone', { id, kind: 'stage2', date: '2026-03-02' }),
    );
    expect(again.message).toMatch(/is closed/);
  });

  it('re-opens as a new episode, keeping the old closure and milestones; the new enquiry counts in its year', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-02-01' });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-03-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const before = await refused(app.call('households.reopenHousehold', { id, enquiryDate: '2026-02-20' }));
    expect(before.field).toBe('enquiryDate');
    const r = await app.call('households.reopenHousehold', {
      id,
      enquiryDate: '2026-06-15',
      notes: 'Rang again',
    });
    expect(r.episode).toBe(2);
    expect(row(app, 'SELECT episode, status, stage, enquiry_date FROM households WHERE id = ?', id)).toEqual({
      episode: 2,
      status: 'open',
      stage: 'enquiry',
      enquiry_date: '2026-06-15',
    });
    expect(row(app, 'SELECT reopened_on FROM closures WHERE household_id = ? AND episode = 1', id)).toEqual({
      reopened_on: '2026-06-15',
    });
    expect(
      rows(
        app,
        'SELECT episode, kind, date FROM milestones WHERE household_id = ? ORDER BY episode, date',
        id,
      ),
    ).toEqual([
      { episode: 1, kind: 'enquiry', date: '2026-01-05' },
      { episode: 1, kind: 'eoi', date: '2026-02-01' },
      { episode: 2, kind: 'enquiry', date: '2026-06-15' },
    ]);
    // The second episode has its own journey and may close again.
    await app.call('households.closeHousehold', {
      id,
      date: '2026-07-01',
      reasonKey: 'other',
      endedBy: 'service',
    });
    expect(
      rows(app, 'SELECT episode, stage_reached FROM closures WHERE household_id = ? ORDER BY episode', id),
    ).toEqual([
      { episode: 1, stage_reached: 'eoi' },
      { episode: 2, stage_reached: 'enquiry' },
    ]);
    const timeline = await app.call('households.getTimeline', { id });
    expect(timeline.map((t) => t.summary)).toContain('Re-opened on 15/06/2026 – Rang again');
  });

  it('ceases an approved household: a resignation takes effect 28 days after notice', async () => {
    const { app, id } = await withHousehold();
    for (const [kind, date] of [
      ['eoi', '2026-01-10'],
      ['stage1', '2026-01-20'],
      ['stage2', '2026-02-20'],
      ['panel', '2026-06-01'],
      ['approval', '2026-06-08'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    const tooSoon = await refused(
      app.call('households.ceaseHousehold', {
        id,
        noticeDate: '2026-11-02',
        date: '2026-11-20',
        reasonKey: 'transfer_ifa',
        initiatedBy: 'carer',
      }),
    );
    expect(tooSoon.message).toBe('A resignation takes effect 28 days after notice: not before 30/11/2026.');
    expect(tooSoon.field).toBe('date');
    const r = await app.call('households.ceaseHousehold', {
      id,
      noticeDate: '2026-11-02',
      reasonKey: 'transfer_ifa',
      initiatedBy: 'carer',
    });
    expect(r.status).toBe('ceased');
    expect(
      row(
        app,
        'SELECT date, notice_date, reason_key, initiated_by FROM cessations WHERE household_id = ?',
        id,
      ),
    ).toEqual({
      date: '2026-11-30',
      notice_date: '2026-11-02',
      reason_key: 'transfer_ifa',
      initiated_by: 'carer',
    });
  });

  it('records an exit interview after a closure with several reasons, then updates it', async () => {
    const { app, id } = await withHousehold();
    const closed = await app.call('households.closeHousehold', {
      id,
      date: '2026-03-01',
      reasonKey: 'financial',
      endedBy: 'applicant',
    });
    const closureId = closed.closures[0]!.id;
    const bad = await refused(
      app.call('households.saveExitInterview', {
        id,
        closureId,
        status: 'held',
        offeredDate: '2026-03-05',
        heldDate: '2026-03-02',
        reasons: [],
      }),
    );
    expect(bad.field).toBe('heldDate');
    await app.call('households.saveExitInterview', {
      id,
      closureId,
      status: 'offered',
      offeredDate: '2026-03-03',
      reasons: ['financial'],
    });
    const r = await app.call('households.saveExitInterview', {
      id,
      closureId,
      status: 'held',
      offeredDate: '2026-03-03',
      heldDate: '2026-03-10',
      heldBy: 'J. Officer',
      reasons: ['financial', 'process'],
      notes: 'Would return when the mortgage is paid',
      mightReturn: true,
    });
    expect(r.exitInterviews).toHaveLength(1);
    expect(
      row(
        app,
        'SELECT status, offered_date, held_date, held_by, notes, might_return FROM exit_interviews WHERE closure_id = ?',
        closureId,
      ),
    ).toEqual({
      status: 'held',
      offered_date: '2026-03-03',
      held_date: '2026-03-10',
      held_by: 'J. Officer',
      notes: 'Would return when the mortgage is paid',
      might_return: 1,
    });
    expect(rows(app, 'SELECT list, reason_key FROM exit_interview_reasons ORDER BY reason_key')).toEqual([
      { list: 'dropout', reason_key: 'financial' },
      { list: 'dropout', reason_key: 'process' },
    ]);
  });

  it('switches pathway with a date, kept as history', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-02-01' });
    expect(row(app, 'SELECT pathway FROM households WHERE id = ?', id)).toEqual({ pathway: 'kinship' });
    expect(
      rows(app, 'SELECT date, from_pathway, to_pathway FROM pathway_changes WHERE household_id = ?', id),
    ).toEqual([{ date: '2026-02-01', from_pathway: 'mainstream', to_pathway: 'kinship' }]);
    expect(
      row(app, "SELECT source FROM field_sources WHERE household_id = ? AND field = 'pathway'", id),
    ).toEqual({ source: 'hand' });
  });

  it('edits details field by field with an audit entry each, and searches the new name', async () => {
    const { app, id } = await withHousehold();
    await app.call('households.updateDetails', { id, surname: 'Khan-Smith', telephone: null });
    expect(
      rows(
        app,
        "SELECT field, old_value, new_value FROM audit_log WHERE household_id = ? AND action = 'update' ORDER BY id",
        id,
      ),
    ).toEqual([
      { field: 'surname', old_value: '"Khan"', new_value: '"Khan-Smith"' },
      { field: 'telephone', old_value: '"07700 900123"', new_value: null },
    ]);
    const list = await app.call('households.listHouseholds', { search: 'khan-sm' });
    expect(list.rows.map((r) => r.reference)).toEqual(['FF000001']);
  });
});
