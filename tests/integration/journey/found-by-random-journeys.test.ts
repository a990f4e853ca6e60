import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Bugs the random journeys (random-journeys.test.ts) found, each reduced to its few steps.
 * Every household is written through the contract, as the UI writes it.
 */
const TODAY = '2021-07-09';

const funnel = async (app: TestApp, pathway: 'mainstream' | 'kinship') =>
  (
    await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2020/21', to: '2021/22', pathway, quarterly: false, suppress: false },
    })
  ).rows.find((r) => r.key === 'enquiries')!.values;

describe('found by random journeys', () => {
  it('a pathway switch dated before the last one is refused: it would move an enquiry of a published year', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H1',
      pathway: 'kinship',
      enquiryDate: '2021-03-15',
      surname: 'Hart',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2021-04-18' });
    const published = { mainstream: await funnel(app, 'mainstream'), kinship: await funnel(app, 'kinship') };
    expect(published.kinship['2020/21']).toBe(1);

    // Back to kinship, dated before the switch to mainstream: the pathway on 06/04/2021 was kinship.
    await expect(
      app.call('households.switchPathway', { id, pathway: 'kinship', date: '2021-04-06' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: 'Pathway change date 06/04/2021 is before the last change, on 18/04/2021.',
    });
    expect({ mainstream: await funnel(app, 'mainstream'), kinship: await funnel(app, 'kinship') }).toEqual(
      published,
    );
    // On or after the last switch, it is recorded, and 2020/21 stays as published.
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2021-04-18' });
    expect((await funnel(app, 'kinship'))['2020/21']).toBe(1);
    expect((await funnel(app, 'mainstream'))['2020/21']).toBe(0);
  });
});

