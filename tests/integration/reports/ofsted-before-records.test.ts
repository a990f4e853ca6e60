import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from './fixture.ts';

// helper-230: the Ofsted return for a year before any record printed plain 0s, which a service
// could send as that year's figures. A line under it now says where the records begin.
describe('the Ofsted return of a year the records do not cover', () => {
  const ofsted = async (app: Awaited<ReturnType<typeof testApp>>, fy: string) =>
    (await app.call('reports.getTable', { table: 'ofsted', options: { from: fy, to: fy } })).notes;

  it('takes a kinship viability request as a record: the return counts it as an application (helper-233)', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const path = join(app.dir, 'kinship.csv');
    writeFileSync(
      path,
      'Reference,Full name,Pathway,Viability request date\r\nK1,Kim Lee,Kinship,01/06/2024\r\n',
    );
    await app.call('imports.importFile', { path });
    const report = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2024/25', to: '2024/25' },
    });
    expect(report.rows.find((r) => r.key === 'applications_received')?.values.family_and_friends).toBe(1);
    expect(report.notes).toEqual([
      'The records begin on 01/06/2024, within 2024/25: what happened in it before that day is not counted.',
    ]);
  });

  it('finds each step first recorded: a Stage 1 start with no enquiry before it, the initial visit', async () => {
    // Read from the episodes' indexes, Stage 1 through the application date's: each first is
    // that of its own step, so the earliest of them is the start however the file began.
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    addHousehold(db, { reference: 'E1', episodes: [{ milestones: { enquiry: '2024-01-10' } }] });
    addHousehold(db, {
      reference: 'S1',
      episodes: [{ milestones: { stage1: '2023-12-04', stage2: '2024-02-01' } }],
    });
    expect(await ofsted(app, '2023/24')).toEqual([
      'The records begin on 04/12/2023, within 2023/24: what happened in it before that day is not counted.',
    ]);
    addHousehold(db, {
      reference: 'V1',
      episodes: [{ milestones: { initial_visit: '2023-11-20', panel: '2024-03-01' } }],
    });
    expect(await ofsted(app, '2023/24')).toEqual([
      'The records begin on 20/11/2023, within 2023/24: what happened in it before that day is not counted.',
    ]);
  });

  it("says where one pathway's records begin after the other's (helper-233)", async () => {
    // Mainstream records from 2022; the kinship assessments were kept elsewhere until June 2024.
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    addHousehold(db, { reference: 'M1', episodes: [{ milestones: { enquiry: '2022-05-10' } }] });
    addHousehold(db, {
      reference: 'K1',
      pathway: 'kinship',
      episodes: [{ milestones: { enquiry: '2024-06-01', stage1: '2024-06-20' } }],
    });
    expect(await ofsted(app, '2023/24')).toEqual([
      "No family and friends household's journey is recorded up to the end of 2023/24: the Family and friends column's 0s are for want of records, not a count of the year.",
    ]);
    expect(await ofsted(app, '2024/25')).toEqual([
      'The family and friends records begin on 01/06/2024, within 2024/25: what happened on that pathway in it before that day is not counted.',
    ]);
    expect(await ofsted(app, '2025/26')).toBeUndefined();
    // Before any record at all, one line says so for every column.
    expect(await ofsted(app, '2021/22')).toEqual([
      'The records begin on 10/05/2022, after 2021/22: its 0s are for want of records, not a count of the year.',
    ]);
  });

  it('says its 0s are for want of records, or that the records begin within it; nothing once they cover it', async () => {
    const app = await testApp({ today: '2026-11-26' });
    expect(await ofsted(app, '2024/25')).toEqual([
      "No household's journey is recorded yet: the 0s of 2024/25 are for want of records, not a count of the year.",
    ]);
    // The first record is a carer's approval from a register (no earlier step recorded).
    addHousehold(app.ctx.store.db, {
      reference: 'C1',
      episodes: [{ milestones: { approval: '2023-06-01' } }],
    });
    addHousehold(app.ctx.store.db, {
      reference: 'E1',
      episodes: [{ milestones: { enquiry: '2024-01-10' } }],
    });
    expect(await ofsted(app, '2022/23')).toEqual([
      'The records begin on 01/06/2023, after 2022/23: its 0s are for want of records, not a count of the year.',
    ]);
    expect(await ofsted(app, '2023/24')).toEqual([
      'The records begin on 01/06/2023, within 2023/24: what happened in it before that day is not counted.',
    ]);
    // Mainstream records cover 2024/25; no family and friends household is recorded yet.
    expect(await ofsted(app, '2024/25')).toEqual([
      "No family and friends household's journey is recorded up to the end of 2024/25: the Family and friends column's 0s are for want of records, not a count of the year.",
    ]);
    // Every file and the CLI print it, as the table's other lines.
    const csv = await app.call('reports.exportTable', {
      tables: ['ofsted'],
      options: { from: '2022/23', to: '2022/23' },
      format: 'csv',
    });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(
      'The records begin on 01/06/2023, after 2022/23',
    );
  });
});
