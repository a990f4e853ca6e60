import { describe, expect, it } from 'vitest';
import { SORT_COLUMNS, type ListFilter } from '../../../src-main/contract/households.ts';
import { iterateList, listHouseholds, listSql } from '../../../src-main/db/queries/households-list.ts';
import {
  columnCountSql,
  countSearch,
  SEARCH_COLUMNS,
  searchCountSql,
} from '../../../src-main/db/queries/households-search.ts';
import { countByStatus } from '../../../src-main/db/queries/household-lookups.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { foldForSearch } from '../../../src-main/domain/fold.ts';
import { nameParts } from '../../../src-main/db/name-parts.ts';
import { testApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';

/**
 * The list's faster plans (a search counted from its indexes, a broad search walking the sort
 * index, a far page read from the other end) must give exactly the page the plain query gives:
 * every row of the filtered list in order (`iterateList`, one SELECT with no LIMIT), sliced.
 */
describe('households list pages', () => {
  it('match the plain ordered list for searches, filters, every sort, and pages near either end', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 7, today: TODAY });
    // An email that starts with the surname too: a household matching "patel" twice counts once.
    db.prepare(
      "UPDATE households SET surname = 'Patel', email = 'patel.x@example.org' WHERE id % 7 = 0",
    ).run();
    const filters: ListFilter[] = [
      {},
      { search: 'patel' },
      { search: 'a' },
      { search: 'ff' },
      { search: 'ls' },
      { search: 'zzzz' },
      { search: 'a k' },
      { search: 'patel ff' },
      { search: 'a k', status: 'closed' },
      { search: 'patel', status: 'open' },
      { status: 'closed' },
      { stage: 'enquiry', pathway: 'mainstream' },
    ];
    let checked = 0;
    for (const filter of filters) {
      for (const sort of SORT_COLUMNS) {
        for (const dir of ['asc', 'desc'] as const) {
          const f = { ...filter, sort, dir };
          const all = [...iterateList(db, f, TODAY)].map((r) => r.id);
          // Both plans give the same first page, whichever the list would choose at this size.
          for (const mode of ['filter', 'sort'] as const) {
            const q = listSql(f, mode);
            const ids = db.prepare(q.page).all(...q.params, 25, 0) as Array<{ id: number }>;
            expect(
              ids.map((r) => r.id),
              `${JSON.stringify(f)} (${mode})`,
            ).toEqual(all.slice(0, 25));
          }
          for (const offset of [
            0,
            40,
            Math.floor(all.length / 2),
            all.length - 30,
            all.length - 3,
            all.length + 5,
          ]) {
            if (offset < 0) continue;
            const page = listHouseholds(db, f, { offset, limit: 25 }, TODAY);
            expect(page.total, `${JSON.stringify(f)} total`).toBe(all.length);
            expect(
              page.rows.map((r) => r.id),
              `${JSON.stringify(f)} at ${offset}`,
            ).toEqual(all.slice(offset, offset + 25));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(filters.length * SORT_COLUMNS.length * 2 * 5);
  });

  it('by enquiry date, every mix of filters gives the page a list ordered in JavaScript gives, in both plans', async () => {
    // Each plan marks different filter columns to keep or leave their index (IN_SORT_ORDER): the
    // reference here is the households read plainly and filtered and ordered in JavaScript, not
    // another SQL plan, so a plan that dropped or reordered rows is caught.
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 11, today: TODAY });
    const rows = db
      .prepare('SELECT id, stage, status, pathway, source, enquiry_date, overdue FROM households')
      .all() as Array<{
      id: number;
      stage: string;
      status: string;
      pathway: string;
      source: string | null;
      enquiry_date: string | null;
      overdue: number;
    }>;
    const values: Partial<ListFilter> = {
      stage: 'stage1',
      status: 'closed',
      pathway: 'mainstream',
      source: rows.find((r) => r.source)!.source!,
      fy: '2024/25',
      overdue: false,
    };
    const keys = Object.keys(values) as Array<keyof typeof values>;
    let checked = 0;
    for (let mask = 0; mask < 1 << keys.length; mask++) {
      const filter: ListFilter = {};
      for (const [i, k] of keys.entries()) if (mask & (1 << i)) Object.assign(filter, { [k]: values[k] });
      const kept = rows.filter(
        (r) =>
          (!filter.stage || r.stage === filter.stage) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.pathway || r.pathway === filter.pathway) &&
          (!filter.source || r.source === filter.source) &&
          (!filter.fy ||
            (r.enquiry_date !== null && r.enquiry_date >= '2024-04-01' && r.enquiry_date <= '2025-03-31')) &&
          (filter.overdue === undefined || r.overdue === (filter.overdue ? 1 : 0)),
      );
      for (const dir of ['asc', 'desc'] as const) {
        // An enquiry with no date comes last both ways (blanks last, as the list shows it), by id.
        const up = (a: (typeof kept)[number], b: (typeof kept)[number]) =>
          (a.enquiry_date ?? '').localeCompare(b.enquiry_date ?? '') || a.id - b.id;
        const dated = kept.filter((r) => r.enquiry_date !== null).sort(up);
        const blank = kept.filter((r) => r.enquiry_date === null).sort(up);
        if (dir === 'desc') {
          dated.reverse();
          blank.reverse();
        }
        const ordered = [...dated, ...blank].map((r) => r.id);
        for (const mode of ['filter', 'sort'] as const) {
          const q = listSql({ ...filter, sort: 'enquiryDate', dir }, mode);
          for (const offset of [0, Math.floor(ordered.length / 2), Math.max(0, ordered.length - 10)]) {
            const ids = (db.prepare(q.page).all(...q.params, 25, offset) as Array<{ id: number }>).map(
              (r) => r.id,
            );
            expect(ids, `${JSON.stringify(filter)} ${dir} (${mode}) at ${offset}`).toEqual(
              ordered.slice(offset, offset + 25),
            );
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(64 * 2 * 2 * 3);
  });

  it('by next alert, households with no alert come last both ways, on every page of both plans', async () => {
    // Sorted ▲ the list began with thousands of closed and approved households (no alert: NULL, which
    // SQLite puts first ascending) before the most overdue one. The reference is ordered in JavaScript.
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 12, today: TODAY });
    const rows = db
      .prepare('SELECT id, status, overdue, next_alert_date AS due FROM households')
      .all() as Array<{
      id: number;
      status: string;
      overdue: number;
      due: string | null;
    }>;
    const dated = rows.filter((r) => r.due !== null).length;
    expect(dated).toBeGreaterThan(20);
    expect(rows.length - dated).toBeGreaterThan(20);
    const filters: Array<[ListFilter, (r: (typeof rows)[number]) => boolean]> = [
      [{}, () => true],
      [{ status: 'open' }, (r) => r.status === 'open'],
      [{ status: 'closed' }, (r) => r.status === 'closed'],
      [{ overdue: false }, (r) => r.overdue === 0],
    ];
    for (const [filter, keep] of filters)
      for (const dir of ['asc', 'desc'] as const) {
        const sign = dir === 'asc' ? 1 : -1;
        const ordered = rows
          .filter(keep)
          .sort(
            (a, b) =>
              (a.due === null ? 1 : 0) - (b.due === null ? 1 : 0) ||
              sign * (a.due ?? '').localeCompare(b.due ?? '') ||
              sign * (a.id - b.id),
          )
          .map((r) => r.id);
        const f: ListFilter = { ...filter, sort: 'nextAlert', dir };
        const what = `${JSON.stringify(filter)} ${dir}`;
        expect(
          [...iterateList(db, f, TODAY)].map((r) => r.id),
          what,
        ).toEqual(ordered);
        for (const mode of ['filter', 'sort'] as const) {
          const q = listSql(f, mode);
          expect(
            (db.prepare(q.page).all(...q.params, 25, 0) as Array<{ id: number }>).map((r) => r.id),
            `${what} (${mode})`,
          ).toEqual(ordered.slice(0, 25));
        }
        // Pages past the middle are read from the other end.
        for (const offset of [0, Math.floor(ordered.length / 2) + 1, ordered.length - 30, ordered.length - 3])
          expect(
            listHouseholds(db, f, { offset, limit: 25 }, TODAY).rows.map((r) => r.id),
            `${what} at ${offset}`,
          ).toEqual(ordered.slice(offset, offset + 25));
      }
  });

  it('count a one-word search exactly, however its matches spread over the columns', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 8, today: TODAY });
    db.prepare("UPDATE households SET email = lower(surname) || '@example.org' WHERE id % 3 = 0").run();
    db.prepare(
      'UPDATE households SET first_name = NULL, first_name_fold = NULL, email = NULL WHERE id % 11 = 0',
    ).run();
    // As a hand edit of the name would (refreshSummaries): a carer's first name that the household's
    // own first name covered is now a search word of its own.
    const parts = nameParts(db);
    for (const id of db.prepare('SELECT id FROM households WHERE id % 11 = 0').pluck().all() as number[])
      parts.syncHousehold(id);
    const rows = db
      .prepare('SELECT id, reference, first_name_fold, surname_fold, email, postcode FROM households')
      .all() as Array<Record<string, string | null> & { id: number }>;
    // A household is found by its carers' own names too (migration 35): every start of a carer's
    // first name or surname, or of a later part of it, folded and with its spaces dropped.
    const carerStarts = new Map<number, string[]>();
    for (const p of db
      .prepare('SELECT household_id, first_name, surname FROM household_people')
      .all() as Array<{ household_id: number; first_name: string | null; surname: string | null }>)
      for (const name of [p.first_name, p.surname]) {
        const words = (name ?? '').split(/[\s-]+/).filter(Boolean);
        const list = carerStarts.get(p.household_id) ?? [];
        for (let i = 0; i < words.length; i++) list.push(foldForSearch(words.slice(i).join('')));
        carerStarts.set(p.household_id, list);
      }
    expect(carerStarts.size, 'the sample has carers').toBeGreaterThan(0);
    for (const word of ['a', 'pa', 'Kh', 'ff00', 'LS', 'smith', 'zzz', 'e', 'wi', 'jo']) {
      const w = word.toLowerCase();
      const expected = rows.filter(
        (r) =>
          SEARCH_COLUMNS.some((c) => r[c]?.toLowerCase().startsWith(w)) ||
          (carerStarts.get(r.id) ?? []).some((s) => s.startsWith(w)),
      ).length;
      expect(countSearch(db, word), word).toBe(expected);
      const u = searchCountSql([word]);
      expect(
        db
          .prepare(u.sql)
          .pluck()
          .get(...u.params),
        `${word} by UNION`,
      ).toBe(expected);
    }
  });

  it('the search counts are answered by indexes (EXPLAIN QUERY PLAN)', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 500, seed: 9, today: TODAY });
    const plan = (q: { sql: string; params: string[] }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as Array<{ detail: string }>).map(
        (p) => p.detail,
      );
    const union = plan(searchCountSql(['patel']));
    expect(union.filter((d) => /^SCAN households\b/.test(d))).toEqual([]);
    expect(union.filter((d) => d.startsWith('SEARCH households USING COVERING INDEX'))).toHaveLength(5);
    const layered = plan(columnCountSql('patel', 'email', ['surname_fold', 'first_name_fold']));
    expect(layered).toEqual([
      'SEARCH households USING INDEX households_by_email_nocase (email>? AND email<?)',
    ]);
    expect(plan(columnCountSql('patel', 'surname_fold', []))).toEqual([
      'SEARCH households USING COVERING INDEX households_by_name_fold (surname_fold>? AND surname_fold<?)',
    ]);
  });

  it('the status counts (every screen waits for them) match a GROUP BY, and leave out statuses no household has', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    expect(countByStatus(db)).toEqual([]);
    generateSample(db, { households: 1500, seed: 10, today: TODAY });
    const byGroup = () =>
      db.prepare('SELECT status, COUNT(*) AS n FROM households GROUP BY status').all() as Array<{
        status: string;
        n: number;
      }>;
    const sorted = (rows: Array<{ status: string; n: number }>) =>
      [...rows].sort((a, b) => a.status.localeCompare(b.status));
    expect(sorted(countByStatus(db))).toEqual(sorted(byGroup()));
    expect(byGroup().length).toBe(4);
    db.prepare("UPDATE households SET status = 'open' WHERE status = 'ceased'").run();
    expect(sorted(countByStatus(db))).toEqual(sorted(byGroup()));
    expect(countByStatus(db).map((r) => r.status)).not.toContain('ceased');
  });
});
