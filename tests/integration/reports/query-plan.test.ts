import { describe, expect, it } from 'vitest';
import { REPORT_TABLES, type ReportTableKey } from '../../../src-main/contract/reports.ts';
import { writeApplicationBasis } from '../../../src-main/db/journey-dates.ts';
import { APPLICATION_BASES } from '../../../src-main/domain/journey-dates.ts';
import { periods, resolveOptions } from '../../../src-main/reports/period.ts';
import { buildReport } from '../../../src-main/reports/report.ts';
import { TABLES } from '../../../src-main/reports/tables.ts';
import { planOf, plansOf } from '../../support/query-plans.ts';
import { testApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

const TODAY = '2026-11-26';

/** The seven counted tables read the episodes record only; the others (planning, Ofsted, diversity) have their own sources. */
const COUNTED = ['funnel', 'cohort', 'dropout', 'leaving', 'retention', 'timescales', 'sources'] as const;
const OTHERS = REPORT_TABLES.filter((t) => !(COUNTED as readonly string[]).includes(t));

/**
 * At a million households a counted table reads the episodes table (db/episodes.ts) and nothing
 * else of the journey: no milestones rebuilt into episodes, no household joined for its current
 * pathway or source. Every read is one covering index (the table itself is never read, so no
 * lookup per episode); the reason list and the typed-in targets are small lookups.
 */
function expectEpisodeIndexesOnly(table: ReportTableKey, sql: string, plan: string[]) {
  for (const line of plan) {
    const read = /^(SCAN|SEARCH) (\S+)/.exec(line);
    if (!read) continue;
    // Lookups, not journeys: the reason list, and the targets typed in (planning_figures, by index);
    // and an episode's own list (json_each: the reasons its cessation's exit interview gave, a
    // value of the row, itself read from the covering index), no table; and a subquery's rows (the
    // drop-out table's closures by day, sorted into quarters), read from the index on a line of its own.
    if (
      read[2] === 'reasons' ||
      /^SCAN \(subquery-\d+\)$/.test(line) ||
      read[2] === 'CONSTANT' ||
      /^SEARCH (settings|planning_figures) USING/.test(line) ||
      // Where the records begin (reports/records-begin.ts): each dated step's first entry of its index.
      /^SEARCH journey_dates USING COVERING INDEX \w+ \(kind=\?\)$/.test(line) ||
      /^SCAN json_each VIRTUAL TABLE\b/.test(line)
    )
      continue;
    expect(read[2], `${table}: ${sql}`).toBe('episodes');
    expect(line, `${table}: ${sql}`).toMatch(/USING COVERING INDEX episodes_by_\w+/);
  }
}

describe('report query plans', () => {
  it.each(COUNTED)(
    '%s reads only covering indexes of the episodes table, for every pathway, period and application basis',
    async (table) => {
      const app = await testApp();
      const db = app.ctx.store.db;
      addSmallFixture(db);
      for (const [basis, pathway] of APPLICATION_BASES.flatMap((b) =>
        (['mainstream', 'kinship', 'all'] as const).map((p) => [b, p] as const),
      )) {
        writeApplicationBasis(db, basis);
        for (const quarterly of [false, true]) {
          const options = { pathway, quarterly, suppress: false };
          const plans = plansOf(db, () => buildReport(db, table, options, TODAY));
          expect(plans.some((p) => /\bepisodes\b/.test(p.sql))).toBe(true);
          for (const { sql, plan } of plans) expectEpisodeIndexesOnly(table, sql, plan);

          // Drill-downs select the households behind a cell through the same index.
          const o = resolveOptions(options, TODAY);
          const built = TABLES[table].build(db, o, TODAY);
          const column = built.main.columns.find((c) => c.key !== 'total')?.key ?? periods(o)[0]!.key;
          for (const row of built.main.rows.filter((r) => r.kind === 'count')) {
            const q = TABLES[table].drill(db, o, '', row.key, column, TODAY);
            expect(q, `${table} ${row.key}`).not.toBeNull();
            expectEpisodeIndexesOnly(table, q!.sql, planOf(db, q!.sql));
          }
          // And a section's (the drop-out and leaving tables' exit interviews…) by its own columns.
          for (const section of built.sections) {
            const at = section.raw.columns.find((c) => c.key !== 'total')!.key;
            for (const row of section.raw.rows.filter((r) => r.kind === 'count')) {
              const q = TABLES[table].drill(db, o, section.key, row.key, at, TODAY);
              expect(q, `${table} ${section.key} ${row.key}`).not.toBeNull();
              expectEpisodeIndexesOnly(table, q!.sql, planOf(db, q!.sql));
            }
          }
        }
      }
    },
  );

  it('the enquiry passes (funnel, cohort, sources) stream in index order: no sort of every enquiry', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    for (const table of ['funnel', 'cohort', 'sources', 'dropout'] as const) {
      const plans = plansOf(db, () =>
        buildReport(db, table, { pathway: 'mainstream', quarterly: true, suppress: false }, TODAY),
      );
      for (const { sql, plan } of plans) {
        plan.forEach((line, i) => {
          if (/COVERING INDEX episodes_by_(enquiry|closure)\b/.test(line)) {
            expect(plan[i + 1] ?? '', `${table}: ${sql}`).not.toMatch(/TEMP B-TREE/);
          }
        });
      }
    }
  });

  it('the timescales table counts its six plain intervals in their indexes order: no sort of every episode', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    // Each index leads with the interval's two dates (initial visit then enquiry, …): its episodes
    // are counted by the pair as read, and only the pairs are sorted by period and days (at
    // 1,000,000 households ~22,000 pairs for ~310,000 initial visits).
    for (const pathway of ['mainstream', 'all'] as const) {
      for (const quarterly of [false, true]) {
        const plans = plansOf(db, () =>
          buildReport(db, 'timescales', { pathway, quarterly, suppress: false }, TODAY),
        );
        // Where the records begin (records-begin.ts) is one entry of each step's index, not a count.
        const counts = plans.filter(({ sql }) => !/^SELECT MIN\(|LIMIT 1$/.test(sql.trim()));
        const unsorted = counts.flatMap(({ plan }) =>
          plan.filter((line, i) => /^SEARCH episodes\b/.test(line) && !/TEMP B-TREE/.test(plan[i + 1] ?? '')),
        );
        expect(unsorted, JSON.stringify(plans.map((p) => p.plan))).toHaveLength(6);
      }
    }
  });

  it('the drop-out table by quarter reads the closure index once, not once for each quarter', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    // The index leads with the reason, so each read of it is a scan of every closure: five years by
    // quarter read it 20 times (~20 times the table by years' time at 1,000,000 households).
    const options = {
      from: '2020/21',
      to: '2024/25',
      pathway: 'all',
      quarterly: true,
      suppress: false,
    } as const;
    const reads = plansOf(db, () => buildReport(db, 'dropout', options, TODAY)).filter(({ plan }) =>
      plan.some((line) => /INDEX episodes_by_closure\b/.test(line)),
    );
    expect(reads).toHaveLength(1);
  });

  it('the drop-out table counts its held exit interviews in their index’s order: no sort of every interview', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    // At 1,000,000 households ~280,000 held interviews over five years, sorted by period they took
    // more of the table's time than its closures; grouped as read, only ~39,000 groups are sorted.
    for (const pathway of ['mainstream', 'all'] as const) {
      for (const quarterly of [false, true]) {
        const reads = plansOf(db, () =>
          buildReport(db, 'dropout', { pathway, quarterly, suppress: false }, TODAY),
        ).filter(({ plan }) => plan.some((line) => /INDEX episodes_by_closure_interview\b/.test(line)));
        expect(reads).toHaveLength(1);
        const { sql, plan } = reads[0]!;
        const at = plan.findIndex((line) => /INDEX episodes_by_closure_interview\b/.test(line));
        expect(plan[at + 1] ?? '', `${sql}\n${plan.join('\n')}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('the kinship table and its drills read the kinship episodes from their own index, never the whole table', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    // Migration 36's partial index holds the episodes ever on the kinship pathway (a tenth at
    // 1,000,000 households) with every column the table reads: the table itself is not read.
    const fromIndex = (sql: string, plan: string[]) => {
      const reads = plan.filter((l) => /^(SCAN|SEARCH) e\b/.test(l));
      expect(reads, sql).toEqual(['SCAN e USING COVERING INDEX episodes_by_kinship']);
    };
    for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
      for (const quarterly of [false, true]) {
        const options = { pathway, quarterly, suppress: false };
        const plans = plansOf(db, () => buildReport(db, 'kinship', options, TODAY));
        const reads = plans.filter((p) => /\bFROM episodes e\b/.test(p.sql));
        expect(reads.length).toBeGreaterThan(0);
        for (const { sql, plan } of reads) fromIndex(sql, plan);
        const o = resolveOptions(options, TODAY);
        const built = TABLES.kinship.build(db, o, TODAY);
        const column = built.main.columns.find((c) => c.key !== 'total')!.key;
        for (const row of built.main.rows.filter((r) => r.kind === 'count')) {
          const q = TABLES.kinship.drill(db, o, '', row.key, column, TODAY);
          expect(q, row.key).not.toBeNull();
          fromIndex(q!.sql, planOf(db, q!.sql));
        }
      }
    }
  });

  it.each(['forecast', 'forecast-backtest'] as const)(
    '%s reads the episodes by ranges of the primary key: no index or table read whole',
    async (table) => {
      const app = await testApp();
      const db = app.ctx.store.db;
      addSmallFixture(db);
      for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
        const plans = plansOf(db, () =>
          buildReport(db, table, { pathway, quarterly: false, suppress: false }, TODAY),
        );
        expect(plans.some((p) => p.plan.some((l) => /^SEARCH e USING PRIMARY KEY/.test(l)))).toBe(true);
        // The span of household ids too: min() and max() in one query scanned a whole index.
        for (const { sql, plan } of plans) {
          for (const line of plan) if (/^SCAN /.test(line)) expect(line, sql).toMatch(/^SCAN CONSTANT ROW/);
        }
      }
    },
  );

  it.each(OTHERS)('%s reads only through indexes, for every pathway and application basis', async (table) => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    // Application received has its own index on the default basis (migration 14); on the EOI
    // basis the enquiry index carries every date of the rule (migration 15).
    for (const [basis, pathway] of APPLICATION_BASES.flatMap((b) =>
      (['mainstream', 'kinship', 'all'] as const).map((p) => [b, p] as const),
    )) {
      writeApplicationBasis(db, basis);
      const plans = plansOf(db, () =>
        buildReport(db, table, { pathway, quarterly: false, suppress: false }, TODAY),
      );
      expect(plans.length).toBeGreaterThan(0);
      for (const { sql, plan } of plans) {
        for (const line of plan) {
          // The reason list is a handful of rows (json_each: the Ofsted return's leaving reason keys
          // of one deregistration category, bound as one parameter); the episodes table is itself the
          // one-row-per-episode record, so a single pass over it is the floor a planning figure that
          // needs every episode can reach; the purge ledger (l) is read once to name the erased
          // households (diversity), each then found by its reference index; the kinship table reads its
          // episodes once into a small set (k) and counts each row from it; the diversity table's
          // households with anyone entered (hp) are the distinct keys of the people's household index,
          // itself read covering; the Ofsted return's households approved at 31 March (h) are read
          // once, in household order, from migration 30's index of approved episodes by household;
          // everything else must be indexed.
          if (
            /^SCAN (reasons|CONSTANT ROW|p|ep|x|json_each|e|l|k|hp|h)\b/.test(line) ||
            /^SCAN \(subquery/.test(line)
          )
            continue;
          if (/^SCAN /.test(line)) expect(line, sql).toMatch(/COVERING INDEX/);
        }
      }
    }
  });
});
