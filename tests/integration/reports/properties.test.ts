import * as fc from 'fast-check';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NOT_COLLECTED,
  NOT_RECORDED,
  REPORT_TABLES,
  type Report,
  type ReportRow,
} from '../../../src-main/contract/reports.ts';
import { addDays } from '../../../src-main/domain/dates.ts';
import { fyOf, quarterOf } from '../../../src-main/domain/financial-year.ts';
import { OPEN_STAGES } from '../../../src-main/domain/stages.ts';
import { isSmall } from '../../../src-main/reports/suppress.ts';
import { percentCell } from '../../../src-main/export/safe-cells.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, type EpisodeFacts, type HouseholdFacts } from './fixture.ts';

/**
 * Random households (both pathways, re-enquiries, drop-outs at every stage, cessations),
 * dated around the financial years 2020/21 to 2024/25, then properties every table must keep.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20) > 200 ? 200 : Number(process.env.FUZZ_RUNS ?? 20);
const STEPS = ['eoi', 'stage1', 'stage2', 'panel', 'approval'] as const;
const DROPOUT = ['lost_contact', 'circumstances', 'process', 'other', 'counselled_out'];
const LEAVING = ['permanence', 'transfer_ifa', 'personal_circumstances', 'other'];

const episodeArb = fc.record({
  start: fc.integer({ min: 0, max: 6 * 365 }),
  gaps: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 0, maxLength: 5 }),
  close: fc.boolean(),
  reason: fc.constantFrom(...DROPOUT),
  endedBy: fc.constantFrom('applicant', 'service', 'lost_contact' as const),
  interview: fc.constantFrom(undefined, 'offered', 'held', 'declined' as const),
});
const householdArb = fc.record({
  kinship: fc.boolean(),
  source: fc.constantFrom('website', 'event', 'radio', null, 'Leaflet'),
  episodes: fc.array(episodeArb, { minLength: 1, maxLength: 2 }),
  cease: fc.option(
    fc.record({ after: fc.integer({ min: 0, max: 900 }), reason: fc.constantFrom(...LEAVING) }),
  ),
});

type RandomHousehold = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

function toFacts(raw: RandomHousehold[]): HouseholdFacts[] {
  return raw.map((h, i) => {
    let cursor = addDays('2019-06-01', 0);
    let approvedOn: string | null = null;
    const episodes: EpisodeFacts[] = [];
    for (const e of h.episodes) {
      if (approvedOn) break;
      const enquiry = addDays(cursor, e.start % 700);
      const milestones: EpisodeFacts['milestones'] = { enquiry };
      let last = enquiry;
      e.gaps.forEach((g: number, k: number) => {
        last = addDays(last, g);
        milestones[STEPS[k]!] = last;
      });
      if (milestones.approval) approvedOn = milestones.approval;
      const reached = OPEN_STAGES.filter((s) => s === 'enquiry' || milestones[s]).at(-1)!;
      const closed = !milestones.approval && (e.close || h.episodes.length > 1);
      episodes.push({
        milestones,
        closure: closed
          ? {
              date: addDays(last, 10),
              stage: reached,
              reason: e.reason,
              endedBy: e.endedBy,
              interview: e.interview,
            }
          : undefined,
      });
      cursor = addDays(last, 20);
    }
    return {
      reference: `R${String(i).padStart(4, '0')}`,
      pathway: h.kinship ? 'kinship' : 'mainstream',
      source: h.source,
      episodes,
      cessation:
        approvedOn && h.cease
          ? { date: addDays(approvedOn, h.cease.after), reason: h.cease.reason }
          : undefined,
    };
  });
}

const optionsArb = fc.record({
  from: fc.constantFrom('2019/20', '2020/21', '2021/22'),
  to: fc.constantFrom('2022/23', '2023/24', '2024/25'),
  quarterly: fc.boolean(),
  pathway: fc.constantFrom('mainstream', 'kinship', 'all' as const),
});

let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
});

async function load(facts: HouseholdFacts[]) {
  // better-sqlite3 frees a statement's native memory in a task after it is collected; a property
  // whose runs only await promises never gives that task a turn, and in one CI run the tables'
  // statements grew past all the memory there was. The app's doors (IPC, HTTP) yield between calls.
  await new Promise((resolve) => setImmediate(resolve));
  const db = app.ctx.store.db;
  db.transaction(() => {
    db.prepare('DELETE FROM households').run();
    for (const f of facts) addHousehold(db, f);
  })();
}

const num = (v: unknown) => (typeof v === 'number' ? v : NaN);

/** Rate rows and the counts they are built from, written out independently of the table modules. */
function rateParts(report: Report, row: ReportRow): [string, string] | null {
  const funnel: Record<string, [string, string]> = {
    enquiry_to_stage2: ['stage2', 'enquiries'],
    eoi_to_stage2: ['stage2', 'eoi'],
    stage2_to_approved: ['approved', 'stage2'],
    enquiry_to_approved: ['approved', 'enquiries'],
    eoi_to_approved: ['approved', 'eoi'],
  };
  if (report.table === 'funnel') return funnel[row.key] ?? null;
  if (report.table === 'cohort') return [row.key.replace(/_rate$/, ''), 'households'];
  if (report.table === 'retention') return ['ceased', 'households_start'];
  if (report.table === 'timescales') return ['over_8_months', 'application_panel_n'];
  if (report.table === 'diversity') return [row.key.replace(/^share_/, ''), 'recorded'];
  if (report.table === 'sources') {
    const [k, m] = row.key.split(':') as [string, string];
    return [`${k}:${m.replace(/_rate$/, '')}`, k];
  }
  return null;
}

