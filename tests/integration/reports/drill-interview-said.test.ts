import { describe, expect, it } from 'vitest';
import type { DrillHousehold } from '../../../src-main/contract/report-shapes.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { saveInterview, type Interview } from '../households/endings.ts';

/**
 * The households behind the drop-out and leaving tables, the retention table's ceased row and
 * Home's drop-outs say, beside the closure's or cessation's own reason, what each said at the exit
 * interview held after it: the reasons given, in the service's words, and whether they might
 * return later (a manager reading a stage's drop-outs, or the "what they said" rows, had to open
 * each record for it). Only a held interview says
 * anything: a declined or offered one's answer to might return, kept on the record, is not shown,
 * as the tables do not count it (reasons sent with one are not stored: domain/order-rules.ts
 * reasonsGiven). Recorded through the contract, as the record's forms do.
 */
const TODAY = '2026-11-26';
const YEAR = { from: '2025/26', to: '2025/26' } as const;

type Said = Pick<Interview, 'status' | 'reasons' | 'mightReturn'>;

async function interview(app: TestApp, id: number, after: 'closure' | 'cessation', date: string, s?: Said) {
  if (s)
    await saveInterview(app, id, after, {
      offeredDate: date,
      heldDate: s.status === 'held' ? date : null,
      ...s,
    });
}

async function applicant(app: TestApp, surname: string, closed: string, said?: Said): Promise<number> {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2025-04-07', surname });
  await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2025-05-01' });
  await app.call('households.closeHousehold', {
    id,
    date: closed,
    reasonKey: 'circumstances',
    endedBy: 'applicant',
    notes: null,
  });
  await interview(app, id, 'closure', closed, said);
  return id;
}

async function carer(app: TestApp, surname: string, ceased: string, said?: Said): Promise<number> {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2019-01-07', surname });
  await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2019-03-01' });
  await app.call('households.recordMilestone', { id, kind: 'approval', date: '2019-11-01' });
  await app.call('households.ceaseHousehold', {
    id,
    date: ceased,
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
    notes: null,
  });
  await interview(app, id, 'cessation', ceased, said);
  return id;
}

/** Each listed household's events as (id, reason, said, might return). */
async function drill(
  app: TestApp,
  table: 'dropout' | 'leaving' | 'retention',
  section: string,
  row: string,
  column: string,
  options: { from: string; to: string } = YEAR,
) {
  const { households } = await app.call('reports.listHouseholds', {
    table,
    options,
    section,
    row,
    column,
  });
  return saidOf(households);
}

/** Home's list behind one figure, as `drill`. */
async function homeDrill(app: TestApp, drill: string) {
  return saidOf((await app.call('planning.listHouseholds', { drill })).households);
}

function saidOf(households: DrillHousehold[]) {
  return Object.fromEntries(
    households.map((h: DrillHousehold) => [
      h.id,
      h.events!.map((e) => ({ reason: e.reason, said: e.said, mightReturn: e.mightReturn })),
    ]),
  );
}

describe('what a household said at its exit interview, in the lists behind the drop-out and leaving tables', () => {
  it("gives each drop-out's held interview's reasons in the service's words and might return, none for a declined or offered one", async () => {
    const app = await testApp({ today: TODAY });
    // The service's own words for a reason given: the list says those, as the tables do.
    app.ctx.store.db
      .prepare(
        "UPDATE reasons SET label = 'The assessment process' WHERE list = 'dropout' AND key = 'process'",
      )
      .run();
    const held = await applicant(app, 'Ashby', '2025-06-02', {
      status: 'held',
      reasons: ['process', 'housing'],
      mightReturn: true,
    });
    const heldSaidNothing = await applicant(app, 'Bell', '2025-07-02', {
      status: 'held',
      mightReturn: false,
    });
    const heldNotKnown = await applicant(app, 'Cole', '2025-08-02', {
      status: 'held',
      reasons: ['financial'],
    });
    // Ticked, then declined: the reasons are not stored (reasonsGiven), the answer is; nothing was said.
    const declined = await applicant(app, 'Dale', '2025-09-02', {
      status: 'declined',
      reasons: ['financial'],
      mightReturn: true,
    });
    const offered = await applicant(app, 'Eden', '2025-10-02', {
      status: 'offered',
      reasons: ['process'],
      mightReturn: true,
    });
    const none = await applicant(app, 'Ford', '2025-10-09');

    const reason = 'Household circumstances changed';
    expect(await drill(app, 'dropout', '', 'circumstances', 'stage1')).toEqual({
      [held]: [
        {
          reason,
          said: ['The assessment process', 'No spare bedroom / housing'],
          mightReturn: true,
        },
      ],
      [heldSaidNothing]: [{ reason, said: [], mightReturn: false }],
      [heldNotKnown]: [{ reason, said: ['Unable to continue for financial reasons'], mightReturn: null }],
      [declined]: [{ reason, said: null, mightReturn: null }],
      [offered]: [{ reason, said: null, mightReturn: null }],
      [none]: [{ reason, said: null, mightReturn: null }],
    });
    // The "what they said" rows' lists, and the coverage rows', say the same.
    expect(await drill(app, 'dropout', 'exit_interview_answers', 'might-return', 'total')).toEqual({
      [held]: [{ reason, said: ['The assessment process', 'No spare bedroom / housing'], mightReturn: true }],
    });
    expect(await drill(app, 'dropout', 'exit_interviews', 'declined', 'total')).toEqual({
      [declined]: [{ reason, said: null, mightReturn: null }],
    });
  });

  it("gives each cessation's held interview's reasons and might return, none for a declined one", async () => {
    const app = await testApp({ today: TODAY });
    const held = await carer(app, 'Ashby', '2025-06-30', {
      status: 'held',
      reasons: ['dissatisfied', 'transfer_ifa'],
      mightReturn: false,
    });
    const declined = await carer(app, 'Bell', '2025-07-31', {
      status: 'declined',
      reasons: ['dissatisfied'],
      mightReturn: true,
    });
    const none = await carer(app, 'Cole', '2025-08-31');

    const reason = 'Personal circumstances e.g. separation, bereavement, retirement';
    expect(await drill(app, 'leaving', '', 'total', 'total')).toEqual({
      [held]: [
        {
          reason,
          // In the list's order, as the table's rows (the record stores them in key order).
          said: ['Transfer to an independent fostering agency', 'Dissatisfied with quality of service'],
          mightReturn: false,
        },
      ],
      [declined]: [{ reason, said: null, mightReturn: null }],
      [none]: [{ reason, said: null, mightReturn: null }],
    });
    expect(await drill(app, 'leaving', 'exit_interview_answers', 'dissatisfied', '2025/26')).toEqual({
      [held]: [
        {
          reason,
          said: ['Transfer to an independent fostering agency', 'Dissatisfied with quality of service'],
          mightReturn: false,
        },
      ],
    });
  });

  it("gives each cessation behind the retention table's ceased row what its held interview said, as the leaving table's list", async () => {
    const app = await testApp({ today: TODAY });
    const held = await carer(app, 'Ashby', '2025-06-30', {
      status: 'held',
      reasons: ['dissatisfied', 'transfer_ifa'],
      mightReturn: true,
    });
    const declined = await carer(app, 'Bell', '2025-07-31', {
      status: 'declined',
      reasons: ['dissatisfied'],
      mightReturn: true,
    });
    const none = await carer(app, 'Cole', '2025-08-31');
    const reason = 'Personal circumstances e.g. separation, bereavement, retirement';
    const ceased = await drill(app, 'retention', '', 'ceased', '2025/26');
    expect(ceased).toEqual({
      [held]: [
        {
          reason,
          said: ['Transfer to an independent fostering agency', 'Dissatisfied with quality of service'],
          mightReturn: true,
        },
      ],
      [declined]: [{ reason, said: null, mightReturn: null }],
      [none]: [{ reason, said: null, mightReturn: null }],
    });
    expect(ceased).toEqual(await drill(app, 'leaving', '', 'total', 'total'));
  });
});

