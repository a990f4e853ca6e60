import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { unzip } from '../../support/docx.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { closedWithHeldInterview, saveInterview, type Interview } from '../households/endings.ts';

/**
 * The leaving table counts the exit interviews after cessations, as the drop-out table counts
 * those after closures (the manager audit: they were counted nowhere): the same cessations by
 * their interview, in the period of the cessation, and what carers said in those held (the
 * reasons they gave, and whether they might return later). Recorded through the contract, as
 * the record's forms do; read from the episodes record.
 */
const TODAY = '2026-11-26';

interface Carer {
  surname: string;
  pathway?: 'mainstream' | 'kinship';
  ceased: string;
  /** Offered on the day of the cessation, and held that day if held. */
  interview?: Pick<Interview, 'status' | 'reasons' | 'mightReturn'>;
}

async function addCarer(app: TestApp, c: Carer): Promise<number> {
  const h = await app.call('households.createHousehold', {
    enquiryDate: '2019-01-07',
    surname: c.surname,
    pathway: c.pathway ?? 'mainstream',
  });
  await app.call('households.recordMilestone', { id: h.id, kind: 'stage1', date: '2019-03-01' });
  await app.call('households.recordMilestone', { id: h.id, kind: 'approval', date: '2019-11-01' });
  await app.call('households.ceaseHousehold', {
    id: h.id,
    date: c.ceased,
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
    notes: null,
  });
  if (c.interview)
    await saveInterview(app, h.id, 'cessation', {
      offeredDate: c.ceased,
      heldDate: c.interview.status === 'held' ? c.ceased : null,
      ...c.interview,
    });
  return h.id;
}

const table = (app: TestApp, pathway: 'mainstream' | 'all' = 'mainstream', quarterly = false) =>
  app.call('reports.getTable', {
    table: 'leaving',
    options: { from: '2024/25', to: '2025/26', pathway, quarterly, suppress: false },
  }) as Promise<Report>;

const valuesOf = (r: Report, section: string) =>
  Object.fromEntries(r.sections.find((s) => s.key === section)!.rows.map((row) => [row.key, row.values]));