describe('found by random journeys: merging into a closed household', () => {
  const make = async (app: TestApp, reference: string, enquiryDate: string, steps: Array<[Step, string]>) => {
    const { id } = await app.call('households.createHousehold', {
      reference,
      enquiryDate,
      surname: reference,
      confirmDuplicates: true,
    });
    for (const [kind, date] of steps) await app.call('households.recordMilestone', { id, kind, date });
    return id;
  };
  type Step = 'eoi' | 'stage1' | 'stage2' | 'panel' | 'approval';
  const closedAtEoi = async (app: TestApp) => {
    const id = await make(app, 'K1', '2023-05-01', [['eoi', '2023-06-01']]);
    await app.call('households.closeHousehold', {
      id,
      date: '2023-07-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    return id;
  };

  it('is refused when the duplicate brings an approval: an approved household cannot be closed', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const id = await closedAtEoi(app);
    await make(app, 'D1', '2023-05-02', [
      ['eoi', '2023-06-01'],
      ['stage1', '2023-08-01'],
      ['stage2', '2023-09-01'],
      ['panel', '2024-01-01'],
      ['approval', '2024-01-10'],
    ]);
    const before = await app.call('households.getHousehold', { id });
    await expect(
      app.call('households.mergeHouseholds', { id, mergeReference: 'D1', reason: 'same family' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'mergeReference',
      message: "K1 is closed, so D1's Stage 1 date cannot join it: re-open it first.",
    });
    expect(await app.call('households.getHousehold', { id })).toEqual(before);
  });

  it('is refused when the duplicate brings a step the closed episode lacks: the closure would come before it, or record the wrong stage', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const id = await closedAtEoi(app);
    // Before the closure (the closure says EOI, the dates would say Stage 1) and after it alike.
    await make(app, 'D2', '2023-05-02', [
      ['eoi', '2023-06-01'],
      ['stage1', '2023-06-15'],
    ]);
    await make(app, 'D3', '2023-05-02', [
      ['eoi', '2023-06-01'],
      ['stage1', '2023-08-01'],
    ]);
    for (const dup of ['D2', 'D3'])
      await expect(
        app.call('households.mergeHouseholds', { id, mergeReference: dup, reason: 'same family' }),
      ).rejects.toMatchObject({
        message: `K1 is closed, so ${dup}'s Stage 1 date cannot join it: merge K1 into ${dup} instead.`,
      });
    // A duplicate with nothing the closed episode lacks still merges (its earlier enquiry kept).
    await make(app, 'D4', '2023-04-20', [['eoi', '2023-06-01']]);
    const merged = await app.call('households.mergeHouseholds', { id, mergeReference: 'D4', reason: 'same' });
    expect(merged).toMatchObject({ status: 'closed', enquiryDate: '2023-04-20' });
    expect(merged.closures).toEqual([expect.objectContaining({ date: '2023-07-01', stageReached: 'eoi' })]);
  });
});

describe('found by random journeys: a re-opened episode’s enquiry', () => {
  it('cannot be corrected to before the closure it re-opened', async () => {
    const app = await testApp({ today: '2022-01-01' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H4',
      enquiryDate: '2021-06-26',
      surname: 'Hart',
      confirmDuplicates: true,
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2021-07-19',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2021-07-22' });
    const before = await app.call('households.getHousehold', { id });
    // Re-opening on 02/07/2021 is refused; correcting the re-enquiry to that day must be too.
    await expect(app.call('households.reopenHousehold', { id, enquiryDate: '2021-07-02' })).rejects.toThrow();
    await expect(
      app.call('households.correctMilestone', { id, kind: 'enquiry', date: '2021-07-02', reason: 'typo' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: 'The new enquiry date 02/07/2021 is before the closure on 19/07/2021.',
    });
    expect(await app.call('households.getHousehold', { id })).toEqual(before);
    // On or after the closure it may move, either way.
    const moved = await app.call('households.correctMilestone', {
      id,
      kind: 'enquiry',
      date: '2021-07-19',
      reason: 'typo',
    });
    expect(moved.enquiryDate).toBe('2021-07-19');
  });
});

describe('found by random journeys: a second and a third pathway switch in one episode', () => {
  const approvals = async (app: TestApp) => {
    const out: Record<string, unknown> = {};
    for (const pathway of ['mainstream', 'kinship'] as const)
      out[pathway] = (
        await app.call('reports.getTable', {
          table: 'funnel',
          options: { from: '2020/21', to: '2020/21', pathway, quarterly: false, suppress: false },
        })
      ).rows.find((r) => r.key === 'approved')!.values['2020/21'];
    return out;
  };
  /** A kinship enquirer, mainstream from 15/07/2020, approved 10/01/2021 (a mainstream approval). */
  const carer = async (app: TestApp) => {
    const { id } = await app.call('households.createHousehold', {
      reference: 'K1',
      pathway: 'kinship',
      enquiryDate: '2020-05-01',
      surname: 'Kerr',
      confirmDuplicates: true,
    });
    for (const [kind, date] of [
      ['eoi', '2020-06-01'],
      ['stage1', '2020-07-01'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2020-07-15' });
    for (const [kind, date] of [
      ['stage2', '2020-08-01'],
      ['panel', '2020-12-01'],
      ['approval', '2021-01-10'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    expect(await approvals(app)).toEqual({ mainstream: 1, kinship: 0 });
    return id;
  };

  // (Found with a leaving between the two switches; since 06/12/2026 no switch is dated after a
  // cessation, so the approval is the event between them here.)
  it('by hand is recorded and leaves the 2020/21 approval where it was; a third is refused', async () => {
    const app = await testApp({ today: '2022-07-29' });
    const id = await carer(app);
    // Switched back: the approval, between the two switches, stays a mainstream one (it moved to
    // kinship when the record held only the last switch).
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2022-07-01' });
    expect(await approvals(app)).toEqual({ mainstream: 1, kinship: 0 });
    await expect(
      app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2022-07-29' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: expect.stringMatching(
        /^K1 has already changed pathway twice in this episode, on 15\/07\/2020 and 01\/07\/2022/,
      ),
    });
    expect(await approvals(app)).toEqual({ mainstream: 1, kinship: 0 });
  });

  it('a mistaken switch can be undone on its own day, and a re-enquiry may switch again', async () => {
    const app = await testApp({ today: '2022-07-29' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'M1',
      enquiryDate: '2021-05-01',
      surname: 'Moss',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2021-06-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2021-06-01' });
    await app.call('households.closeHousehold', {
      id,
      date: '2021-07-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2022-05-01' });
    const r = await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2022-06-01' });
    expect(r.pathway).toBe('kinship');
  });

  it('by an import keeps the pathway with a warning, and the rest of the row counts', async () => {
    const app = await testApp({ today: '2021-06-01' });
    const path = join(app.dir, 'k2.csv');
    const file = async (today: string, pathway: string, eoi: string) => {
      setClock(today);
      writeFileSync(
        path,
        `Reference,Enquiry Date,Surname,Pathway,EOI Date\r\nK2,01/05/2021,Kerr,${pathway},${eoi}\r\n`,
      );
      return app.call('imports.importFile', { path });
    };
    expect((await file('2021-06-01', 'Kinship', '')).new).toBe(1);
    // An export says mainstream (a switch dated the day of the import)...
    expect((await file('2021-09-01', 'Mainstream', '')).updated).toBe(1);
    // ...a later one kinship again (a second switch, recorded)...
    expect((await file('2022-03-01', 'Kinship', '')).updated).toBe(1);
    // ...and a third mainstream again, with an EOI: the pathway is kept, the EOI counts.
    const again = await file('2022-07-29', 'Mainstream', '01/07/2022');
    expect(again).toMatchObject({ updated: 1, rejected: 0 });
    expect(again.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Pathway',
        message: expect.stringMatching(
          /^Kept the kinship pathway: K2 has already changed pathway twice in this episode, on 01\/09\/2021 and 01\/03\/2022/,
        ),
      }),
    ]);
    const [row] = (await app.call('households.listHouseholds', { search: 'K2' })).rows;
    const h = await app.call('households.getHousehold', { id: row!.id });
    expect(h.pathway).toBe('kinship');
    expect(h.pathwayChanges).toHaveLength(2);
    expect(h.milestones.find((m) => m.kind === 'eoi')?.date).toBe('2022-07-01');
  });
});

describe('found by random journeys: a ceased household’s approval', () => {
  it('cannot be corrected to after the cessation', async () => {
    const app = await testApp({ today: '2022-07-29' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'C1',
      enquiryDate: '2020-05-01',
      surname: 'Cole',
      confirmDuplicates: true,
    });
    for (const [kind, date] of [
      ['eoi', '2020-06-01'],
      ['stage1', '2020-07-01'],
      ['stage2', '2020-08-01'],
      ['panel', '2020-12-01'],
      ['approval', '2021-01-10'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    await app.call('households.ceaseHousehold', {
      id,
      date: '2021-02-01',
      reasonKey: 'transfer_ifa',
      initiatedBy: 'service',
    });
    const before = await app.call('households.getHousehold', { id });
    // Ceasing before the approval is refused; moving the approval after the cessation must be too.
    await expect(
      app.call('households.correctMilestone', { id, kind: 'approval', date: '2021-03-01', reason: 'typo' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message: 'Approved cannot come after the cessation on 01/02/2021.',
    });
    expect(await app.call('households.getHousehold', { id })).toEqual(before);
    const moved = await app.call('households.correctMilestone', {
      id,
      kind: 'approval',
      date: '2021-02-01',
      reason: 'typo',
    });
    expect(moved.milestones.find((m) => m.kind === 'approval')?.date).toBe('2021-02-01');
  });
});

describe('found by random journeys: merging a duplicate that changed pathway', () => {
  it('is refused: its switches would not chain with the kept household’s pathway', async () => {
    const app = await testApp({ today: '2021-12-04' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H4',
      enquiryDate: '2020-06-02',
      surname: 'Hill',
      confirmDuplicates: true,
    });
    const dup = await app.call('households.createHousehold', {
      reference: 'H1',
      pathway: 'kinship',
      enquiryDate: '2021-03-15',
      surname: 'Hill',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id: dup.id, pathway: 'mainstream', date: '2021-07-09' });
    await app.call('households.recordMilestone', { id: dup.id, kind: 'eoi', date: '2021-10-31' });
    await expect(
      app.call('households.mergeHouseholds', { id, mergeReference: 'H1', reason: 'same family' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'mergeReference',
      message:
        "H1 changed pathway on 09/07/2021: its pathway history cannot join H4's; merge H4 into H1 instead.",
    });
    // The other way round nothing contradicts: H1's history stands, H4's enquiry is the first contact.
    const merged = await app.call('households.mergeHouseholds', {
      id: dup.id,
      mergeReference: 'H4',
      reason: 'same family',
    });
    expect(merged).toMatchObject({ pathway: 'mainstream', enquiryDate: '2020-06-02' });
    const funnel = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2021/22', to: '2021/22', pathway: 'mainstream', quarterly: false, suppress: false },
    });
    expect(funnel.rows.find((r) => r.key === 'eoi')!.values['2021/22']).toBe(1);
  });
});

describe('found by random journeys: an import adds a milestone before a standing closure', () => {
  it('moves the stage the closure was reached at, keeps who closed it, and undo puts it back', async () => {
    const app = await testApp({ today: '2023-06-01' });
    const db = app.ctx.store.db;
    const importText = (name: string, text: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, text);
      return app.call('imports.importFile', { path });
    };
    const dropout = async () =>
      (
        await app.call('reports.getTable', {
          table: 'dropout',
          options: { from: '2022/23', to: '2022/23', pathway: 'all', quarterly: false, suppress: false },
        })
      ).rows.find((r) => r.key === 'total')!.values;
    await importText('a.csv', 'Reference,Enquiry date,Surname\r\nR1,01/11/2022,Lee\r\n');
    const [row] = (await app.call('households.listHouseholds', { search: 'R1' })).rows;
    const id = row!.id;
    await app.call('households.closeHousehold', {
      id,
      date: '2023-01-10',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const closures = () => db.prepare('SELECT * FROM closures ORDER BY id').all();
    const before = closures();
    expect(await dropout()).toMatchObject({ enquiry: 1, eoi: 0 });

    // An export with the EOI the household had made before it dropped out.
    const b = await importText(
      'b.csv',
      'Reference,Enquiry date,Surname,EOI date\r\nR1,01/11/2022,Lee,01/12/2022\r\n',
    );
    expect(b).toMatchObject({ updated: 1, rejected: 0 });
    const h = await app.call('households.getHousehold', { id });
    expect(h).toMatchObject({ status: 'closed', stage: 'eoi' });
    expect(h.closures).toEqual([expect.objectContaining({ date: '2023-01-10', stageReached: 'eoi' })]);
    expect(h.fieldSources.closure).toBe('hand');
    expect(db.prepare('SELECT source, batch_id FROM closures').get()).toEqual({
      source: 'hand',
      batch_id: null,
    });
    expect(await dropout()).toMatchObject({ enquiry: 0, eoi: 1 });

    await app.call('imports.undoImport', { batchId: b.batch! });
    expect(closures()).toEqual(before);
    expect(await dropout()).toMatchObject({ enquiry: 1, eoi: 0 });
  });
});

describe('found by random journeys: a pathway switch dated on the enquiry day', () => {
  it('counts the enquiry and every later event under the new pathway, not the old one', async () => {
    // A household entered as kinship and corrected to mainstream from its first day (the earliest a
    // switch may be dated): the episode's pathway "as at the enquiry" read the switch as already made
    // while its switch date still flipped it back, so every event counted under kinship.
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      reference: 'H1',
      pathway: 'kinship',
      enquiryDate: '2021-04-09',
      surname: 'Hart',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2021-04-09' });
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2021-05-01' });
    expect((await funnel(app, 'mainstream'))['2021/22']).toBe(1);
    expect((await funnel(app, 'kinship'))['2021/22']).toBe(0);
    const eoi = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2021/22', to: '2021/22', pathway: 'mainstream', quarterly: false, suppress: false },
    });
    expect(eoi.rows.find((r) => r.key === 'eoi')!.values['2021/22']).toBe(1);
    expect(app.ctx.store.db.prepare('SELECT pathway, switched_on, switched_to FROM episodes').all()).toEqual([
      { pathway: 'kinship', switched_on: '2021-04-09', switched_to: 'mainstream' },
    ]);
  });
});

describe('found by random journeys: a kinship carer approved from a register', () => {
  // Seeds 13, 19 and 20 with carers registers (six households, 80 steps): a viability request
  // recorded after the approval became the episode's application, so the return of the approval's
  // year, already made, counted one more application approved, after a negative number of days.
  const ofsted2020 = async (app: TestApp) =>
    Object.fromEntries(
      (
        await app.call('reports.getTable', {
          table: 'ofsted',
          options: { from: '2020/21', to: '2020/21', pathway: 'all', quarterly: false, suppress: false },
        })
      ).rows.map((r) => [r.key, r.values]),
    );

  it('takes no viability request dated after the approval, and no approval dated before the request', async () => {
    const app = await testApp({ today: '2021-11-09' });
    const path = join(app.dir, 'register.csv');
    writeFileSync(path, 'Foster Carer No.,Pathway,Date of Approval\r\nH5,Kinship,19/10/2020\r\n');
    expect(await app.call('imports.importFile', { path })).toMatchObject({ new: 1, errors: [] });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'H5'")
      .pluck()
      .get() as number;
    const published = await ofsted2020(app);
    const before = await app.call('households.getHousehold', { id });
    await expect(
      app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2021-05-23' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      message:
        'Viability assessment requested date 23/05/2021 is after the approval date 19/10/2020: a viability assessment comes before the approval.',
    });
    expect(await app.call('households.getHousehold', { id })).toEqual(before);
    expect(await ofsted2020(app)).toEqual(published);
    // On or before the approval it is the application; the approval may not then move before it.
    await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2020-09-01' });
    await expect(
      app.call('households.correctMilestone', { id, kind: 'approval', date: '2020-08-20', reason: 'typo' }),
    ).rejects.toMatchObject({
      message:
        'Approved date 20/08/2020 is before the viability assessment requested date 01/09/2020: correct that first.',
    });
  });
});