describe("what a household said at its exit interview, in Home's lists of drop-outs", () => {
  it("gives each drop-out's held interview's reasons and might return, none for a declined one, as the drop-out table's list", async () => {
    const app = await testApp({ today: TODAY });
    // This year to date (2026/27), where Home counts.
    const held = await applicant(app, 'Ashby', '2026-06-02', {
      status: 'held',
      reasons: ['process', 'housing'],
      mightReturn: false,
    });
    const declined = await applicant(app, 'Dale', '2026-07-02', {
      status: 'declined',
      reasons: ['financial'],
      mightReturn: true,
    });
    const none = await applicant(app, 'Ford', '2026-08-03');
    const reason = 'Household circumstances changed';
    const d = await app.call('planning.getDashboard', {});
    const all = await homeDrill(app, d.dropouts.total.drill);
    expect(all).toEqual({
      [held]: [
        {
          reason,
          said: ['Assessment process was not as the applicant expected', 'No spare bedroom / housing'],
          mightReturn: false,
        },
      ],
      [declined]: [{ reason, said: null, mightReturn: null }],
      [none]: [{ reason, said: null, mightReturn: null }],
    });
    // The reason's own list (Home's top five) and the drop-out table's say the same.
    expect(d.dropouts.top.map((r) => r.reason)).toEqual(['circumstances']);
    expect(await homeDrill(app, d.dropouts.top[0]!.count.drill)).toEqual(all);
    const thisYear = { from: '2026/27', to: '2026/27' };
    expect(await drill(app, 'dropout', '', 'circumstances', 'stage1', thisYear)).toEqual(all);
  });
});

describe("what a household said at its exit interview, in Home's list behind the net change", () => {
  it("gives each cessation what its held interview said, none for a declined one, as the retention table's ceased row; an approval nothing", async () => {
    const app = await testApp({ today: TODAY });
    // This year to date (2026/27), where Home counts: one approval and three cessations.
    const { id: approved } = await app.call('households.createHousehold', {
      enquiryDate: '2025-09-01',
      surname: 'Ealing',
    });
    await app.call('households.recordMilestone', { id: approved, kind: 'approval', date: '2026-05-04' });
    const held = await carer(app, 'Ashby', '2026-06-30', {
      status: 'held',
      reasons: ['dissatisfied'],
      mightReturn: false,
    });
    const declined = await carer(app, 'Bell', '2026-07-31', {
      status: 'declined',
      reasons: ['dissatisfied'],
      mightReturn: true,
    });
    const none = await carer(app, 'Cole', '2026-08-31');
    const reason = 'Personal circumstances e.g. separation, bereavement, retirement';
    const d = await app.call('planning.getDashboard', {});
    const net = await homeDrill(app, d.yearToDate.find((r) => r.key === 'net_change')!.thisYear.drill);
    expect(net).toEqual({
      [approved]: [{ reason: null, said: undefined, mightReturn: undefined }],
      [held]: [{ reason, said: ['Dissatisfied with quality of service'], mightReturn: false }],
      [declined]: [{ reason, said: null, mightReturn: null }],
      [none]: [{ reason, said: null, mightReturn: null }],
    });
    const { [approved]: _approval, ...ceased } = net;
    const thisYear = { from: '2026/27', to: '2026/27' };
    expect(ceased).toEqual(await drill(app, 'retention', '', 'ceased', '2026/27', thisYear));
  });
});
