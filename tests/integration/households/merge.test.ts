import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { fieldSourcesReader } from '../../../src-main/db/field-sources.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const rows = (app: TestApp, sql: string, ...params: unknown[]) =>
  app.ctx.store.db.prepare(sql).all(...params);

async function importCsv(app: TestApp, name: string, lines: string[]) {
  const path = join(app.dir, name);
  writeFileSync(path, ['Reference,Enquiry date,First name,Surname,Email,EOI date', ...lines].join('\r\n'));
  return app.call('imports.importFile', { path });
}

describe('merging a duplicate household', () => {
  it('joins a near match an import listed: milestones, the earlier enquiry, blank details and history move, the duplicate goes', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,,']);
    await importCsv(app, 'b.csv', ['R9,28/04/2024,Ann,Lee,ann@example.org,10/06/2024']);
    const [keep] = rows(app, "SELECT id FROM households WHERE reference = 'R1'") as Array<{ id: number }>;

    const merged = await app.call('households.mergeHouseholds', {
      id: keep!.id,
      mergeReference: 'r9',
      reason: 'Same family, exported twice by the CRM',
    });
    expect(merged.reference).toBe('R1');
    // The duplicate as stored, which the screen names (it echoed the "r9" typed: helper-272).
    expect(merged.mergedReference).toBe('R9');
    expect(rows(app, 'SELECT reference, email, status, stage FROM households')).toEqual([
      { reference: 'R1', email: 'ann@example.org', status: 'open', stage: 'eoi' },
    ]);
    // The filled email came from the duplicate's import (2), the rest from the kept one's (1).
    const sources = fieldSourcesReader(app.ctx.store.db)(keep!.id);
    expect(sources).toContainEqual({ field: 'email', source: 'import', batch_id: 2 });
    expect(sources).toContainEqual({ field: 'first_name', source: 'import', batch_id: 1 });
    expect(sources.filter((f) => f.field === 'email')).toHaveLength(1);
    const record = await app.call('households.getHousehold', { id: keep!.id });
    expect(record.fieldSources).toMatchObject({ email: 'import', surname: 'import', first_name: 'import' });
    expect(rows(app, 'SELECT kind, date, episode FROM milestones ORDER BY date')).toEqual([
      { kind: 'enquiry', date: '2024-04-28', episode: 1 },
      { kind: 'eoi', date: '2024-06-10', episode: 1 },
    ]);
    // One enquiry now, so the reports count the family once.
    const funnel = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2024/25', to: '2024/25' },
    });
    expect(funnel.rows.find((r) => r.key === 'enquiries')?.values['2024/25']).toBe(1);
    // The duplicate's import history now belongs to the kept household, with the merge itself.
    const audit = rows(app, 'SELECT DISTINCT household_id AS h FROM audit_log') as Array<{ h: number }>;
    expect(audit).toEqual([{ h: keep!.id }]);
    expect(rows(app, "SELECT reason FROM audit_log WHERE action = 'merge' AND field = 'merged'")).toEqual([
      { reason: 'Same family, exported twice by the CRM' },
    ]);
  });

  it('a detail filled from a duplicate with no known source reads as the merger’s, not the kept household’s import', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,,']);
    const [keep] = rows(app, "SELECT id FROM households WHERE reference = 'R1'") as Array<{ id: number }>;
    const dup = await app.call('households.createHousehold', {
      firstName: 'Ann',
      surname: 'Lee',
      email: 'ann@example.org',
      enquiryDate: '2024-04-28',
      confirmDuplicates: true,
    });
    // As a household made before provenance was kept (or a sample one): no source for any value.
    app.ctx.store.db
      .prepare(
        'DELETE FROM field_sources WHERE household_id = (SELECT id FROM households WHERE reference = ?)',
      )
      .run(dup.reference);
    await app.call('households.mergeHouseholds', {
      id: keep!.id,
      mergeReference: dup.reference,
      reason: 'same',
    });
    const sources = fieldSourcesReader(app.ctx.store.db)(keep!.id);
    expect(sources.filter((f) => f.field === 'email')).toEqual([
      { field: 'email', source: 'hand', batch_id: null },
    ]);
    expect(sources).toContainEqual({ field: 'surname', source: 'import', batch_id: 1 });
  });

  it('refuses contradicting dates, naming both, and changes nothing', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,,01/06/2024', 'R2,02/05/2024,Ann,Lee,,20/06/2024']);
    const before = rows(app, 'SELECT * FROM milestones ORDER BY id');
    const [keep] = rows(app, "SELECT id FROM households WHERE reference = 'R1'") as Array<{ id: number }>;
    const error = await app
      .call('households.mergeHouseholds', { id: keep!.id, mergeReference: 'R2', reason: 'duplicate' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).field).toBe('mergeReference');
    expect((error as ApiError).message).toMatch(/01\/06\/2024 on R1 but 20\/06\/2024 on R2/);
    expect(rows(app, 'SELECT * FROM milestones ORDER BY id')).toEqual(before);
    expect(rows(app, 'SELECT reference FROM households ORDER BY reference')).toEqual([
      { reference: 'R1' },
      { reference: 'R2' },
    ]);
  });

  it('names a missing reference and refuses merging a household into itself', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,,']);
    const [keep] = rows(app, "SELECT id FROM households WHERE reference = 'R1'") as Array<{ id: number }>;
    await expect(
      app.call('households.mergeHouseholds', { id: keep!.id, mergeReference: 'NOPE', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'mergeReference' });
    await expect(
      app.call('households.mergeHouseholds', { id: keep!.id, mergeReference: 'R1', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('merging refuses endings that would contradict the merged journey', () => {
  it('will not carry a closure dated before the kept household’s later milestones', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/03/2023,Ann,Lee,,01/04/2023']);
    const dup = await app.call('households.createHousehold', {
      enquiryDate: '2023-02-10',
      firstName: 'Ann',
      surname: 'Lee',
      confirmDuplicates: true,
    });
    // Closed after R1's enquiry (01/03), before its EOI (01/04).
    await app.call('households.closeHousehold', {
      id: dup.id,
      date: '2023-03-10',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const [keep] = rows(app, "SELECT id FROM households WHERE reference = 'R1'") as Array<{ id: number }>;
    await expect(
      app.call('households.mergeHouseholds', {
        id: keep!.id,
        mergeReference: dup.reference,
        reason: 'same family',
      }),
    ).rejects.toMatchObject({ code: 'rule_violation', message: expect.stringMatching(/closed too early/) });
    expect(rows(app, 'SELECT COUNT(*) AS n FROM households')).toEqual([{ n: 2 }]);
  });
});

describe('merging carries the duplicate’s kinship journey dates', () => {
  type Step = {
    kind: 'viability_request' | 'viability_outcome' | 'reg24_placement' | 'extension';
    date: string;
    result?: 'positive' | 'negative';
    extensionReason?: string;
  };
  async function kinship(
    app: Awaited<ReturnType<typeof testApp>>,
    reference: string,
    enquiryDate: string,
    steps: Step[],
    pathway: 'kinship' | 'mainstream' = 'kinship',
  ): Promise<number> {
    const { id } = await app.call('households.createHousehold', {
      reference,
      pathway,
      enquiryDate,
      firstName: 'Jo',
      surname: 'Hale',
      confirmDuplicates: true,
    });
    for (const s of steps) await app.call('households.recordJourneyDate', { id, ...s });
    return id;
  }
  const journey = (app: Awaited<ReturnType<typeof testApp>>) =>
    rows(
      app,
      'SELECT household_id AS h, episode, kind, date, detail, reason FROM journey_dates ORDER BY kind',
    );

  it('moves the steps the kept household lacks into its episode, keeps the ones both have, and the reg 24 clock runs from the placement', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await kinship(app, 'K1', '2025-01-10', [{ kind: 'viability_request', date: '2025-02-01' }]);
    await kinship(app, 'K2', '2025-01-12', [
      { kind: 'viability_request', date: '2025-02-01' },
      { kind: 'viability_outcome', date: '2025-03-01', result: 'positive' },
      { kind: 'reg24_placement', date: '2025-03-15' },
      { kind: 'extension', date: '2025-06-20', extensionReason: 'Late medical report' },
    ]);
    const merged = await app.call('households.mergeHouseholds', {
      id: keep,
      mergeReference: 'K2',
      reason: 'The same family, entered twice',
    });
    expect(journey(app)).toEqual([
      {
        h: keep,
        episode: 1,
        kind: 'extension',
        date: '2025-06-20',
        detail: null,
        reason: 'Late medical report',
      },
      { h: keep, episode: 1, kind: 'reg24_placement', date: '2025-03-15', detail: null, reason: null },
      {
        h: keep,
        episode: 1,
        kind: 'viability_outcome',
        date: '2025-03-01',
        detail: 'positive',
        reason: null,
      },
      { h: keep, episode: 1, kind: 'viability_request', date: '2025-02-01', detail: null, reason: null },
    ]);
    expect(merged.reg24).toMatchObject({ placement: '2025-03-15', extended: true, limit: '2025-08-30' });
    expect(merged.alerts.map((a) => [a.kind, a.due])).toContainEqual(['reg24_final', '2025-08-30']);
    // The episodes record every report reads has the steps, once.
    expect(
      rows(
        app,
        'SELECT household_id AS h, viability_request, viability_result, reg24_placement, extension FROM episodes',
      ),
    ).toEqual([
      {
        h: keep,
        viability_request: '2025-02-01',
        viability_result: 'positive',
        reg24_placement: '2025-03-15',
        extension: '2025-06-20',
      },
    ]);
  });

  it('refuses the same step with two dates, naming both, and changes nothing', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await kinship(app, 'K1', '2025-01-10', [{ kind: 'reg24_placement', date: '2025-03-15' }]);
    await kinship(app, 'K2', '2025-01-12', [{ kind: 'reg24_placement', date: '2025-03-20' }]);
    const before = journey(app);
    await expect(
      app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K2', reason: 'duplicate' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'mergeReference',
      message: expect.stringMatching(/placement.*15\/03\/2025 on K1 but 20\/03\/2025 on K2/),
    });
    expect(journey(app)).toEqual(before);
    expect(rows(app, 'SELECT COUNT(*) AS n FROM households')).toEqual([{ n: 2 }]);
  });

  it('refuses one reg 25 extension with two reasons, naming both, rather than dropping the duplicate’s', async () => {
    // The duplicate's reason went with it: the merge kept the kept household's without a word.
    const app = await testApp({ today: '2026-11-26' });
    const placed = (reason: string): Step[] => [
      { kind: 'reg24_placement', date: '2025-03-15' },
      { kind: 'extension', date: '2025-06-20', extensionReason: reason },
    ];
    const keep = await kinship(app, 'K1', '2025-01-10', placed('Late medical report'));
    await kinship(app, 'K2', '2025-01-12', placed('Court hearing adjourned'));
    const before = journey(app);
    await expect(
      app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K2', reason: 'duplicate' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'mergeReference',
      message:
        'Reg 25 extension is 20/06/2025 (Late medical report) on K1 but 20/06/2025 (Court hearing adjourned) on K2: correct one of them first.',
    });
    expect(journey(app)).toEqual(before);
    // Corrected to agree, the merge goes through, one extension kept.
    await app.call('households.recordJourneyDate', {
      id: keep,
      kind: 'extension',
      date: '2025-06-20',
      extensionReason: 'Court hearing adjourned',
      correctionReason: 'as on K2',
    });
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K2', reason: 'duplicate' });
    expect(
      rows(
        app,
        "SELECT household_id AS h, episode, kind, date, detail, reason FROM journey_dates WHERE kind = 'extension'",
      ),
    ).toEqual([
      {
        h: keep,
        episode: 1,
        kind: 'extension',
        date: '2025-06-20',
        detail: null,
        reason: 'Court hearing adjourned',
      },
    ]);
  });

  it('refuses an approval joining a reg 24 placement dated after it, either way round, and changes nothing', async () => {
    // By hand the approval is refused before the placement; a merge bringing the two together was not.
    const app = await testApp({ today: '2026-11-26' });
    const placed = await kinship(app, 'K1', '2024-01-01', [{ kind: 'reg24_placement', date: '2024-07-01' }]);
    const approved = await kinship(app, 'D1', '2024-01-01', []);
    await app.call('households.recordMilestone', { id: approved, kind: 'approval', date: '2024-06-01' });
    const before = { journey: journey(app), milestones: rows(app, 'SELECT * FROM milestones ORDER BY id') };
    for (const [id, mergeReference] of [
      [placed, 'D1'],
      [approved, 'K1'],
    ] as const)
      await expect(
        app.call('households.mergeHouseholds', { id, mergeReference, reason: 'duplicate' }),
      ).rejects.toMatchObject({
        code: 'rule_violation',
        field: 'mergeReference',
        message: expect.stringContaining(
          'Approved date 01/06/2024 is before the reg 24 placement (temporary approval) date 01/07/2024',
        ),
      });
    expect({ journey: journey(app), milestones: rows(app, 'SELECT * FROM milestones ORDER BY id') }).toEqual(
      before,
    );
    // A placement an earlier version stored after the kept household's approval does not stop a
    // merge that brings neither (here, a viability request).
    const kept = await kinship(app, 'K5', '2024-01-01', [{ kind: 'reg24_placement', date: '2024-05-01' }]);
    await app.call('households.recordMilestone', { id: kept, kind: 'approval', date: '2024-06-01' });
    app.ctx.store.db
      .prepare(
        "UPDATE journey_dates SET date = '2024-07-01' WHERE household_id = ? AND kind = 'reg24_placement'",
      )
      .run(kept);
    await kinship(app, 'D5', '2024-01-01', [{ kind: 'viability_request', date: '2024-01-15' }]);
    await app.call('households.mergeHouseholds', { id: kept, mergeReference: 'D5', reason: 'duplicate' });
    const merged = await app.call('households.getHousehold', { id: kept });
    expect(merged.journeyDates.map((j) => [j.kind, j.date]).sort()).toEqual([
      ['reg24_placement', '2024-07-01'],
      ['viability_request', '2024-01-15'],
    ]);
  });

  it('takes kinship steps dated while the kept household was on kinship, after its switch to mainstream, as a hand edit does', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await kinship(app, 'K1', '2025-01-10', [{ kind: 'viability_request', date: '2025-02-01' }]);
    await app.call('households.switchPathway', { id: keep, pathway: 'mainstream', date: '2025-06-01' });
    await kinship(app, 'K2', '2025-01-12', [
      { kind: 'viability_request', date: '2025-02-01' },
      { kind: 'viability_outcome', date: '2025-03-01', result: 'positive' },
      { kind: 'reg24_placement', date: '2025-03-15' },
    ]);
    await kinship(app, 'K3', '2025-01-12', [{ kind: 'reg24_placement', date: '2025-07-01' }]);
    // A step dated after the switch is refused, as by hand: the household was mainstream that day.
    await expect(
      app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K3', reason: 'duplicate' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      message: expect.stringMatching(/this household was mainstream on 01\/07\/2025/),
    });
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K2', reason: 'duplicate' });
    expect(
      rows(app, 'SELECT kind, date FROM journey_dates WHERE household_id = ? ORDER BY date', keep),
    ).toEqual([
      { kind: 'viability_request', date: '2025-02-01' },
      { kind: 'viability_outcome', date: '2025-03-01' },
      { kind: 'reg24_placement', date: '2025-03-15' },
    ]);
    expect(rows(app, 'SELECT pathway FROM households WHERE id = ?', keep)).toEqual([
      { pathway: 'mainstream' },
    ]);
  });

  it('refuses kinship steps that would land on a mainstream household', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await kinship(app, 'M1', '2025-01-10', [], 'mainstream');
    await kinship(app, 'K2', '2025-01-12', [{ kind: 'viability_request', date: '2025-02-01' }]);
    await expect(
      app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K2', reason: 'duplicate' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      message: expect.stringMatching(/kinship.*mainstream/),
    });
    expect(rows(app, 'SELECT COUNT(*) AS n FROM journey_dates')).toEqual([{ n: 1 }]);
  });
});