describe('the leaving table’s exit interviews', () => {
  it('counts the cessations of each year by their interview, and what was said in those held', async () => {
    const app = await testApp({ today: TODAY });
    const ids = {
      held: await addCarer(app, {
        surname: 'Ashby',
        ceased: '2024-06-30',
        interview: { status: 'held', reasons: ['personal_circumstances', 'dissatisfied'], mightReturn: true },
      }),
      // Declined: counted as declined; what was noted against it is not what was said in an interview.
      declined: await addCarer(app, {
        surname: 'Bell',
        ceased: '2024-09-30',
        interview: { status: 'declined', reasons: ['other'], mightReturn: true },
      }),
      offered: await addCarer(app, {
        surname: 'Cole',
        ceased: '2025-05-31',
        interview: { status: 'offered' },
      }),
      none: await addCarer(app, { surname: 'Dale', ceased: '2025-07-31' }),
      heldAgain: await addCarer(app, {
        surname: 'Eden',
        ceased: '2025-08-31',
        interview: { status: 'held', reasons: ['dissatisfied'], mightReturn: false },
      }),
      kinship: await addCarer(app, {
        surname: 'Ford',
        pathway: 'kinship',
        ceased: '2025-06-30',
        interview: { status: 'held', reasons: ['permanence'], mightReturn: true },
      }),
      // Before the years asked for.
      earlier: await addCarer(app, { surname: 'Gray', ceased: '2024-03-31', interview: { status: 'held' } }),
    };
    // A closure's exit interview is the drop-out table's, never the leaving table's.
    await closedWithHeldInterview(app, { surname: 'Hart', enquiryDate: '2024-05-01', closed: '2024-07-01' });

    const r = await table(app);
    expect(r.sections.map((s) => [s.key, s.title, s.rowHeading])).toEqual([
      ['exit_interviews', 'Exit-interview coverage of these cessations', 'Exit interview'],
      ['exit_interview_answers', 'What carers said in the exit interviews held', 'Said in the interview'],
    ]);
    const coverage = r.sections[0]!;
    expect(coverage.columns.map((c) => c.label)).toEqual(['2024/25', '2025/26', 'Total']);
    // The drop-out table's words, for the same statuses.
    const dropout = await app.call('reports.getTable', {
      table: 'dropout',
      options: { from: '2024/25', to: '2025/26' },
    });
    expect(coverage.rows.map((x) => x.label)).toEqual([
      ...dropout.sections
        .find((s) => s.key === 'exit_interviews')!
        .rows.slice(0, -1)
        .map((x) => x.label),
      'All cessations',
    ]);
    expect(valuesOf(r, 'exit_interviews')).toEqual({
      held: { '2024/25': 1, '2025/26': 1, total: 2 },
      declined: { '2024/25': 1, '2025/26': 0, total: 1 },
      offered: { '2024/25': 0, '2025/26': 1, total: 1 },
      none: { '2024/25': 0, '2025/26': 1, total: 1 },
      total: { '2024/25': 2, '2025/26': 3, total: 5 },
    });
    // Every cessation the main table counts, once.
    expect(r.rows.find((x) => x.key === 'total')!.values).toEqual(valuesOf(r, 'exit_interviews').total);

    const answers = r.sections[1]!;
    expect(answers.rows.at(-1)!.label).toBe('Might return to fostering later');
    expect(answers.rows.find((x) => x.key === 'dissatisfied')!.label).toBe(
      'Reason given: Dissatisfied with quality of service',
    );
    expect(answers.rows.some((x) => x.key === 'total')).toBe(false);
    const zero = { '2024/25': 0, '2025/26': 0, total: 0 };
    expect(valuesOf(r, 'exit_interview_answers')).toMatchObject({
      dissatisfied: { '2024/25': 1, '2025/26': 1, total: 2 },
      personal_circumstances: { '2024/25': 1, '2025/26': 0, total: 1 },
      other: zero,
      permanence: zero,
      'might-return': { '2024/25': 1, '2025/26': 0, total: 1 },
    });
    expect(r.definitions.map((d) => d.key)).toEqual(
      expect.arrayContaining(['exit_interviews', 'exit_interview_answers']),
    );

    // All pathways: the kinship carer's held interview too.
    const all = await table(app, 'all');
    expect(valuesOf(all, 'exit_interviews').held).toEqual({ '2024/25': 1, '2025/26': 2, total: 3 });
    expect(valuesOf(all, 'exit_interview_answers')).toMatchObject({
      permanence: { '2024/25': 0, '2025/26': 1, total: 1 },
      'might-return': { '2024/25': 1, '2025/26': 1, total: 2 },
    });

    // By quarter, in the quarter of the cessation.
    const q = await table(app, 'mainstream', true);
    expect(valuesOf(q, 'exit_interviews').held).toMatchObject({ '2024/25 Q1': 1, '2025/26 Q2': 1, total: 2 });

    // Each number opens the households it counts.
    const drill = async (section: string, row: string, column: string) =>
      (
        await app.call('reports.listHouseholds', {
          table: 'leaving',
          options: { from: '2024/25', to: '2025/26' },
          section,
          row,
          column,
        })
      ).households
        .map((h) => h.id)
        .sort((a, b) => a - b);
    expect(await drill('exit_interviews', 'held', 'total')).toEqual([ids.held, ids.heldAgain]);
    expect(await drill('exit_interviews', 'none', '2025/26')).toEqual([ids.none]);
    expect(await drill('exit_interviews', 'total', '2024/25')).toEqual([ids.held, ids.declined]);
    expect(await drill('exit_interview_answers', 'dissatisfied', '2025/26')).toEqual([ids.heldAgain]);
    expect(await drill('exit_interview_answers', 'might-return', 'total')).toEqual([ids.held]);
    expect(await drill('exit_interview_answers', 'other', 'total')).toEqual([]);

    // In every export: the CSV's and the Excel sheet's rows, and the Word document's text.
    const options = { from: '2024/25', to: '2025/26' };
    const file = async (format: 'csv' | 'xlsx' | 'docx') =>
      Buffer.from(
        (await app.call('reports.exportTable', { tables: ['leaving'], options, format })).base64,
        'base64',
      );
    const csv = (await file('csv')).toString('utf8');
    expect(csv).toContain('\r\nExit-interview coverage of these cessations\r\n');
    expect(csv).toContain('\r\nExit interview,2024/25,2025/26,Total\r\n');
    expect(csv).toContain('\r\nExit interview held,1,1,2\r\n');
    expect(csv).toContain('\r\nAll cessations,2,3,5\r\n');
    expect(csv).toContain('\r\nSaid in the interview,2024/25,2025/26,Total\r\n');
    expect(csv).toContain('\r\nMight return to fostering later,1,0,1\r\n');
    const wb = XLSX.read(await file('xlsx'));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(sheet).toContainEqual(['Reason given: Dissatisfied with quality of service', 1, 1, 2]);
    expect(sheet).toContainEqual(['Not offered or not recorded', 0, 1, 1]);
    // And at the command line, under the main table.
    const out: string[] = [];
    const code = await runCli(
      ['report', 'leaving', '--db', app.dbPath, '--from', '2024/25', '--to', '2025/26'],
      { out: (t) => out.push(t), err: (t) => out.push(t) },
      {},
    );
    expect(code).toBe(0);
    const printed = out.join('\n');
    expect(printed).toContain('Exit-interview coverage of these cessations');
    // Each table's row labels headed as on screen and in the files.
    expect(printed).toMatch(/\nReason for leaving +2024\/25 +2025\/26 +Total\n/);
    expect(printed).toMatch(/\nExit interview +2024\/25 +2025\/26 +Total\n/);
    expect(printed).toMatch(/\nSaid in the interview +2024\/25 +2025\/26 +Total\n/);
    expect(printed).toMatch(/\nExit interview held +1 +1 +2\n/);
    expect(printed).toMatch(/\nMight return to fostering later +1 +0 +1(\n|$)/);
    const word = unzip(await file('docx'))
      .get('word/document.xml')!
      .toString('utf8');
    for (const text of [
      'What carers said in the exit interviews held',
      'Said in the interview',
      'Might return to fostering later',
    ])
      expect(word).toContain(text);
  });

  it('moves an interview between rows of the cessation’s year when it is held later, leaving other years', async () => {
    const app = await testApp({ today: TODAY });
    const id = await addCarer(app, {
      surname: 'Ives',
      ceased: '2025-04-30',
      interview: { status: 'offered' },
    });
    await addCarer(app, { surname: 'Jude', ceased: '2024-10-31', interview: { status: 'declined' } });
    const before = valuesOf(await table(app), 'exit_interviews');
    expect(before.offered).toEqual({ '2024/25': 0, '2025/26': 1, total: 1 });
    await saveInterview(app, id, 'cessation', {
      status: 'held',
      offeredDate: '2025-04-30',
      heldDate: '2025-12-01',
      reasons: ['transfer_ifa'],
      mightReturn: true,
    });
    const after = await table(app);
    expect(valuesOf(after, 'exit_interviews')).toEqual({
      ...before,
      held: { '2024/25': 0, '2025/26': 1, total: 1 },
      offered: { '2024/25': 0, '2025/26': 0, total: 0 },
    });
    expect(valuesOf(after, 'exit_interview_answers')).toMatchObject({
      transfer_ifa: { '2024/25': 0, '2025/26': 1, total: 1 },
      'might-return': { '2024/25': 0, '2025/26': 1, total: 1 },
    });
  });
});
