import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { fyOf } from '../../../src-main/domain/financial-year.ts';
import { CHARACTERISTIC_VALUES } from '../../../src-main/domain/characteristics.ts';
import { testApp } from '../../support/temp.ts';

describe('sample data', () => {
  it('covers every stage, drop-outs, approvals, cessations and both pathways over the five complete financial years and this one', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    generateSample(db, { households: 2000, seed: 42, today: '2026-11-26' });
    const kinds = db.prepare('SELECT DISTINCT kind FROM milestones').pluck().all();
    expect(new Set(kinds)).toEqual(
      new Set(['enquiry', 'initial_visit', 'eoi', 'stage1', 'stage2', 'panel', 'approval']),
    );
    const years = new Set(
      (db.prepare("SELECT date FROM milestones WHERE kind = 'enquiry'").pluck().all() as string[]).map(fyOf),
    );
    expect([...years].sort()).toEqual(['2021/22', '2022/23', '2023/24', '2024/25', '2025/26', '2026/27']);
    expect(db.prepare('SELECT DISTINCT pathway FROM households ORDER BY 1').pluck().all()).toEqual([
      'kinship',
      'mainstream',
    ]);
    expect(db.prepare('SELECT DISTINCT status FROM households ORDER BY 1').pluck().all()).toEqual([
      'approved',
      'ceased',
      'closed',
      'open',
    ]);
    const closureStages = db.prepare('SELECT DISTINCT stage_reached FROM closures ORDER BY 1').pluck().all();
    expect(closureStages).toEqual(['enquiry', 'eoi', 'panel', 'stage1', 'stage2']);
    expect(
      db.prepare('SELECT COUNT(DISTINCT reason_key) FROM cessations').pluck().get() as number,
    ).toBeGreaterThan(5);
    expect(
      db.prepare("SELECT COUNT(*) FROM exit_interviews WHERE status = 'held'").pluck().get(),
    ).toBeGreaterThan(0);
    // Every milestone chain is in order and nothing is in the future.
    const bad = db
      .prepare(
        `SELECT COUNT(*) FROM milestones a JOIN milestones b ON a.household_id = b.household_id
         WHERE a.kind = 'enquiry' AND b.kind <> 'enquiry' AND b.date < a.date`,
      )
      .pluck()
      .get();
    expect(bad).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM milestones WHERE date > '2026-11-26'").pluck().get()).toBe(0);
  });

  it('gives applicants their people and approved households their terms, so the Ofsted return and diversity table have figures', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 7, today: '2026-11-26' });
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    // Every approved household has carer 1 and its terms; couples a carer 2; nobody before Stage 1.
    expect(
      count(`SELECT COUNT(*) FROM households h WHERE status IN ('approved', 'ceased')
             AND NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = h.id AND p.position = 1)`),
    ).toBe(0);
    expect(
      count(`SELECT COUNT(*) FROM households h WHERE status IN ('approved', 'ceased')
             AND NOT EXISTS (SELECT 1 FROM approval_terms t WHERE t.household_id = h.id AND t.places > 0)`),
    ).toBe(0);
    expect(
      count(`SELECT COUNT(*) FROM households h WHERE household_type = 'couple' AND status IN ('approved', 'ceased')
             AND NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = h.id AND p.position = 2)`),
    ).toBe(0);
    expect(
      count(`SELECT COUNT(*) FROM household_people p JOIN households h ON h.id = p.household_id
             WHERE NOT EXISTS (SELECT 1 FROM milestones m WHERE m.household_id = h.id AND m.kind IN ('stage1', 'eoi'))`),
    ).toBe(0);
    expect(count('SELECT COUNT(*) FROM place_changes')).toBeGreaterThan(0);
    // Every value is one of the app's categories, every date of birth before today.
    for (const [c, values] of Object.entries(CHARACTERISTIC_VALUES)) {
      const keys = db
        .prepare(`SELECT DISTINCT ${c} FROM household_people WHERE ${c} IS NOT NULL`)
        .pluck()
        .all();
      expect(keys.filter((k) => !values.some((v) => v.key === k))).toEqual([]);
    }
    expect(count("SELECT COUNT(*) FROM household_people WHERE date_of_birth > '2001-11-26'")).toBe(0);

    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2025/26' } });
    const row = (key: string) => ofsted.rows.find((x) => x.key === key)!.values;
    expect(row('households_31_march').all as number).toBeGreaterThan(0);
    expect(row('carers_31_march').all as number).toBeGreaterThan(row('households_31_march').all as number);
    expect(row('places_31_march').all as number).toBeGreaterThan(row('households_31_march').all as number);
    const diversity = await app.call('reports.getTable', {
      table: 'diversity',
      options: { from: '2025/26', to: '2025/26' },
    });
    const white = diversity.rows.find((x) => x.key === 'white')!;
    expect(Object.entries(white.values).some(([k, v]) => k.includes('approved') && (v as number) > 0)).toBe(
      true,
    );
  });

  it('uses a separate sample database and never touches the real one', async () => {
    const app = await testApp();
    const status = await app.call('system.useSampleData', { households: 50, seed: 1 });
    expect(status.sample).toBe(true);
    expect(status.dbPath).toBe(app.ctx.sampleDbPath);
    expect(status.households).toBe(50);
    const back = await app.call('system.useRealData', {});
    expect(back).toMatchObject({ sample: false, dbPath: app.dbPath, households: 0 });
  });
});
