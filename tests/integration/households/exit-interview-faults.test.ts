import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import type { Report } from '../../../src-main/contract/reports.ts';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The exit-interview save (helper-265's walk): every field at fault said at once, each named; and
 * "lost contact / no response" is no reason an interview held gives (the applicant came to it),
 * refused by its key, while an older interview that holds it stays readable and counted.
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

async function closed(app: TestApp, surname: string) {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname });
  const h = await app.call('households.closeHousehold', {
    id,
    date: '2026-03-01',
    reasonKey: 'circumstances',
    endedBy: 'applicant',
  });
  return { id, closureId: h.closures[0]!.id };
}

const held = (reasons: string[]) => ({
  status: 'held' as const,
  offeredDate: '2026-03-02',
  heldDate: '2026-03-09',
  heldBy: 'A. Worker',
  reasons,
  notes: null,
  mightReturn: null,
});

const saidRows = async (app: TestApp) =>
  (
    (await app.call('reports.getTable', {
      table: 'dropout',
      options: { from: '2025/26', to: '2025/26', pathway: 'mainstream', quarterly: false, suppress: false },
    })) as Report
  ).sections
    .find((s) => s.key === 'exit_interview_answers')!
    .rows.map((r) => [r.key, r.values.total]);

describe('an exit interview refused', () => {
  it('says every field at fault at once, each by its field: offered before the ending and held before the offer', async () => {
    const app = await testApp({ today: TODAY });
    const { id, closureId } = await closed(app, 'Ashby');
    const bad = await refused(
      app.call('households.saveExitInterview', {
        id,
        closureId,
        ...held(['process']),
        offeredDate: '2026-02-20',
        heldDate: '2026-02-10',
      }),
    );
    expect(bad).toMatchObject({
      code: 'rule_violation',
      field: 'offeredDate',
      message: 'Offered date 20/02/2026 is before the ending on 01/03/2026.',
    });
    expect(bad.toJSON().issues).toEqual([
      { field: 'offeredDate', message: 'Offered date 20/02/2026 is before the ending on 01/03/2026.' },
      { field: 'heldDate', message: 'Held date 10/02/2026 is before the offer on 20/02/2026.' },
    ]);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM exit_interviews').pluck().get()).toBe(0);
  });

  it('refuses lost contact as a reason an interview held gave, naming it; an older one holding it keeps it', async () => {
    const app = await testApp({ today: TODAY });
    const { id, closureId } = await closed(app, 'Bell');
    const bad = await refused(
      app.call('households.saveExitInterview', { id, closureId, ...held(['process', 'lost_contact']) }),
    );
    expect(bad).toMatchObject({ code: 'rule_violation', field: 'reasons.1' });
    expect(bad.message).toContain('cannot give lost contact');
    // With a date fault as well: both.
    const both = await refused(
      app.call('households.saveExitInterview', {
        id,
        closureId,
        ...held(['lost_contact']),
        heldDate: '2026-12-01',
      }),
    );
    expect(both.toJSON().issues?.map((i) => i.field)).toEqual(['heldDate', 'reasons.0']);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM exit_interviews').pluck().get()).toBe(0);
    // Only offered or declined: it gave no reasons (none stored), so nothing to refuse.
    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held(['lost_contact']),
      status: 'declined',
      heldDate: null,
      heldBy: null,
    });

    // No interview holds it: "What applicants said" has no row for it.
    await app.call('households.saveExitInterview', { id, closureId, ...held(['process']) });
    const rows = await saidRows(app);
    expect(rows).toContainEqual(['process', 1]);
    expect(rows.map(([k]) => k)).not.toContain('lost_contact');

    // An interview saved before the rule, holding it: still on the record, and counted in its row.
    const db = app.ctx.store.db;
    db.prepare(
      "INSERT INTO exit_interview_reasons (interview_id, list, reason_key) SELECT id, 'dropout', 'lost_contact' FROM exit_interviews",
    ).run();
    // The reports read the episodes record, which the save keeps: rebuilt as an upgrade would.
    db.transaction(() => {
      db.exec('DELETE FROM episodes');
      rebuildAllEpisodes(db);
    })();
    const h = await app.call('households.getHousehold', { id });
    expect(h.exitInterviews[0]!.reasons).toEqual(expect.arrayContaining(['process', 'lost_contact']));
    expect(await saidRows(app)).toContainEqual(['lost_contact', 1]);
    // Saved again (its notes, say), what it holds stands, as a retired reason does: nothing recorded is lost.
    await app.call('households.saveExitInterview', {
      id,
      closureId,
      ...held(['process', 'lost_contact']),
      notes: 'Spoke again in July.',
    });
    expect((await app.call('households.getHousehold', { id })).exitInterviews[0]!.reasons).toEqual(
      expect.arrayContaining(['process', 'lost_contact']),
    );
  });
});
