import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The journey's dated steps keep their order when one is corrected or a milestone moves: a step is
 * never corrected past one that follows from it (the viability outcome after its request, the reg 25
 * extension and IRM review after the placement, the IRM review's end after its start), and the
 * enquiry and the panel are not corrected past, or removed before, the steps they bound. Each
 * refusal names the field and leaves what is stored as it was.
 */
async function refused(app: TestApp, id: number, call: () => Promise<unknown>, field: string, words: RegExp) {
  const before = await app.call('households.getHousehold', { id });
  const timeline = await app.call('households.getTimeline', { id });
  await expect(call()).rejects.toMatchObject({
    code: 'rule_violation',
    field,
    message: expect.stringMatching(words),
  });
  expect(await app.call('households.getHousehold', { id })).toEqual(before);
  expect(await app.call('households.getTimeline', { id })).toEqual(timeline);
}

describe('order of the journey dates under corrections', () => {
  it('a kinship step is not corrected past the steps that follow from it', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K1',
      pathway: 'kinship',
      enquiryDate: '2024-05-01',
      surname: 'Kin',
      confirmDuplicates: true,
    });
    const step = (kind: string, date: string, extra: object = {}) =>
      app.call('households.recordJourneyDate', { id, kind: kind as never, date, ...extra });
    await step('viability_request', '2024-05-03');
    await step('viability_outcome', '2024-05-20', { result: 'positive' });
    await step('reg24_placement', '2024-05-10');
    await step('extension', '2024-08-20', { extensionReason: 'Court timetable' });
    await step('irm_pending_from', '2024-08-25');
    await step('irm_pending_to', '2024-09-05');
    const fix = { correctionReason: 'Typed wrongly' };
    await refused(
      app,
      id,
      () => step('viability_request', '2024-06-01', fix),
      'date',
      /^Viability assessment requested date 01\/06\/2024 is after the viability outcome date 20\/05\/2024\.$/,
    );
    await refused(
      app,
      id,
      () => step('reg24_placement', '2024-08-21', fix),
      'date',
      /after the reg 25 extension date 20\/08\/2024/,
    );
    await refused(
      app,
      id,
      () => step('irm_pending_from', '2024-09-10', fix),
      'date',
      /after the IRM review concluded date 05\/09\/2024/,
    );
    // Within the order a correction is taken.
    await step('reg24_placement', '2024-05-12', fix);
    const rec = await app.call('households.getHousehold', { id });
    expect(rec.reg24?.placement).toBe('2024-05-12');
  });

  it('the enquiry and the panel bound the steps that follow them', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const kin = await app.call('households.createHousehold', {
      reference: 'K2',
      pathway: 'kinship',
      enquiryDate: '2024-05-01',
      surname: 'Kin',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', {
      id: kin.id,
      kind: 'reg24_placement',
      date: '2024-05-10',
    });
    await refused(
      app,
      kin.id,
      () =>
        app.call('households.correctMilestone', {
          id: kin.id,
          kind: 'enquiry',
          date: '2024-05-11',
          reason: 'Typo',
        }),
      'date',
      /^Enquiry date 11\/05\/2024 is after the reg 24 placement \(temporary approval\) date 10\/05\/2024: correct that first\.$/,
    );

    const { id } = await app.call('households.createHousehold', {
      reference: 'M1',
      enquiryDate: '2024-04-01',
      surname: 'Main',
      confirmDuplicates: true,
    });
    for (const [kind, date] of [
      ['eoi', '2024-04-10'],
      ['stage1', '2024-05-01'],
      ['stage2', '2024-07-01'],
      ['panel', '2024-12-01'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    await app.call('households.recordJourneyDate', { id, kind: 'panel_minutes', date: '2024-12-05' });
    await refused(
      app,
      id,
      () =>
        app.call('households.correctMilestone', { id, kind: 'panel', date: '2024-12-10', reason: 'Typo' }),
      'date',
      /^Panel date 10\/12\/2024 is after the panel minutes received date 05\/12\/2024: correct that first\.$/,
    );
    await refused(
      app,
      id,
      () => app.call('households.removeMilestone', { id, kind: 'panel', reason: 'Not heard yet' }),
      'kind',
      /^Remove the panel minutes received first\.$/,
    );
    // In order, both go: the minutes first, then the panel.
    await app.call('households.correctMilestone', { id, kind: 'panel', date: '2024-12-03', reason: 'Typo' });
    await app.call('households.removeJourneyDate', { id, kind: 'panel_minutes', reason: 'Not heard yet' });
    const rec = await app.call('households.removeMilestone', { id, kind: 'panel', reason: 'Not heard yet' });
    expect(rec.milestones.map((m) => m.kind)).toEqual(['enquiry', 'eoi', 'stage1', 'stage2']);
  });

  it('a kinship step dated while the episode was on kinship is corrected after a switch to mainstream', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K3',
      pathway: 'kinship',
      enquiryDate: '2024-04-10',
      surname: 'Kin',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2024-05-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-09-01' });
    const fix = { id, kind: 'reg24_placement' as const, correctionReason: 'Typo' };
    await app.call('households.recordJourneyDate', { ...fix, date: '2024-05-02' });
    await refused(
      app,
      id,
      () => app.call('households.recordJourneyDate', { ...fix, date: '2024-09-02' }),
      'date',
      /this household was mainstream on 02\/09\/2024\.$/,
    );
    const rec = await app.call('households.getHousehold', { id });
    expect(rec.journeyDates.map((j) => [j.kind, j.date])).toEqual([['reg24_placement', '2024-05-02']]);
  });

  it('an extension without its reason is refused beside the reason, storing nothing', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K4',
      pathway: 'kinship',
      enquiryDate: '2025-06-01',
      surname: 'Kin',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2025-06-20' });
    for (const extensionReason of [undefined, '   '])
      await refused(
        app,
        id,
        () =>
          app.call('households.recordJourneyDate', {
            id,
            kind: 'extension',
            date: '2025-09-01',
            extensionReason,
          }),
        'extensionReason',
        /^Say why the temporary approval was extended\.$/,
      );
    // Without its reason but dated in the future: the date is at fault, and named.
    await refused(
      app,
      id,
      () => app.call('households.recordJourneyDate', { id, kind: 'extension', date: '2025-12-01' }),
      'date',
      /^Reg 25 extension date 01\/12\/2025 is in the future\.$/,
    );
  });

  it('the reg 24 placement, a temporary approval, comes before the full approval', async () => {
    // A placement recorded after the approval was stored, and the kinship table counted the
    // decision as made within 16 weeks of it (-30 days).
    const app = await testApp({ today: '2025-11-26' });
    const kinship = async (reference: string) =>
      (
        await app.call('households.createHousehold', {
          reference,
          pathway: 'kinship',
          enquiryDate: '2024-01-10',
          surname: reference,
          confirmDuplicates: true,
        })
      ).id;
    const k5 = await kinship('K5');
    await app.call('households.recordJourneyDate', { id: k5, kind: 'reg24_placement', date: '2024-03-01' });
    await app.call('households.recordMilestone', { id: k5, kind: 'approval', date: '2024-06-01' });
    await refused(
      app,
      k5,
      () =>
        app.call('households.recordJourneyDate', {
          id: k5,
          kind: 'reg24_placement',
          date: '2024-07-01',
          correctionReason: 'Typo',
        }),
      'date',
      /^Reg 24 placement \(temporary approval\) date 01\/07\/2024 is after the approval date 01\/06\/2024: a temporary approval comes before the full one\.$/,
    );
    await refused(
      app,
      k5,
      () =>
        app.call('households.correctMilestone', {
          id: k5,
          kind: 'approval',
          date: '2024-02-01',
          reason: 'Typo',
        }),
      'date',
      /^Approved date 01\/02\/2024 is before the reg 24 placement \(temporary approval\) date 01\/03\/2024: correct that first\.$/,
    );
    // On a household approved without one, a placement after the approval is refused too.
    const k6 = await kinship('K6');
    await app.call('households.recordMilestone', { id: k6, kind: 'approval', date: '2024-06-01' });
    await refused(
      app,
      k6,
      () => app.call('households.recordJourneyDate', { id: k6, kind: 'reg24_placement', date: '2024-08-01' }),
      'date',
      /is after the approval date 01\/06\/2024/,
    );
    // By a file: an approval before the placement held, and a row giving both out of order.
    const k7 = await kinship('K7');
    await app.call('households.recordJourneyDate', { id: k7, kind: 'reg24_placement', date: '2024-03-01' });
    const path = join(app.dir, 'approvals.csv');
    writeFileSync(
      path,
      'Reference,Pathway,Enquiry date,Surname,Approval date,Reg 24 placement date\r\n' +
        'K7,Kinship,10/01/2024,K7,01/02/2024,\r\n' +
        'K8,Kinship,10/01/2024,K8,01/02/2024,01/03/2024\r\n',
    );
    const result = await app.call('imports.importFile', { path });
    expect(result).toMatchObject({ new: 0, updated: 0, rejected: 2 });
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'Approval date',
        message: expect.stringContaining(
          'Approved date 01/02/2024 is before the reg 24 placement (temporary approval) date 01/03/2024',
        ),
      },
      {
        row: 3,
        column: 'Reg 24 placement date',
        message: expect.stringContaining('is after the approval date 01/02/2024'),
      },
    ]);
    const rec = await app.call('households.getHousehold', { id: k7 });
    expect(rec.milestones.map((m) => m.kind)).toEqual(['enquiry']);
  });

  it('a reg 25 extension and an IRM review extend the temporary approval, so come before the full approval', async () => {
    // Both were stored when dated after the approval, on a household whose temporary approval the
    // full approval had already ended: the record showed an approval extended after it had ended.
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K9',
      pathway: 'kinship',
      enquiryDate: '2025-04-02',
      surname: 'K9',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2025-04-05' });
    await app.call('households.recordMilestone', { id, kind: 'approval', date: '2025-09-01' });
    await refused(
      app,
      id,
      () =>
        app.call('households.recordJourneyDate', {
          id,
          kind: 'extension',
          date: '2025-10-01',
          extensionReason: 'Assessment running late',
        }),
      'date',
      /^Reg 25 extension date 01\/10\/2025 is after the approval date 01\/09\/2025: it extends a temporary approval, which the full approval ends\.$/,
    );
    await refused(
      app,
      id,
      () => app.call('households.recordJourneyDate', { id, kind: 'irm_pending_from', date: '2025-09-02' }),
      'date',
      /^IRM review pending from date 02\/09\/2025 is after the approval date 01\/09\/2025/,
    );
    // One dated before the approval (recorded late) is taken, and the approval is then not moved before it.
    await app.call('households.recordJourneyDate', {
      id,
      kind: 'extension',
      date: '2025-07-20',
      extensionReason: 'Assessment running late',
    });
    await refused(
      app,
      id,
      () =>
        app.call('households.correctMilestone', { id, kind: 'approval', date: '2025-07-10', reason: 'Typo' }),
      'date',
      /^Approved date 10\/07\/2025 is before the reg 25 extension date 20\/07\/2025: correct that first\.$/,
    );
  });

  it('a ceased household keeps its dated steps, as it may not record them (remove the cessation first)', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'C9',
      pathway: 'mainstream',
      enquiryDate: '2023-01-10',
      surname: 'Cole',
      confirmDuplicates: true,
    });
    await app.call('households.recordMilestone', { id, kind: 'panel', date: '2024-01-20' });
    await app.call('households.recordJourneyDate', { id, kind: 'panel_minutes', date: '2024-01-25' });
    await app.call('households.recordMilestone', { id, kind: 'approval', date: '2024-02-01' });
    await app.call('households.ceaseHousehold', {
      id,
      date: '2025-06-01',
      reasonKey: 'other',
      initiatedBy: 'carer',
      notes: null,
    });
    await refused(
      app,
      id,
      () => app.call('households.removeJourneyDate', { id, kind: 'panel_minutes', reason: 'Mistake' }),
      'id',
      /^Cannot remove the panel minutes received: household C9 is ceased\.$/,
    );
    await refused(
      app,
      id,
      () =>
        app.call('households.recordJourneyDate', {
          id,
          kind: 'panel_minutes',
          date: '2024-01-26',
          correctionReason: 'Typo',
        }),
      'id',
      /^Cannot record panel minutes received: household C9 is ceased\.$/,
    );
    await app.call('households.removeCessation', { id, reason: 'Recorded by mistake' });
    const rec = await app.call('households.removeJourneyDate', {
      id,
      kind: 'panel_minutes',
      reason: 'Mistake',
    });
    expect(rec.status).toBe('approved');
  });
});
