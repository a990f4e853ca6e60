import { describe, expect, it } from 'vitest';
import { sampleApp } from './purge-sample.ts';

/**
 * A purge erases households in id order (the order of their pages in the file), whatever order
 * they are due in or are given in: a mass purge then rewrites each page once (db/purge.ts).
 */
describe('purge of personal data', () => {
  it('erases the households in id order, not in the order they are due or given', async () => {
    const app = await sampleApp();
    const db = app.ctx.store.db;
    // Which household each erasure of a households row reached, in turn (this connection only).
    db.exec(`CREATE TEMP TABLE erased_order (id INTEGER NOT NULL)`);
    db.exec(`CREATE TEMP TRIGGER erased_in_turn AFTER UPDATE OF purged_at ON main.households
             BEGIN INSERT INTO erased_order (id) VALUES (new.id); END`);
    const due = (await app.call('data.listPurgeDue', {})).households.map((h) => h.id);
    const ascending = (ids: number[]) => ids.every((id, i) => i === 0 || ids[i - 1]! < id);
    // The list's own order (by due date) is not the ids': the test would prove nothing otherwise.
    expect(ascending(due)).toBe(false);
    const chosen = due.slice(0, 10).reverse();
    expect((await app.call('data.purgeHouseholds', { ids: chosen })).purged).toBe(10);
    const order = () => db.prepare('SELECT id FROM erased_order ORDER BY rowid').pluck().all() as number[];
    expect(order()).toEqual([...chosen].sort((a, b) => a - b));
    db.exec('DELETE FROM erased_order');
    const r = await app.call('data.purgeHouseholds', {});
    expect(r.purged).toBe(due.length - 10);
    expect(order()).toEqual(due.slice(10).sort((a, b) => a - b));
  });
});
