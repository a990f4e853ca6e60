import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { fyOf } from '../../../src-main/domain/financial-year.ts';
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