const tables = (options: object) =>
  Promise.all(REPORT_TABLES.map((table) => app.call('reports.getTable', { table, options })));

describe('report properties on random households', () => {
  it('every rate equals its counts’ ratio to one decimal place; no rate on a zero denominator', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(householdArb, { maxLength: 40 }), optionsArb, async (raw, options) => {
        await load(toFacts(raw));
        for (const report of await tables(options)) {
          for (const row of report.rows.filter((r) => r.kind === 'rate')) {
            const [n, d] = rateParts(report, row)!;
            const nums = report.rows.find((r) => r.key === n)!.values;
            const dens = report.rows.find((r) => r.key === d)!.values;
            for (const c of report.columns) {
              const v = row.values[c.key];
              // No rate where the denominator is 0, or not recorded (a children-in-care profile not typed).
              if (dens[c.key] === 0 || dens[c.key] === NOT_RECORDED) expect(v).toBeNull();
              else {
                expect(Math.abs(num(v) - (100 * num(nums[c.key])) / num(dens[c.key]))).toBeLessThanOrEqual(
                  0.05 + 1e-9,
                );
                expect(Math.round(num(v) * 10)).toBeCloseTo(num(v) * 10, 9);
              }
            }
          }
          // A count is a whole number, "not recorded" where the records cannot give it (never 0), or
          // "not collected" where the collection does not ask for it (the return's family and friends enquiries).
          for (const row of report.rows.filter((r) => r.kind === 'count')) {
            for (const v of Object.values(row.values)) {
              expect(
                Number.isInteger(v) || v === NOT_RECORDED || v === NOT_COLLECTED,
                `${report.table} ${row.key}`,
              ).toBe(true);
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('funnel counts equal a count of the generated milestones by financial year or quarter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(householdArb, { maxLength: 40 }), optionsArb, async (raw, options) => {
        const facts = toFacts(raw);
        await load(facts);
        const r = await app.call('reports.getTable', { table: 'funnel', options });
        const kinds = {
          enquiries: 'enquiry',
          eoi: 'eoi',
          stage1: 'stage1',
          stage2: 'stage2',
          approved: 'approval',
        } as const;
        for (const [row, kind] of Object.entries(kinds)) {
          const expected: Record<string, number> = Object.fromEntries(r.columns.map((c) => [c.key, 0]));
          for (const f of facts) {
            if (options.pathway !== 'all' && f.pathway !== options.pathway) continue;
            for (const e of f.episodes) {
              const date = e.milestones[kind];
              if (!date) continue;
              const key = options.quarterly ? quarterOf(date) : fyOf(date);
              if (key in expected) expected[key]!++;
            }
          }
          expect(r.rows.find((x) => x.key === row)!.values).toEqual(expected);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('no cohort stage count exceeds the one before it, and households = open + closed + approved', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(householdArb, { maxLength: 40 }), optionsArb, async (raw, options) => {
        await load(toFacts(raw));
        const r = await app.call('reports.getTable', { table: 'cohort', options });
        const v = (k: string, c: string) => num(r.rows.find((x) => x.key === k)!.values[c]);
        for (const { key: c } of r.columns) {
          const chain = ['households', 'eoi', 'stage1', 'stage2', 'panel', 'approved'].map((k) => v(k, c));
          for (let i = 1; i < chain.length; i++) expect(chain[i]).toBeLessThanOrEqual(chain[i - 1]!);
          expect(v('open', c) + v('closed', c) + v('approved', c)).toBe(v('households', c));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('suppression hides every 1–4, never leaves a total able to reveal a hidden cell, and prints no rate from one', async () => {
    await fc.assert(
      // Enough households that totals pass 4 while single cells do not: where suppression matters.
      fc.asyncProperty(
        fc.array(householdArb, { minLength: 20, maxLength: 150 }),
        optionsArb,
        async (raw, options) => {
          await load(toFacts(raw));
          const plain = await tables({ ...options, suppress: false });
          const hidden = await tables({ ...options, suppress: true });
          hidden.forEach((report, t) => {
            const open = plain[t]!;
            for (const view of [report, ...report.sections]) {
              const openView =
                view === report ? open : open.sections.find((s) => s.key === (view as { key: string }).key)!;
              const rows = view.rows;
              const isHidden = (k: string, c: string) => rows.find((r) => r.key === k)!.values[c] === '<5';
              for (const row of rows.filter((r) => r.kind === 'count')) {
                const before = openView.rows.find((r) => r.key === row.key)!.values;
                for (const c of view.columns) {
                  const was = num(before[c.key]);
                  if (before[c.key] === NOT_RECORDED || before[c.key] === NOT_COLLECTED)
                    expect(row.values[c.key]).toBe(before[c.key]);
                  else if (was >= 1 && was <= 4) expect(row.values[c.key]).toBe('<5');
                  else if (row.values[c.key] !== '<5') expect(row.values[c.key]).toBe(was);
                }
              }
              // Totals: every row and column that has a total must hide none or at least two cells.
              const keys = view.columns.map((c) => c.key);
              if (keys.includes('total')) {
                for (const row of rows) expect(keys.filter((c) => isHidden(row.key, c)).length).not.toBe(1);
              }
              if (rows.some((r) => r.key === 'total') && report.table !== 'sources') {
                for (const c of keys) expect(rows.filter((r) => isHidden(r.key, c)).length).not.toBe(1);
              }
              if (report.table === 'sources') {
                for (const c of keys) {
                  for (const suffix of ['', ':eoi', ':approved']) {
                    const group = rows.filter(
                      (r) => r.kind === 'count' && (suffix ? r.key.endsWith(suffix) : !r.key.includes(':')),
                    );
                    expect(group.filter((r) => isHidden(r.key, c)).length).not.toBe(1);
                  }
                }
              }
              if (report.table === 'retention') {
                // Approvals and cessations are printed by the recruitment and leaving tables, and by
                // quarter a year's first start and last end by the annual table: where those three
                // figures give the fourth, no cell this table hides can protect it. Nor where those
                // tables give the cell itself: a quarter's approvals or cessations whose year's other
                // quarters they print, with the year's figure.
                const published = (k: string, c: string) =>
                  k === 'approved' ||
                  k === 'ceased' ||
                  (options.quarterly && k === 'households_start' && c.endsWith('Q1')) ||
                  (options.quarterly && k === 'households_end' && c.endsWith('Q4'));
                const givenElsewhere = (k: string, c: string) =>
                  options.quarterly &&
                  (k === 'approved' || k === 'ceased') &&
                  keys
                    .filter((q) => q !== c && q.slice(0, 7) === c.slice(0, 7))
                    .every((q) => !isHidden(k, q));
                keys.forEach((c, i) => {
                  // With one pathway, the carer households that moved between pathways too.
                  const related = [
                    'households_start',
                    'approved',
                    'moved_in',
                    'moved_out',
                    'ceased',
                    'households_end',
                  ].filter((k) => rows.some((r) => r.key === k));
                  const alone = related.filter((k) => isHidden(k, c));
                  if (alone.length === 1) {
                    expect(isSmall(num(openView.rows.find((r) => r.key === alone[0])!.values[c]))).toBe(true);
                    const others = related.filter((k) => k !== alone[0]);
                    expect(others.every((k) => published(k, c)) || givenElsewhere(alone[0]!, c)).toBe(true);
                  }
                  if (i + 1 < keys.length)
                    expect(isHidden('households_end', c)).toBe(isHidden('households_start', keys[i + 1]!));
                });
              }
              if (report.table === 'cohort') {
                for (const c of keys) {
                  expect(
                    ['households', 'open', 'closed', 'approved'].filter((k) => isHidden(k, c)).length,
                  ).not.toBe(1);
                }
              }
              for (const row of rows.filter((r) => r.kind === 'rate')) {
                const [n, d] = rateParts(report, row)!;
                for (const c of keys) if (isHidden(n, c) || isHidden(d, c)) expect(row.values[c]).toBeNull();
              }
            }
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('xlsx and csv exports hold exactly the JSON’s cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(householdArb, { maxLength: 30 }),
        optionsArb,
        fc.boolean(),
        fc.constantFrom(...REPORT_TABLES),
        async (raw, o, suppress, table) => {
          await load(toFacts(raw));
          const options = { ...o, suppress };
          const report = await app.call('reports.getTable', { table, options });
          // In xlsx a rate is Excel's own percentage, its cell the fraction (11.6% is 0.116: percentCell).
          const expectedIn = (format: 'xlsx' | 'csv') =>
            [report, ...report.sections].flatMap((v) =>
              v.rows.map((r) => [
                r.label,
                ...v.columns.map((c) => {
                  const value = r.values[c.key] ?? '–';
                  return format === 'xlsx' && r.kind === 'rate' && typeof value === 'number'
                    ? percentCell(value)
                    : value;
                }),
              ]),
            );
          for (const format of ['xlsx', 'csv'] as const) {
            const expected = expectedIn(format);
            const file = await app.call('reports.exportTable', { tables: [table], options, format });
            const bytes = Buffer.from(file.base64, 'base64');
            const wb =
              format === 'xlsx'
                ? XLSX.read(bytes)
                : XLSX.read(bytes.toString('utf8').replace(/^\uFEFF/, ''), { type: 'string' });
            const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, {
              header: 1,
              defval: '',
            });
            const labels = new Set(expected.map((e) => e[0]));
            const got = grid
              .filter((line) => labels.has(line[0] as string) && line.length > 1)
              // A section may have fewer columns than the main table (the backtest's accuracy).
              .map((line, i) => line.slice(0, expected[i]?.length ?? line.length));
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