// Found by helper-228: a household closed in 2023 merged into the family's enquiry of 2026 took its
// enquiry back to 2023 and closed it then, so a current enquirer's record was due for purge at once.
describe('merging the records of a family that enquired again', () => {
  const setUp = async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['OLD1,10/01/2023,Ann,Lee,,', 'NEW1,05/10/2026,Ann,Lee,,']);
    const id = (ref: string) =>
      (rows(app, 'SELECT id FROM households WHERE reference = ?', ref) as Array<{ id: number }>)[0]!.id;
    await app.call('households.closeHousehold', {
      id: id('OLD1'),
      date: '2023-03-15',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    return { app, id };
  };
  const merge = (app: TestApp, id: number, mergeReference: string) =>
    app.call('households.mergeHouseholds', { id, mergeReference, reason: 'same family' });

  it('is refused either way round, saying how to keep one record; that way the new enquiry stays open', async () => {
    const { app, id } = await setUp();
    const before = rows(app, 'SELECT * FROM households ORDER BY id');
    await expect(merge(app, id('NEW1'), 'OLD1')).rejects.toMatchObject({
      code: 'rule_violation',
      message:
        'NEW1 enquired on 05/10/2026, after OLD1 was closed on 15/03/2023: a new enquiry, not the same one twice. To keep one record, re-open OLD1 as a new enquiry dated 05/10/2026, then merge NEW1 into it.',
    });
    await expect(merge(app, id('OLD1'), 'NEW1')).rejects.toMatchObject({
      code: 'rule_violation',
      message: expect.stringMatching(/^NEW1 enquired on 05\/10\/2026, after OLD1 was closed on 15\/03\/2023/),
    });
    expect(rows(app, 'SELECT * FROM households ORDER BY id')).toEqual(before);

    await app.call('households.reopenHousehold', { id: id('OLD1'), enquiryDate: '2026-10-05' });
    const merged = await merge(app, id('OLD1'), 'NEW1');
    expect(merged).toMatchObject({ reference: 'OLD1', status: 'open' });
    expect(rows(app, 'SELECT episode, kind, date FROM milestones ORDER BY date')).toEqual([
      { episode: 1, kind: 'enquiry', date: '2023-01-10' },
      { episode: 2, kind: 'enquiry', date: '2026-10-05' },
    ]);
  });

  it('says the records stay apart where the earlier was purged: re-opened, it could take nothing by merge', async () => {
    const { app, id } = await setUp();
    expect((await app.call('data.purgeHouseholds', { ids: [id('OLD1')] })).purged).toBe(1);
    await expect(merge(app, id('NEW1'), 'OLD1')).rejects.toMatchObject({
      message:
        'NEW1 enquired on 05/10/2026, after OLD1 was closed on 15/03/2023: a new enquiry, not the same one twice. The two records stay apart.',
    });
  });
});
