import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { Report, ReportOptions } from '../../../src-main/contract/reports.ts';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { unzip } from '../../support/docx.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { saveInterview, type Interview } from '../households/endings.ts';

/**
 * The drop-out table counts what applicants said in the exit interviews held after their
 * closures, as the leaving table counts what carers said (the manager audit: the reasons
 * applicants gave appeared in no report): of the closures in the period whose interview was
 * held, each drop-out reason given and those who might return later, by the stage reached (a
 * block of stages per quarter). A declined or offered interview keeps what was ticked on the
 * record's form, but was not an interview held: none of it counts. Recorded through the
 * contract, as the record's forms do; read from the episodes record (migration 28).
 */
const TODAY = '2026-11-26';
const SECTION = 'exit_interview_answers';

interface Applicant {
  surname: string;
  pathway?: 'mainstream' | 'kinship';
  enquiry: string;
  /** Reached Stage 1 (on the day after the enquiry) before closing. */
  stage1?: boolean;
  closed: string;
  /** Offered on the day of the closure, and held that day if held. */
  interview?: Pick<Interview, 'status' | 'reasons' | 'mightReturn'>;
}

async function addApplicant(app: TestApp, a: Applicant): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    enquiryDate: a.enquiry,
    surname: a.surname,
    pathway: a.pathway ?? 'mainstream',
  });
  if (a.stage1) {
    const next = new Date(`${a.enquiry}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await app.call('households.recordMilestone', {
      id,
      kind: 'stage1',
      date: next.toISOString().slice(0, 10),
    });
  }
  await app.call('households.closeHousehold', {
    id,
    date: a.closed,
    reasonKey: 'circumstances',
    endedBy: 'applicant',
    notes: null,
  });
  if (a.interview)
    await saveInterview(app, id, 'closure', {
      offeredDate: a.closed,
      heldDate: a.interview.status === 'held' ? a.closed : null,
      ...a.interview,
    });
  return id;
}

const OPTIONS = { from: '2024/25', to: '2025/26' } as const;

const table = (app: TestApp, options: Partial<ReportOptions> = {}) =>
  app.call('reports.getTable', {
    table: 'dropout',
    options: { ...OPTIONS, pathway: 'mainstream', quarterly: false, suppress: false, ...options },
  }) as Promise<Report>;

const valuesOf = (r: Report) =>
  Object.fromEntries(r.sections.find((s) => s.key === SECTION)!.rows.map((row) => [row.key, row.values]));

const drillOf =
  (app: TestApp, options: Partial<ReportOptions> = {}) =>
  async (row: string, column: string) =>
    (
      await app.call('reports.listHouseholds', {
        table: 'dropout',
        options: { ...OPTIONS, ...options },
        section: SECTION,
        row,
        column,
      })
    ).households
      .map((h) => h.id)
      .sort((a, b) => a - b);

/** The stage columns with every count 0. */
const ZERO = { enquiry: 0, eoi: 0, stage1: 0, stage2: 0, panel: 0, total: 0 };

/** The episodes record equals what a rebuild from the stored facts makes (rolled back after). */
function expectRebuilt(app: TestApp) {
  const db = app.ctx.store.db;
  const all = () => db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
  const kept = all();
  let rebuilt: unknown[] = [];
  try {
    db.transaction(() => {
      db.exec('DELETE FROM episodes');
      rebuildAllEpisodes(db);
      rebuilt = all();
      throw new Error('roll back');
    })();
  } catch (e) {
    if ((e as Error).message !== 'roll back') throw e;
  }
  expect(rebuilt).toEqual(kept);
}

describe('what applicants said in the exit interviews held, under the drop-out table', () => {
  it('counts the reasons given and might return in held interviews only, by stage, year and quarter, each number opening its households', async () => {
    const app = await testApp({ today: TODAY });
    const ids = {
      // 2024/25 Q1, at Enquiry: two reasons and might return.
      held: await addApplicant(app, {
        surname: 'Ashby',
        enquiry: '2024-04-02',
        closed: '2024-06-30',
        interview: { status: 'held', reasons: ['financial', 'process'], mightReturn: true },
      }),
      // Declined, yet with reasons and might return ticked on the form: not what was said.
      declined: await addApplicant(app, {
        surname: 'Bell',
        enquiry: '2024-05-01',
        closed: '2024-09-30',
        interview: { status: 'declined', reasons: ['process', 'other'], mightReturn: true },
      }),
      offered: await addApplicant(app, {
        surname: 'Cole',
        enquiry: '2025-04-01',
        closed: '2025-05-31',
        interview: { status: 'offered', reasons: ['housing'], mightReturn: true },
      }),
      // 2025/26 Q2, at Stage 1: one reason, not returning.
      heldStage1: await addApplicant(app, {
        surname: 'Dale',
        enquiry: '2025-04-10',
        stage1: true,
        closed: '2025-08-31',
        interview: { status: 'held', reasons: ['process'], mightReturn: false },
      }),
      // Held, no reason given: counted nowhere in the section.
      heldSilent: await addApplicant(app, {
        surname: 'Eden',
        enquiry: '2025-06-01',
        closed: '2025-07-01',
        interview: { status: 'held' },
      }),
      kinship: await addApplicant(app, {
        surname: 'Ford',
        pathway: 'kinship',
        enquiry: '2025-04-01',
        closed: '2025-06-30',
        interview: { status: 'held', reasons: ['housing'], mightReturn: true },
      }),
      // Before the years asked for.
      earlier: await addApplicant(app, {
        surname: 'Gray',
        enquiry: '2024-01-02',
        closed: '2024-03-31',
        interview: { status: 'held', reasons: ['process'], mightReturn: true },
      }),
    };
    expectRebuilt(app);

    const r = await table(app);
    expect(r.sections.map((s) => [s.key, s.title, s.rowHeading])).toEqual([
      ['ended_by', 'Drop-outs by who ended them', 'Who ended it'],
      ['exit_interviews', 'Exit-interview coverage of these drop-outs', 'Exit interview'],
      [SECTION, 'What applicants said in the exit interviews held', 'Said in the interview'],
    ]);
    const answers = r.sections.find((s) => s.key === SECTION)!;
    // The drop-out table's columns: the stages reached, over the whole period.
    expect(answers.columns).toEqual(r.columns);
    expect(answers.rows.find((x) => x.key === 'process')!.label).toBe(
      'Reason given: Assessment process was not as the applicant expected',
    );
    expect(answers.rows.at(-1)!.label).toBe('Might return later');
    // Not parts of one whole: no total row.
    expect(answers.rows.some((x) => x.key === 'total')).toBe(false);
    expect(valuesOf(r)).toMatchObject({
      financial: { ...ZERO, enquiry: 1, total: 1 },
      process: { ...ZERO, enquiry: 1, stage1: 1, total: 2 },
      other: ZERO,
      housing: ZERO,
      'might-return': { ...ZERO, enquiry: 1, total: 1 },
    });
    // The interviews held, as the coverage above counts them: three.
    expect(
      r.sections.find((s) => s.key === 'exit_interviews')!.rows.find((x) => x.key === 'held')!.values,
    ).toMatchObject({ enquiry: 2, stage1: 1, total: 3 });
    expect(r.definitions.find((d) => d.key === SECTION)!.text).toContain(
      'only offered or declined are not counted',
    );

    // All pathways: the kinship applicant's held interview too.
    expect(valuesOf(await table(app, { pathway: 'all' }))).toMatchObject({
      housing: { ...ZERO, enquiry: 1, total: 1 },
      'might-return': { ...ZERO, enquiry: 2, total: 2 },
    });

    // By quarter: in the quarter of the closure, one block of stages each.
    const q = valuesOf(await table(app, { quarterly: true }));
    expect(q.process).toMatchObject({
      '2024/25 Q1 enquiry': 1,
      '2024/25 Q1 total': 1,
      '2024/25 Q2 total': 0,
      '2025/26 Q2 stage1': 1,
      '2025/26 Q2 total': 1,
    });
    expect(q['might-return']).toMatchObject({ '2024/25 Q1 enquiry': 1, '2025/26 Q2 total': 0 });

    // Each number opens the households it counts.
    const drill = drillOf(app);
    expect(await drill('process', 'total')).toEqual([ids.held, ids.heldStage1]);
    expect(await drill('process', 'stage1')).toEqual([ids.heldStage1]);
    expect(await drill('might-return', 'total')).toEqual([ids.held]);
    expect(await drill('other', 'total')).toEqual([]);
    expect(await drill('housing', 'total')).toEqual([]);
    expect(await drillOf(app, { pathway: 'all' })('housing', 'enquiry')).toEqual([ids.kinship]);
    expect(await drillOf(app, { quarterly: true })('process', '2025/26 Q2 stage1')).toEqual([ids.heldStage1]);
    expect(await drillOf(app, { quarterly: true })('process', '2024/25 Q2 total')).toEqual([]);

    // In every export and at the command line, under the coverage.
    const file = async (format: 'csv' | 'xlsx' | 'docx') =>
      Buffer.from(
        (await app.call('reports.exportTable', { tables: ['dropout'], options: OPTIONS, format })).base64,
        'base64',
      );
    const csv = (await file('csv')).toString('utf8');
    expect(csv).toContain('\r\nWhat applicants said in the exit interviews held\r\n');
    expect(csv).toContain('\r\nSaid in the interview,Enquiry,EOI,Stage 1,Stage 2,Panel,Total\r\n');
    expect(csv).toContain('\r\nMight return later,1,0,0,0,0,1\r\n');
    const wb = XLSX.read(await file('xlsx'));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(sheet).toContainEqual(['What applicants said in the exit interviews held']);
    expect(sheet).toContainEqual([
      'Reason given: Assessment process was not as the applicant expected',
      1,
      0,
      1,
      0,
      0,
      2,
    ]);
    const word = unzip(await file('docx'))
      .get('word/document.xml')!
      .toString('utf8');
    for (const text of [
      'What applicants said in the exit interviews held',
      'Said in the interview',
      'Reason given: Unable to continue for financial reasons',
      'Might return later',
    ])
      expect(word).toContain(text);
    const out: string[] = [];
    const code = await runCli(
      ['report', 'dropout', '--db', app.dbPath, '--from', '2024/25', '--to', '2025/26'],
      { out: (t) => out.push(t), err: (t) => out.push(t) },
      {},
    );
    expect(code).toBe(0);
    const printed = out.join('\n');
    expect(printed).toMatch(
      /Exit-interview coverage of these drop-outs\n[^]*\nWhat applicants said in the exit interviews held\n/,
    );
    expect(printed).toMatch(/\nSaid in the interview +Enquiry +EOI +Stage 1 +Stage 2 +Panel +Total\n/);
    expect(printed).toMatch(
      /\nReason given: Assessment process was not as the applicant expected +1 +0 +1 +0 +0 +2\n/,
    );
    expect(printed).toMatch(/\nMight return later +1 +0 +0 +0 +0 +1(\n|$)/);
  });

  it('stops counting what an interview said once it is changed to declined, and keeps none of its reasons', async () => {
    const app = await testApp({ today: TODAY });
    const id = await addApplicant(app, {
      surname: 'Hart',
      enquiry: '2025-04-01',
      closed: '2025-05-31',
      interview: { status: 'held', reasons: ['not_as_expected'], mightReturn: true },
    });
    expect(valuesOf(await table(app))).toMatchObject({
      not_as_expected: { ...ZERO, enquiry: 1, total: 1 },
      'might-return': { ...ZERO, enquiry: 1, total: 1 },
    });
    // Ticked reasons sent with a declined interview are not stored: it said nothing (reasonsGiven).
    const record = await saveInterview(app, id, 'closure', {
      status: 'declined',
      offeredDate: '2025-05-31',
      reasons: ['not_as_expected'],
      mightReturn: true,
    });
    const closureId = record.closures.at(-1)!.id;
    expect(record.exitInterviews.find((i) => i.closureId === closureId)).toMatchObject({
      status: 'declined',
      reasons: [],
      mightReturn: true,
    });
    expectRebuilt(app);
    const after = await table(app);
    expect(valuesOf(after)).toMatchObject({ not_as_expected: ZERO, 'might-return': ZERO });
    expect(await drillOf(app)('not_as_expected', 'total')).toEqual([]);
    // Held again, a reason changed: the new one is counted, the old one not.
    await saveInterview(app, id, 'closure', {
      status: 'held',
      offeredDate: '2025-05-31',
      heldDate: '2025-06-02',
      reasons: ['allegations_risk'],
      mightReturn: false,
    });
    expect(valuesOf(await table(app))).toMatchObject({
      not_as_expected: ZERO,
      allegations_risk: { ...ZERO, enquiry: 1, total: 1 },
      'might-return': ZERO,
    });
  });

  it('shows counts of 1 to 4 as "<5" when suppressed, annual and by quarter', async () => {
    const app = await testApp({ today: TODAY });
    for (const [n, surname] of ['Ives', 'Jude', 'Kerr', 'Lane', 'Moss', 'Nash'].entries())
      await addApplicant(app, {
        surname,
        enquiry: '2024-04-02',
        closed: '2024-06-30',
        interview: { status: 'held', reasons: n < 5 ? ['financial', 'process'] : ['process'] },
      });
    const annual = valuesOf(await table(app, { suppress: true }));
    // 5 gave financial at Enquiry, 6 process: shown; the rest 0.
    expect(annual.financial).toMatchObject({ enquiry: 5, total: 5 });
    expect(annual.process).toMatchObject({ enquiry: 6, total: 6 });
    await addApplicant(app, {
      surname: 'Owen',
      enquiry: '2024-04-02',
      stage1: true,
      closed: '2024-07-01',
      interview: { status: 'held', reasons: ['process'], mightReturn: true },
    });
    const small = valuesOf(await table(app, { suppress: true }));
    // A single Stage 1 count hidden, and a second cell of its row with it, so the Total gives neither.
    expect(small.process!.stage1).toBe('<5');
    expect(Object.values(small.process!).filter((v) => v === '<5').length).toBeGreaterThanOrEqual(2);
    expect(small['might-return']!.stage1).toBe('<5');
    const quarterly = valuesOf(await table(app, { suppress: true, quarterly: true }));
    expect(quarterly.process!['2024/25 Q2 stage1']).toBe('<5');
    expect(quarterly.financial!['2024/25 Q1 enquiry']).toBe(5);
  });
});
