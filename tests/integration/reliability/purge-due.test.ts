import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { sampleApp } from './purge-sample.ts';

/** Which households a purge is due for, by which rule, and the retention periods' floors. */
describe('purge of personal data', () => {
  it('lists households due under the default 1/3/10-year rules', async () => {
    const app = await sampleApp();
    const due = await app.call('data.listPurgeDue', {});
    expect(due.retention).toEqual({
      enquirerYears: 1,
      applicantYears: 3,
      carerYears: 10,
      connectedPersonYears: 10,
    });
    expect(due.households.length).toBeGreaterThan(20);
    const db = app.ctx.store.db;
    for (const h of due.households) {
      const row = db.prepare('SELECT status, episode, pathway FROM households WHERE id = ?').get(h.id) as {
        status: string;
        episode: number;
        pathway: string;
      };
      const years = { enquirer: 1, applicant: 3, carer: 10, connected_person: 10 }[h.rule];
      expect(Number(h.dueFrom.slice(0, 4)) - Number(h.endedOn.slice(0, 4))).toBe(years);
      expect(h.dueFrom <= '2026-11-26').toBe(true);
      if (h.rule === 'carer') expect(row.status).toBe('ceased');
      else {
        expect(row.status).toBe('closed');
        const closure = db
          .prepare('SELECT date FROM closures WHERE household_id = ? AND episode = ?')
          .pluck()
          .get(h.id, row.episode);
        expect(closure).toBe(h.endedOn);
        // Applied: the Stage 1 start or any later milestone, under the default application basis.
        const applied = db
          .prepare(
            "SELECT COUNT(*) FROM milestones WHERE household_id = ? AND kind IN ('stage1', 'stage2', 'panel', 'approval')",
          )
          .pluck()
          .get(h.id) as number;
        expect(h.rule).toBe(
          row.pathway === 'kinship' ? 'connected_person' : applied > 0 ? 'applicant' : 'enquirer',
        );
      }
    }
    // Open and approved households are never due.
    const statuses = new Set(
      due.households.map((h) => db.prepare('SELECT status FROM households WHERE id = ?').pluck().get(h.id)),
    );
    expect([...statuses].every((s) => s === 'closed' || s === 'ceased')).toBe(true);
    // A longer period lists fewer.
    await app.call('data.saveSettings', { retention: { enquirerYears: 3 } });
    const fewer = await app.call('data.listPurgeDue', {});
    expect(fewer.households.length).toBeLessThan(due.households.length);
    expect(fewer.households.every((h) => h.rule !== 'enquirer' || h.endedOn <= '2023-11-26')).toBe(true);
  });

  it('counts an EOI as an application only where Settings say the EOI is the application', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const closed = async (surname: string, steps: Array<['eoi' | 'stage1', string]>) => {
      const h = await app.call('households.createHousehold', {
        enquiryDate: '2022-06-01',
        surname,
        confirmDuplicates: true,
      });
      for (const [kind, date] of steps)
        await app.call('households.recordMilestone', { id: h.id, kind, date });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: '2024-03-10',
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      return h.reference;
    };
    const eoiOnly = await closed('Eoi', [['eoi', '2022-07-01']]);
    const stage1 = await closed('Stage', [
      ['eoi', '2022-07-01'],
      ['stage1', '2022-08-01'],
    ]);
    const rules = async () =>
      Object.fromEntries(
        (await app.call('data.listPurgeDue', {})).households.map((h) => [h.reference, [h.rule, h.dueFrom]]),
      );
    // The statutory process (the default): the application starts Stage 1, so an EOI alone is an
    // enquirer's, due a year after the closure; the Stage 1 applicant is kept 3 years (not yet due).
    const byDefault = await rules();
    expect(byDefault).toEqual({ [eoiOnly]: ['enquirer', '2025-03-10'] });
    expect(Object.keys(byDefault)).not.toContain(stage1);
    // A service whose EOI is the formal application: both applied, neither due before 2027.
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
    expect(await rules()).toEqual({});
  });

  it('keeps a connected person (kinship) 10 years from the end of the placement, not 3 (reg 32(2))', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const closed = async (pathway: 'mainstream' | 'kinship', closedOn: string) => {
      const h = await app.call('households.createHousehold', {
        pathway,
        enquiryDate: '2015-06-01',
        firstName: 'Kim',
        surname: `${pathway}-${closedOn}`,
        confirmDuplicates: true,
      });
      await app.call('households.recordMilestone', { id: h.id, kind: 'eoi', date: '2015-07-01' });
      await app.call('households.recordMilestone', { id: h.id, kind: 'stage1', date: '2015-08-01' });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: closedOn,
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      return h.reference;
    };
    const applicant = await closed('mainstream', '2020-01-10');
    const recentKin = await closed('kinship', '2020-01-10');
    const oldKin = await closed('kinship', '2016-01-10');
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.map((h) => [h.reference, h.rule, h.endedOn, h.dueFrom])).toEqual([
      [applicant, 'applicant', '2020-01-10', '2023-01-10'],
      [oldKin, 'connected_person', '2016-01-10', '2026-01-10'],
    ]);
    expect(due.households.some((h) => h.reference === recentKin)).toBe(false);
    // Its own setting: never below 10 years, and a longer period keeps the older one too.
    await expect(
      app.call('data.saveSettings', { retention: { connectedPersonYears: 9 } }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'retention.connectedPersonYears' });
    await app.call('data.saveSettings', { retention: { connectedPersonYears: 11 } });
    const later = await app.call('data.listPurgeDue', {});
    expect(later.households.map((h) => h.reference)).toEqual([applicant]);
    const r = await app.call('data.purgeHouseholds', {});
    expect(r.byRule).toEqual({ enquirer: 0, applicant: 1, carer: 0, connected_person: 0 });
  });

  it('refuses retention periods below the legal minimums, naming the field', async () => {
    const app = await testApp();
    await expect(app.call('data.saveSettings', { retention: { applicantYears: 2 } })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'retention.applicantYears',
    });
    await expect(app.call('data.saveSettings', { retention: { carerYears: 9 } })).rejects.toMatchObject({
      field: 'retention.carerYears',
    });
    expect(await app.call('data.getSettings', {})).toEqual({
      backupKeep: 10,
      retention: { enquirerYears: 1, applicantYears: 3, carerYears: 10, connectedPersonYears: 10 },
      connectedPersons: 'kinship_pathway',
    });
  });
});
