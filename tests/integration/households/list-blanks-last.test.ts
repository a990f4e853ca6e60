import { describe, expect, it } from 'vitest';
import { SORT_COLUMNS, type SortColumn } from '../../../src-main/contract/households.ts';
import { iterateList, listHouseholds, pipeline } from '../../../src-main/db/queries/households-list.ts';
import { STANDING_SINCE } from '../../../src-main/db/queries/households-order.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';

/** The column each sort is by (its lead): a household with none there is a blank of that sort. */
const LEAD: Record<SortColumn, string> = {
  reference: 'reference',
  name: 'surname',
  pathway: 'pathway',
  stage: 'stage',
  // No stage date, or ended (closed or ceased): no days in a stage.
  daysInStage: `(${STANDING_SINCE})`,
  source: 'source',
  enquiryDate: 'enquiry_date',
  status: 'status',
  nextAlert: 'next_alert_date',
};

/**
 * Sorting the households list by a column some households leave blank (a name, a source, an
 * enquiry date…) lists those households last, ascending and descending alike: a worker sorting by
 * name sees names first, never a page of blanks (SQLite alone puts NULL first ascending).
 */
describe('households list, blanks last', () => {
  it('lists households with no value in the sorted column after all the others, both ways, on every page', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 1500, seed: 9, today: TODAY });
    // Blanks as real files and a purge leave them: no source, no name at all, a first name alone,
    // no first name, no enquiry date (so no stage date at the enquiry stage).
    db.exec(`
      UPDATE households SET source = NULL WHERE id % 4 = 1;
      UPDATE households SET surname = NULL, first_name = NULL WHERE id % 6 = 2;
      UPDATE households SET surname = NULL WHERE id % 6 = 5;
      UPDATE households SET first_name = NULL WHERE id % 10 = 3;
      UPDATE households SET enquiry_date = NULL WHERE id % 9 = 4;
      UPDATE households SET stage_date = NULL WHERE id % 9 = 4 AND stage = 'enquiry';
    `);
    const blankOf = new Map<SortColumn, Set<number>>();
    for (const sort of SORT_COLUMNS) {
      const ids = db
        .prepare(`SELECT id FROM households WHERE ${LEAD[sort]} IS NULL`)
        .pluck()
        .all() as number[];
      blankOf.set(sort, new Set(ids));
    }
    for (const sort of ['name', 'source', 'enquiryDate', 'daysInStage', 'nextAlert'] as const)
      expect(blankOf.get(sort)!.size, `${sort} has blanks to place`).toBeGreaterThan(50);
    for (const sort of SORT_COLUMNS)
      for (const dir of ['asc', 'desc'] as const) {
        const what = `by ${sort} ${dir}`;
        const blank = blankOf.get(sort)!;
        const all = [...iterateList(db, { sort, dir }, TODAY)].map((r) => r.id);
        const firstBlank = all.findIndex((id) => blank.has(id));
        const cut = firstBlank < 0 ? all.length : firstBlank;
        // Every household with a value, then every one without: no blank before a value.
        expect(
          all.slice(cut).every((id) => blank.has(id)),
          what,
        ).toBe(true);
        expect(all.length - cut, what).toBe(blank.size);
        // Each page the screen asks for, a far one read from the other end too, is that list's slice.
        for (const offset of [0, 300, Math.floor(all.length / 2) + 1, cut - 10, all.length - 30]) {
          const page = listHouseholds(db, { sort, dir }, { offset, limit: 25 }, TODAY);
          expect(
            page.rows.map((r) => r.id),
            `${what} at ${offset}`,
          ).toEqual(all.slice(offset, offset + 25));
        }
      }
    // What a recruitment worker sees: sorted by name or source, the first page holds names or sources.
    for (const dir of ['asc', 'desc'] as const) {
      const byName = listHouseholds(db, { sort: 'name', dir }, { offset: 0, limit: 50 }, TODAY);
      expect(
        byName.rows.every((r) => r.name !== ''),
        `name ${dir}`,
      ).toBe(true);
      const bySource = listHouseholds(db, { sort: 'source', dir }, { offset: 0, limit: 50 }, TODAY);
      expect(
        bySource.rows.every((r) => r.source !== null),
        `source ${dir}`,
      ).toBe(true);
    }
  });

  it('sorted by pathway, stage or status, lists each value’s households with no enquiry date last, both ways, on every page', async () => {
    // Within a value the list runs on by enquiry date; a carers register's households (no enquiry
    // date) stood first in their value ascending, before the oldest enquiry.
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 1500, seed: 4, today: TODAY });
    db.exec('UPDATE households SET enquiry_date = NULL WHERE id % 7 = 3');
    type Row = { id: number; pathway: string; stage: string; status: string; enquiry_date: string | null };
    const rows = db.prepare<[], Row>('SELECT id, pathway, stage, status, enquiry_date FROM households').all();
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    /** The order a spreadsheet gives: the value, then the enquiry date with blanks last, then the id. */
    const expected = (
      sort: 'pathway' | 'stage' | 'status',
      dir: 'asc' | 'desc',
      keep: (r: Row) => boolean,
    ) => {
      const sign = dir === 'asc' ? 1 : -1;
      return rows
        .filter(keep)
        .sort(
          (a, b) =>
            sign * cmp(a[sort], b[sort]) ||
            Number(a.enquiry_date === null) - Number(b.enquiry_date === null) ||
            sign * cmp(a.enquiry_date ?? '', b.enquiry_date ?? '') ||
            sign * cmp(a.id, b.id),
        )
        .map((r) => r.id);
    };
    const filters = [
      { filter: {}, keep: () => true },
      // Most households (walked in sort mode), and few (found by their index, then sorted).
      { filter: { status: 'closed' as const }, keep: (r: Row) => r.status === 'closed' },
      { filter: { pathway: 'kinship' as const }, keep: (r: Row) => r.pathway === 'kinship' },
    ];
    for (const sort of ['pathway', 'stage', 'status'] as const)
      for (const dir of ['asc', 'desc'] as const)
        for (const { filter, keep } of filters) {
          const what = `by ${sort} ${dir} ${JSON.stringify(filter)}`;
          const all = expected(sort, dir, keep);
          expect(all.length, what).toBeGreaterThan(30);
          expect(
            [...iterateList(db, { ...filter, sort, dir }, TODAY)].map((r) => r.id),
            what,
          ).toEqual(all);
          for (const offset of [0, 40, Math.floor(all.length / 2) + 1, all.length - 30]) {
            const page = listHouseholds(db, { ...filter, sort, dir }, { offset, limit: 25 }, TODAY);
            expect(
              page.rows.map((r) => r.id),
              `${what} at ${offset}`,
            ).toEqual(all.slice(offset, offset + 25));
          }
        }
  });

  it('the pipeline lists each stage’s households longest in it first, one with no stage date last', async () => {
    // An open enquiry with no date (a file that gave none) stood at the top of the Enquiry column.
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 400, seed: 5, today: TODAY });
    const undated = db
      .prepare(
        "SELECT id FROM households WHERE status = 'open' AND stage = 'enquiry' AND pathway = 'mainstream' ORDER BY id LIMIT 2",
      )
      .pluck()
      .all() as number[];
    expect(undated).toHaveLength(2);
    for (const id of undated)
      db.prepare('UPDATE households SET stage_date = NULL, enquiry_date = NULL WHERE id = ?').run(id);
    for (const pathway of [undefined, 'mainstream'] as const) {
      const enquiries = pipeline(db, pathway, 1000, TODAY).find((c) => c.stage === 'enquiry')!;
      const ids = enquiries.households.map((h) => h.id);
      expect(enquiries.count, String(pathway)).toBe(ids.length);
      expect(ids.slice(-2), String(pathway)).toEqual(undated);
      const days = enquiries.households.slice(0, -2).map((h) => h.days!);
      expect(days.length, String(pathway)).toBeGreaterThan(3);
      expect(days, String(pathway)).toEqual([...days].sort((a, b) => b - a));
    }
  });
});
