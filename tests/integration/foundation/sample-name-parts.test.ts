import { describe, expect, it, vi } from 'vitest';
import { nameParts } from '../../../src-main/db/name-parts.ts';
import { prepared } from '../../../src-main/db/prepared.ts';
import { searchPartsOf } from '../../../src-main/domain/search-parts.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

type Names = { first_name: string | null; surname: string | null };

/**
 * The sample writes each household's own name parts with the household (nameParts.add) and, after
 * its carers, only what their names add (nameParts.addPeople): together what the rule gives for
 * the household with its carers (searchPartsOf), each part written once.
 */
describe("the sample's name parts", () => {
  it("are every household's own and its carers', as the rule gives them", async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    generateSample(db, { households: 2000, seed: 7, today: '2026-11-26' });
    const people = db.prepare('SELECT first_name, surname FROM household_people WHERE household_id = ?');
    const held = db
      .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
      .pluck();
    const households = db.prepare('SELECT id, first_name, surname FROM households').all() as Array<
      Names & { id: number }
    >;
    let withCarersParts = 0;
    for (const h of households) {
      const want = searchPartsOf(h, people.all(h.id) as Names[]).sort();
      expect(held.all(h.id), String(h.id)).toEqual(want);
      if (want.length) withCarersParts++;
    }
    // Couples' second carers' first names, at least.
    expect(withCarersParts).toBeGreaterThan(100);
  });

  it("adds a carer's parts beside a household's own, writing none of its own again", async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    db.prepare(
      `INSERT INTO households (id, reference, pathway, first_name, surname, status, stage, created_at, updated_at)
       VALUES (1, 'S1', 'mainstream', 'Mary-Ann', 'Van den Berg', 'open', 'enquiry', '', '')`,
    ).run();
    const h = { first_name: 'Mary-Ann', surname: 'Van den Berg' };
    const carers = [h, { first_name: 'Kofi', surname: 'Van den Berg-Mensah' }];
    const parts = nameParts(db);
    parts.add(1, h);
    expect(db.prepare('SELECT part FROM household_name_parts ORDER BY part').pluck().all()).toEqual(
      [...searchPartsOf(h)].sort(),
    );
    // The connection's one insert of a part (db/prepared.ts), as name-parts.ts runs it.
    const insert = prepared(
      db,
      'INSERT OR IGNORE INTO household_name_parts (part, household_id) VALUES (?, ?)',
    );
    const runs = vi.spyOn(insert, 'run');
    parts.addPeople(1, h, carers);
    expect(runs.mock.calls.map(([part]) => part).sort()).toEqual([
      'bergmensah',
      'denbergmensah',
      'kofi',
      'mensah',
      'vandenbergmensah',
    ]);
    expect(db.prepare('SELECT part FROM household_name_parts ORDER BY part').pluck().all()).toEqual(
      [...searchPartsOf(h, carers)].sort(),
    );
  });
});
