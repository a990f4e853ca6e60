import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { PurgeCandidate, PurgeResult, RetentionRule } from '../../../src-main/contract/data.ts';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { REPORT_PATHWAYS, type Report } from '../../../src-main/contract/reports.ts';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import type { ImportResult } from '../../../src-main/contract/imports.ts';
import { setClock, today } from '../../../src-main/clock.ts';
import { addDays, formatUkDate } from '../../../src-main/domain/dates.ts';
import { fyEnd, fyOf, fyRange } from '../../../src-main/domain/financial-year.ts';
import {
  JOURNEY_DATE_KINDS,
  KINSHIP_ONLY,
  type JourneyDateKind,
  type JourneyDates,
} from '../../../src-main/domain/journey-dates.ts';
import { checkJourneyDate, MILESTONE_PRECEDENTS } from '../../../src-main/domain/journey-date-order.ts';
import { checkMilestoneOrder } from '../../../src-main/domain/order-rules.ts';
import { PERSONAL_COLUMNS } from '../../../src-main/db/erase.ts';
import { cellIn } from '../../../src-main/db/subject-access.ts';
import { MILESTONES, stageReached, type Milestone } from '../../../src-main/domain/stages.ts';
import { leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Random sequences of what users do to a few households (hand edits, closures, re-enquiries,
 * approvals, cessations, dated pathway switches, the journey's dated steps (panel minutes, viability
 * request and outcome, reg 24 placement, reg 25 extension, IRM review) recorded, corrected and
 * removed by hand and carried by files, merges, imports of small csv files, old exports imported
 * again, carers registers that approve, cease (some cessations refused: before the approval, before
 * the row's or the stored dated steps, in the future, with no approval), restate or move a standing
 * cessation, for known households and new references, undo), purges of the households whose
 * retention period has passed (the clock moved on to it) and subject access exports, through the
 * contract as the UI calls it, on a real SQLite file, with the clock moving forward. After every
 * step the invariants the README and the domain brief state are checked. Seeded: a failure names
 * its seed and step, and runs again the same way.
 */
// The suite runs three seeds (~25 s). Seeds that found a bug did so in the mix of steps of their day
// (9: a closure's stage after an import added an earlier milestone; 16: a pathway switch dated
// before the last one; 11, once the dated steps joined: a switch dated on the enquiry day counted
// the episode under the old pathway), and adding a kind of step changes what every seed does, so
// each bug keeps a test of its own in found-by-random-journeys.test.ts. The three run by default are
// picked for the steps they take today: 8 and 4 each erase a household in a purge (9 and 16, the
// earlier pair, erased none once purges joined), and 8 imports an old export's rows into a
// household's earlier episode; 10 merges two households (neither of the others' merges succeeds),
// reads a subject access export as xlsx and purges the merged household. Re-pick them when a kind
// of step joins (JOURNEY_LOG=1 counts each).
// A longer hunt: JOURNEY_SEEDS=1,2,…,50 JOURNEY_STEPS=80; JOURNEY_LOG=1 prints what each run did
// (JOURNEY_LOG=all, every step).
const SEEDS = (process.env.JOURNEY_SEEDS ?? '8,4,10').split(',').map(Number);
const STEPS = Number(process.env.JOURNEY_STEPS ?? 40);
const FIRST_DAY = '2021-04-20';
const LAST_DAY = '2026-11-26';
/** The clock moves on to a retention period's end (carers': 10 years after ceasing), up to here. */
const HORIZON = '2040-03-31';
const FIRST_FY = '2020/21';
const REFS = (process.env.JOURNEY_HOUSEHOLDS ?? 'H1,H2,H3,H4').split(',');
const STAGES: Milestone[] = ['eoi', 'stage1', 'stage2', 'panel', 'approval'];
const DROPOUT = ['lost_contact', 'circumstances', 'process', 'counselled_out'];
const LEAVING = ['transfer_ifa', 'permanence', 'personal_circumstances'];
const SOURCES = ['website', 'event', 'radio'];

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const between = (rng: Rng, from: string, to: string) => {
  if (to <= from) return from;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rng.int(0, days));
};
const min = (...ds: Array<string | null | undefined>) =>
  ds.filter((d): d is string => !!d).reduce((a, b) => (a < b ? a : b), '9999-12-31');

// ---------- what is stored ----------

/** Every table of the journey, each row as text, sorted: two dumps equal means nothing stored changed. */
function dump(app: TestApp, tables = JOURNEY_TABLES): Record<string, string[]> {
  const db = app.ctx.store.db;
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM ${t}`).all() as Array<Record<string, unknown>>;
    out[t] = rows
      .map((r) => {
        // Bookkeeping a read refreshes (the overdue flag follows the day).
        const { overdue: _o, ...rest } = r;
        return JSON.stringify(t === 'households' ? rest : r);
      })
      .sort();
  }
  return out;
}
const JOURNEY_TABLES = [
  'households',
  'milestones',
  'closures',
  'cessations',
  'pathway_changes',
  'episodes',
  'field_sources',
  'journey_dates',
  'exit_interviews',
  'household_people',
  'approval_terms',
];
const ALL_TABLES = [...JOURNEY_TABLES, 'audit_log', 'import_batches', 'import_row_marks'];

/** The rows of one household (by id) in each journey table. */
function rowsOf(d: Record<string, string[]>, id: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [t, rows] of Object.entries(d)) {
    out[t] = rows.filter((r) => {
      const o = JSON.parse(r) as Record<string, unknown>;
      return (t === 'households' ? o.id : o.household_id) === id;
    });
  }
  return out;
}

// ---------- what the reports say ----------

const YEAR_TABLES = [
  'funnel',
  'cohort',
  'leaving',
  'retention',
  'timescales',
  'sources',
  'kinship',
  'forecast-backtest',
  'diversity',
] as const;

/**
 * Tables that count an enquiry's cohort (what the households that enquired in a year went on to
 * reach): a later step of an episode belongs to its enquiry's year there, by definition.
 */
const byCohort = (key: string) => /^(cohort|sources|diversity)\|/.test(key);

type Cells = Map<string, { fy: string; value: unknown }>;

function addCells(cells: Cells, prefix: string, r: Report, fyOfColumn: (col: string) => string | null) {
  const rowsets: Array<[string, Report['rows']]> = [
    ['', r.rows],
    ...r.sections.map((s): [string, Report['rows']] => [s.key, s.rows]),
  ];
  for (const [section, rows] of rowsets)
    for (const row of rows)
      for (const [col, value] of Object.entries(row.values)) {
        const fy = fyOfColumn(col);
        if (fy) cells.set(`${prefix}|${section}|${row.key}|${col}`, { fy, value });
      }
}

/** Every cell of every table of past years, each with the financial year it belongs to. */
async function reportCells(app: TestApp): Promise<Cells> {
  const cells: Cells = new Map();
  const to = fyOf(today());
  const years = fyRange(FIRST_FY, to);
  for (const table of YEAR_TABLES)
    for (const pathway of REPORT_PATHWAYS)
      for (const quarterly of [false, true]) {
        const r = await app.call('reports.getTable', {
          table,
          options: { from: FIRST_FY, to, pathway, quarterly, suppress: false },
        });
        addCells(cells, `${table}|${pathway}|${quarterly}`, r, (col) =>
          /^\d{4}\/\d{2}/.test(col) ? col.slice(0, 7) : null,
        );
      }
  for (const fy of years) {
    for (const pathway of REPORT_PATHWAYS) {
      const r = await app.call('reports.getTable', {
        table: 'dropout',
        options: { from: fy, to: fy, pathway, quarterly: false, suppress: false },
      });
      addCells(cells, `dropout|${pathway}|${fy}`, r, () => fy);
    }
    const r = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: fy, to: fy, pathway: 'all', quarterly: false, suppress: false },
    });
    addCells(cells, `ofsted|${fy}`, r, () => fy);
  }
  return cells;
}

/** Cells of years ended before `date` that differ between two readings. */
function changedBefore(before: Cells, after: Cells, date: string, skip: (key: string) => boolean) {
  const out: string[] = [];
  for (const [key, b] of before) {
    if (fyEnd(b.fy) >= date || skip(key)) continue;
    const a = after.get(key);
    if (JSON.stringify(a?.value) !== JSON.stringify(b.value))
      out.push(`${key}: ${JSON.stringify(b.value)} -> ${JSON.stringify(a?.value)}`);
  }
  return out;
}

// ---------- the households' own rules ----------

function checkJourney(h: HouseholdRecord, fromRegister: boolean): string[] {
  const bad: string[] = [];
  const say = (m: string) => bad.push(`${h.reference}: ${m}`);
  const episodes = new Map<number, Partial<Record<Milestone, string>>>();
  for (const m of h.milestones) {
    const e = episodes.get(m.episode) ?? {};
    if (e[m.kind]) say(`two ${m.kind} in episode ${m.episode}`);
    e[m.kind] = m.date;
    episodes.set(m.episode, e);
  }
  for (let n = 1; n <= h.episode; n++) {
    const dates = episodes.get(n);
    // A carers register's household holds its approval alone (none, once it is removed by hand):
    // its first episode starts at its earliest date.
    if (!dates?.enquiry && !(fromRegister && n === 1)) {
      say(`episode ${n} has no enquiry`);
      continue;
    }
    if (!dates) continue;
    const start = min(...Object.values(dates));
    // Order rules hold within every episode (checked against the last day, not "in the future").
    for (const v of checkMilestoneOrder(dates, HORIZON)) say(`episode ${n}: ${v.message}`);
    const closures = h.closures.filter((c) => c.episode === n);
    if (closures.length > 1) say(`episode ${n} has ${closures.length} closures`);
    const closure = closures[0];
    if (n < h.episode) {
      if (!closure) say(`earlier episode ${n} was never closed`);
      const next = episodes.get(n + 1)?.enquiry;
      if (closure && next && next < closure.date)
        say(`episode ${n + 1} enquired ${next}, before episode ${n}'s closure ${closure.date}`);
    }
    // The dated steps of every episode follow the order rules (each after the step or milestone it
    // follows from, an outcome with its result, an extension with its reason), whoever recorded them.
    const steps = h.journeyDates.filter((j) => j.episode === n);
    const journey: JourneyDates = Object.fromEntries(steps.map((j) => [j.kind, j]));
    for (const j of steps) {
      if (steps.filter((x) => x.kind === j.kind).length > 1) say(`two ${j.kind} in episode ${n}`);
      // The pathway rule is checked below (a step dated before a switch to kinship is taken by design).
      // Nothing of an episode after its ending: its closure, or (the current one's) the cessation.
      const ending =
        closure !== undefined
          ? ({ what: 'closure', date: closure.date } as const)
          : n === h.episode && h.cessation
            ? ({ what: 'cessation', date: h.cessation.date } as const)
            : null;
      // A purge erases an extension's reason (free text); the extension stays.
      const held = h.purged && j.kind === 'extension' && !j.reason ? { ...j, reason: '(erased)' } : j;
      const bad = checkJourneyDate(j.kind, held, {
        pathway: 'kinship',
        milestones: dates,
        journey,
        today: HORIZON,
        ending,
      });
      if (bad) say(`episode ${n}: ${bad}`);
    }
    // A kinship step sits only on an episode that has been on kinship.
    const kinshipStep = steps.find((j) => KINSHIP_ONLY.has(j.kind));
    const switched = h.pathwayChanges.some((c) => c.date >= start);
    if (kinshipStep && n === h.episode && h.pathway !== 'kinship' && !switched)
      say(`episode ${n} was never on kinship but has its ${kinshipStep.kind}`);
    if (closure) {
      if (dates.approval) say(`episode ${n} is approved and closed`);
      const latest = MILESTONES.filter((k) => dates[k]).reduce((a, k) => (dates[k]! > a ? dates[k]! : a), '');
      if (closure.date < latest) say(`episode ${n} closed ${closure.date} before its milestone ${latest}`);
      let reached = stageReached(MILESTONES.filter((k) => dates[k] && dates[k]! <= closure.date));
      // A kinship household's viability request (made while on kinship) is its application: Stage 1 at least.
      const request = journey.viability_request?.date;
      const onKinship = (d: string) =>
        ([...h.pathwayChanges].sort((a, b) => (a.date < b.date ? -1 : 1)).find((c) => c.date > d)?.from ??
          h.pathway) === 'kinship';
      if (
        (reached === 'enquiry' || reached === 'eoi') &&
        request &&
        request <= closure.date &&
        onKinship(request)
      )
        reached = 'stage1';
      if (closure.stageReached !== reached)
        say(`episode ${n} closed at ${closure.stageReached}, its dates say ${reached}`);
    }
  }
  for (const c of h.closures)
    if (c.episode > h.episode) say(`closure of episode ${c.episode} > ${h.episode}`);
  for (const m of h.milestones) if (m.episode > h.episode) say(`milestone of episode ${m.episode}`);
  const current = episodes.get(h.episode) ?? {};
  const currentClosure = h.closures.find((c) => c.episode === h.episode);
  if (h.cessation) {
    if (!current.approval) say('ceased without an approval in its current episode');
    else if (h.cessation.date < current.approval)
      say(`ceased ${h.cessation.date} before its approval ${current.approval}`);
  }
  const status = h.cessation ? 'ceased' : current.approval ? 'approved' : currentClosure ? 'closed' : 'open';
  if (h.status !== status) say(`status ${h.status}, its record says ${status}`);
  if (h.enquiryDate !== (current.enquiry ?? null))
    say(`enquiry date ${h.enquiryDate}, current episode's ${current.enquiry}`);
  // The response is the current episode's, on or after its enquiry (a re-opening clears it).
  if (h.respondedDate && current.enquiry && h.respondedDate < current.enquiry)
    say(`answered ${h.respondedDate}, before its current enquiry ${current.enquiry}`);
  return bad;
}

// ---------- the world: households and files ----------

interface World {
  app: TestApp;
  rng: Rng;
  /** reference -> id, for the households that exist. */
  ids: Map<string, number>;
  /** Files imported so far, by name, to import again later. */
  files: Array<{ name: string; text: string; batch: number | null }>;
  /** Before each import that landed: the journey tables, whether anything has changed since, and its step. */
  imports: Map<number, { before: Record<string, string[]>; after: Record<string, string[]>; step: number }>;
  log: string[];
  /** Steps chosen together, taken one at a time. */
  queue: Step[];
  /** Households a carers register created: no enquiry. */
  fromRegister: Set<number>;
  /** Purged households (by a purge, or made by an import under a purged reference), with the step of the latest purge. */
  purged: Map<number, number>;
  /** Purged households written to by hand since: due again once their period passes (README). */
  typedSince: Set<number>;
  /** The purge ledger: reference -> the day of its latest purge. */
  ledger: Map<string, string>;
  /**
   * Each merge's entry, carried by later merges to the household holding it now (`holder`), until
   * a purge of that household erases it (its reference then enters the ledger, unless a household
   * holds it again).
   */
  merges: Array<{ reference: string; holder: string; on: string; erased: boolean }>;
  /** The retention periods Settings hold (years), and whether the EOI or the Stage 1 start is the application. */
  retention: Record<RetentionRule, number>;
  basis: 'stage1' | 'eoi';
}

// ---------- retention and subject access ----------

/** Reg 32 and local policy as the README states them: each period's setting, its minimum and its words. */
const RETENTION: ReadonlyArray<
  readonly [
    RetentionRule,
    'enquirerYears' | 'applicantYears' | 'carerYears' | 'connectedPersonYears',
    number,
    string,
  ]
> = [
  ['enquirer', 'enquirerYears', 1, 'Enquirers who never applied'],
  ['applicant', 'applicantYears', 3, 'Withdrawn or refused applicants'],
  ['carer', 'carerYears', 10, 'Carers'],
  ['connected_person', 'connectedPersonYears', 10, 'Connected persons'],
];
/** An application: the Stage 1 start or any later milestone, or from the EOI where Settings say so. */
const applied = (basis: 'stage1' | 'eoi'): ReadonlySet<Milestone> =>
  new Set([...(basis === 'eoi' ? ['eoi' as const] : []), 'stage1', 'stage2', 'panel', 'approval']);

/** `years` whole years after `ended`: the anniversary, 1 March for 29 February in a year without one. */
function periodEnd(ended: string, years: number): string {
  const y = Number(ended.slice(0, 4)) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return ended.slice(5) === '02-29' && !leap ? `${y}-03-01` : `${y}${ended.slice(4)}`;
}

/**
 * When a household falls due for purge, from its record (README "Purge"): closed or ceased, never
 * open or approved; carers 10 years after ceasing; a household ever on kinship or placed with under
 * reg 24, 10 years after its latest closure; an applicant (the Stage 1 start or later, or the EOI
 * where Settings count it) 3 years after; an enquirer 1 year (Settings may lengthen each). A purged
 * household is due again only for what was typed into it by hand since.
 */
function expectedDue(w: World, h: HouseholdRecord): PurgeCandidate | null {
  if (h.status !== 'closed' && h.status !== 'ceased') return null;
  if (w.purged.has(h.id) && !w.typedSince.has(h.id)) return null;
  const endedOn =
    h.status === 'ceased' ? h.cessation?.date : h.closures.find((c) => c.episode === h.episode)?.date;
  if (!endedOn) return null;
  const kinship =
    h.pathway === 'kinship' ||
    h.pathwayChanges.some((c) => c.from === 'kinship' || c.to === 'kinship') ||
    h.journeyDates.some((j) => j.kind === 'reg24_placement');
  const rule: RetentionRule =
    h.status === 'ceased'
      ? 'carer'
      : kinship
        ? 'connected_person'
        : h.milestones.some((m) => applied(w.basis).has(m.kind))
          ? 'applicant'
          : 'enquirer';
  return {
    id: h.id,
    reference: h.reference,
    name: '',
    rule,
    endedOn,
    dueFrom: periodEnd(endedOn, w.retention[rule]),
  };
}

type Row = Record<string, unknown>;
interface Exported {
  householdId: number;
  tables: Record<string, Row[]>;
}

async function exportOf(w: World, id: number): Promise<{ text: string; body: Exported }> {
  const file = await w.app.call('data.exportHousehold', { id, format: 'json' });
  const text = Buffer.from(file.base64, 'base64').toString('utf8');
  return { text, body: JSON.parse(text) as Exported };
}

/** What the subject access export holds against what the record shows: a few fields of each part. */
function exportDiffers(h: HouseholdRecord, body: Exported): string[] {
  const bad: string[] = [];
  const t = body.tables;
  const same = (what: string, held: unknown[], shown: unknown[]) => {
    const a = held.map((x) => JSON.stringify(x)).sort();
    const b = shown.map((x) => JSON.stringify(x)).sort();
    if (JSON.stringify(a) !== JSON.stringify(b))
      bad.push(`${what}: export ${a.join(' ')}; record ${b.join(' ')}`);
  };
  if (body.householdId !== h.id) bad.push(`household ${body.householdId}, not ${h.id}`);
  const row = t.households?.[0] ?? {};
  same(
    'details',
    [[row.reference, row.first_name, row.surname, row.pathway, row.status, row.episode, row.enquiry_date]],
    [[h.reference, h.firstName, h.surname, h.pathway, h.status, h.episode, h.enquiryDate]],
  );
  if ((row.purged_at != null) !== h.purged)
    bad.push(`purged_at ${String(row.purged_at)}, record ${h.purged}`);
  same(
    'milestones',
    (t.milestones ?? []).map((m) => [m.episode, m.kind, m.date]),
    h.milestones.map((m) => [m.episode, m.kind, m.date]),
  );
  same(
    'dated steps',
    (t.journey_dates ?? []).map((j) => [j.episode, j.kind, j.date, j.detail, j.reason]),
    h.journeyDates.map((j) => [j.episode, j.kind, j.date, j.detail, j.reason]),
  );
  same(
    'closures',
    (t.closures ?? []).map((c) => [c.episode, c.date, c.stage_reached, c.reason_key, c.ended_by]),
    h.closures.map((c) => [c.episode, c.date, c.stageReached, c.reasonKey, c.endedBy]),
  );
  same(
    'cessation',
    (t.cessations ?? []).map((c) => [c.date, c.notice_date, c.reason_key, c.initiated_by]),
    h.cessation
      ? [[h.cessation.date, h.cessation.noticeDate, h.cessation.reasonKey, h.cessation.initiatedBy]]
      : [],
  );
  same(
    'exit interviews',
    (t.exit_interviews ?? []).map((i) => [
      i.status,
      i.offered_date,
      i.held_date,
      i.closure_id,
      i.cessation_id,
    ]),
    h.exitInterviews.map((i) => [i.status, i.offeredDate, i.heldDate, i.closureId, i.cessationId]),
  );
  same(
    'exit interview reasons',
    (t.exit_interview_reasons ?? []).map((r) => r.reason_key),
    h.exitInterviews.flatMap((i) => i.reasons),
  );
  same(
    'pathway changes',
    (t.pathway_changes ?? []).map((c) => [c.date, c.from_pathway, c.to_pathway]),
    h.pathwayChanges.map((c) => [c.date, c.from, c.to]),
  );
  return bad;
}

/** The personal values a purged household's export still holds (its by-hand history's; an import's are dates and keys). */
const keepsOnlyReference = (v: unknown) =>
  typeof v === 'string' && JSON.stringify(Object.keys(JSON.parse(v) as object)) === '["reference","id"]';

function personalValues(body: Exported): string[] {
  const out: string[] = [];
  for (const [table, columns] of Object.entries(PERSONAL_COLUMNS)) {
    if (table === 'people_profiles') continue; // derived from the people, checked there
    for (const r of body.tables[table] ?? []) {
      if (table === 'audit_log' && r.batch_id != null) continue;
      // A merge's entry keeps the duplicate's reference and id, no name (db/erase.ts KEPT_AFTER_ERASURE).
      const mergedAway = table === 'audit_log' && r.action === 'merge' && r.field === 'merged';
      for (const c of columns)
        if (r[c] != null && !(mergedAway && c === 'old_value' && keepsOnlyReference(r[c])))
          out.push(`${table}.${c} = ${JSON.stringify(r[c])}`);
    }
  }
  return out;
}

/**
 * What a purged household still holds of what the purge erased: no name in its record, history,
 * export or the list, and (unless typed into it by hand since) no personal value in its export.
 */
async function erasure(w: World, h: HouseholdRecord): Promise<string[]> {
  const bad: string[] = [];
  for (const k of [
    'firstName',
    'surname',
    'email',
    'telephone',
    'postcode',
    'notes',
    'householdType',
  ] as const)
    if (!w.typedSince.has(h.id) && h[k] !== null) bad.push(`its record's ${k} is ${h[k]}`);
  if (JSON.stringify(h).includes('Surname')) bad.push('its record names someone');
  const timeline = JSON.stringify(await w.app.call('households.getTimeline', { id: h.id }));
  if (timeline.includes('Surname')) bad.push('its history names someone');
  const { text, body } = await exportOf(w, h.id);
  if (text.includes('Surname')) bad.push('its subject access export names someone');
  if (!w.typedSince.has(h.id)) bad.push(...personalValues(body));
  return bad;
}

/** What a subject access export by a reference no household holds must say (README "Undo and subject access"). */
function goneMessage(w: World, reference: string): RegExp {
  const merge = w.merges.filter((m) => m.reference === reference && !m.erased).pop();
  if (merge)
    return new RegExp(`^${reference} was merged into ${merge.holder} on ${formatUkDate(merge.on)}: `);
  const purged = w.ledger.get(reference);
  if (purged)
    return new RegExp(
      `^No household holds the reference "${reference}" now: .*erased.* on ${formatUkDate(purged)}\\.$`,
    );
  return new RegExp(`^There is no household with the reference "${reference}"\\.$`);
}

/** The journey's dated steps as an export's columns (its result and reason follow them). */
const JOURNEY_COLUMNS: ReadonlyArray<readonly [JourneyDateKind, string]> = [
  ['panel_minutes', 'Panel Minutes Received'],
  ['viability_request', 'Viability Request Date'],
  ['viability_outcome', 'Viability Outcome Date'],
  ['reg24_placement', 'Reg 24 Placement Date'],
  ['extension', 'Reg 25 Extension Date'],
  ['irm_pending_from', 'IRM Pending'],
  ['irm_pending_to', 'IRM Concluded'],
];
const EXTENSION_REASON = 'Late medical report';

type Steps = Partial<Record<JourneyDateKind, { date: string; detail: string | null; reason: string | null }>>;

/** The current episode's dated steps. */
const stepsOf = (h: HouseholdRecord): Steps =>
  Object.fromEntries(h.journeyDates.filter((j) => j.episode === h.episode).map((j) => [j.kind, j]));

/** The date a step follows from (checkJourneyDate), if recorded. */
function stepAnchor(kind: JourneyDateKind, dates: Partial<Record<Milestone, string>>, steps: Steps) {
  switch (kind) {
    case 'panel_minutes':
      return dates.panel;
    case 'viability_request':
    case 'reg24_placement':
      return dates.enquiry;
    case 'viability_outcome':
      return steps.viability_request?.date;
    case 'extension':
    case 'irm_pending_from':
      return steps.reg24_placement?.date;
    case 'irm_pending_to':
      return steps.irm_pending_from?.date;
  }
}

/**
 * A step to record: the kinship journey's on a kinship household, panel minutes on any; mostly one
 * whose step or milestone before it is recorded (sometimes not, or on the other pathway: refused).
 */
function pickStepKind(
  rng: Rng,
  pathway: string,
  dates: Partial<Record<Milestone, string>>,
  steps: Steps,
): JourneyDateKind {
  const kinds = pathway === 'kinship' || rng.chance(0.1) ? JOURNEY_DATE_KINDS : (['panel_minutes'] as const);
  const ready = kinds.filter((k) => stepAnchor(k, dates, steps));
  return rng.pick(ready.length > 0 && !rng.chance(0.15) ? ready : kinds);
}

/** A new step's date, on or after what it follows from (sometimes not: the engine refuses it). */
function stepDate(
  rng: Rng,
  kind: JourneyDateKind,
  dates: Partial<Record<Milestone, string>>,
  steps: Steps,
  t: string,
) {
  const anchor = stepAnchor(kind, dates, steps) ?? dates.enquiry ?? t;
  return rng.chance(0.1) ? addDays(anchor, -rng.int(1, 30)) : between(rng, anchor, t);
}

const HEADER = [
  'Reference',
  'Enquiry Date',
  'Surname',
  'Source',
  'Pathway',
  'EOI Date',
  'Stage 1 Start',
  'Stage 2 Start',
  'Panel Date',
  'Approval Date',
  'Date Closed',
  'Closure Reason',
  'Closed By',
  ...JOURNEY_COLUMNS.map(([, header]) => header),
  'Viability Outcome',
  'Extension Reason',
  'Enquiry Answered',
];
const uk = (d: string | undefined | null) => (d ? formatUkDate(d) : '');

const ENDED_BY_WORDS: Record<string, string> = {
  lost_contact: 'Lost contact',
  applicant: 'Applicant',
  service: 'Service',
};
const otherPathway = (p: string) => (p === 'kinship' ? 'Mainstream' : 'Kinship');

/** A row as a CRM would export the household today: its current episode, sometimes a step further. */
function exportRow(h: HouseholdRecord, rng: Rng, t: string): string[] {
  const dates: Partial<Record<Milestone, string>> = {};
  for (const m of h.milestones) if (m.episode === h.episode) dates[m.kind] = m.date;
  const closure = h.closures.find((c) => c.episode === h.episode);
  let enquiry = dates.enquiry;
  let closed = closure?.date ?? '';
  let reason = closure?.reasonLabel ?? '';
  let by = closure ? ENDED_BY_WORDS[closure.endedBy]! : '';
  const last =
    STAGES.map((k) => dates[k])
      .filter(Boolean)
      .pop() ??
    enquiry ??
    t;
  if (closure && rng.chance(0.4)) {
    // The household enquired again after its closure.
    enquiry = between(rng, closure.date, t);
    for (const k of STAGES) delete dates[k];
    closed = reason = by = '';
  } else if (!closure && !h.cessation && rng.chance(0.5)) {
    // A step the app has not heard of yet, or a drop-out.
    const next = STAGES.find((k) => !dates[k]);
    if (next && rng.chance(0.75)) dates[next] = between(rng, last, t);
    else if (!dates.approval) {
      closed = between(rng, last, t);
      reason = 'Lost contact';
      by = 'Lost contact';
    }
  }
  // The dated steps the CRM holds: the episode's, sometimes one more, or one on another date.
  const steps: Steps = enquiry === dates.enquiry ? { ...stepsOf(h) } : {};
  if (enquiry === dates.enquiry && rng.chance(0.35)) {
    const k = pickStepKind(rng, h.pathway, dates, steps);
    const held = steps[k];
    if (held) steps[k] = { ...held, date: addDays(held.date, rng.int(-20, 20)) };
    else
      steps[k] = {
        date: stepDate(rng, k, dates, steps, t),
        detail: k === 'viability_outcome' ? rng.pick(['positive', 'negative']) : null,
        reason: k === 'extension' ? EXTENSION_REASON : null,
      };
  }
  const pathway = h.pathway === 'kinship' ? 'Kinship' : 'Mainstream';
  // When the enquiry was answered: as held, or news of it (sometimes before the enquiry: refused).
  const held = enquiry === dates.enquiry ? h.respondedDate : null;
  const answered =
    held && rng.chance(0.8)
      ? held
      : // A carers register's household holds no enquiry to answer.
        enquiry && rng.chance(0.4)
        ? rng.chance(0.1)
          ? addDays(enquiry, -rng.int(1, 10))
          : between(rng, enquiry, t)
        : null;
  return [
    h.reference,
    uk(enquiry),
    // The CRM still holds the name a purge erased here.
    h.surname ?? `Surname${h.reference}`,
    rng.chance(0.2) ? rng.pick(SOURCES) : (h.source ?? ''),
    rng.chance(0.15) ? otherPathway(h.pathway) : pathway,
    ...STAGES.map((k) => uk(dates[k])),
    uk(closed),
    reason,
    by,
    ...JOURNEY_COLUMNS.map(([k]) => uk(steps[k]?.date)),
    steps.viability_outcome?.detail === 'negative' ? 'Negative' : steps.viability_outcome ? 'Positive' : '',
    steps.extension?.reason ?? '',
    uk(answered),
  ];
}

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

async function get(w: World, ref: string): Promise<HouseholdRecord | null> {
  const id = w.ids.get(ref);
  return id === undefined ? null : w.app.call('households.getHousehold', { id });
}

interface Step {
  name: string;
  /** Facts of years ended before this date are not touched by the step (null: no such promise). */
  date: string | null;
  /** The cohort tables count an episode's later steps in its enquiry's year: the earliest enquiry touched. */
  cohortDate?: string | null;
  run: () => Promise<unknown>;
  /** After a successful run. */
  after?: (result: unknown) => void;
  /** After a successful run: what it must have done, from the stored rows before and after it. */
  check?: (before: Dump, after: Dump, fail: Fail) => void | Promise<void>;
  /** The household a hand edit writes to (a purged one holds details again: README "Purge"). */
  byHand?: number;
  /** Must be refused, saying this (set by the step as it runs); null: must not be refused. */
  expectRefused?: RegExp | null;
  /** Changes no report (a purge): every table of every year, as before. */
  reportsKept?: boolean;
}
type Dump = Record<string, string[]>;
type Fail = (what: string, detail: unknown) => never;

/** Chooses the next step from where the households stand now. */
async function chooseStep(w: World): Promise<Step> {
  const queued = w.queue.shift();
  if (queued) return queued;
  const { rng, app } = w;
  const t = today();
  const ref = rng.pick(REFS);
  const h = await get(w, ref);
  const roll = rng.next();
  if (roll < 0.07) {
    // Past the last day only on the way to a retention period's end.
    if (t >= LAST_DAY) return chooseStep(w);
    const days = rng.int(1, 150);
    const to = addDays(t, days) > LAST_DAY ? LAST_DAY : addDays(t, days);
    return { name: `clock -> ${to}`, date: null, run: async () => setClock(to) };
  }
  if (roll < 0.13) return purgeSteps(w, t);
  if (roll < 0.16) return accessStep(w, ref);
  if (!h) {
    const enquiryDate = between(rng, addDays(t, -500), t);
    const pathway = rng.chance(0.3) ? 'kinship' : 'mainstream';
    const source = rng.pick(SOURCES);
    const reference = `${ref}`;
    const erased = w.ledger.get(reference);
    return {
      name: `create ${reference} ${pathway} ${source} enquiry ${enquiryDate}`,
      date: enquiryDate,
      // A reference in the purge ledger is never given to a new household (README).
      expectRefused: erased
        ? new RegExp(
            `^Reference ${reference} belonged to a household whose personal details were erased on ${formatUkDate(erased)}; `,
          )
        : undefined,
      run: () =>
        app.call('households.createHousehold', {
          reference,
          pathway,
          enquiryDate,
          surname: `Surname${ref}`,
          source,
          confirmDuplicates: true,
        }),
      after: (r) => void w.ids.set(ref, (r as { id: number }).id),
    };
  }
  const id = h.id;
  const dates: Partial<Record<Milestone, string>> = {};
  for (const m of h.milestones) if (m.episode === h.episode) dates[m.kind] = m.date;
  const last =
    STAGES.map((k) => dates[k])
      .filter(Boolean)
      .pop() ??
    dates.enquiry ??
    t;
  const closure = h.closures.find((c) => c.episode === h.episode);
  const curEnquiry = dates.enquiry ?? null;
  const kinds = [
    'record',
    'record',
    'record',
    'approve',
    'correct',
    'remove',
    'close',
    'reopen',
    'cease',
    'switch',
    'source',
    'respond',
    'step',
    'step',
    'step',
    'merge',
    'import',
    'import',
    'register',
    'register',
    'oldImport',
    'undo',
    'interview',
  ] as const;
  const kind = rng.pick(kinds);
  switch (kind) {
    case 'record': {
      const k = STAGES.find((x) => !dates[x]) ?? 'approval';
      const date = between(rng, last, t);
      return {
        name: `record ${ref} ${k} ${date}`,
        date,
        cohortDate: curEnquiry,
        byHand: id,
        run: () => app.call('households.recordMilestone', { id, kind: k, date }),
      };
    }
    case 'approve': {
      // Every missing stage up to approval, each on or after the last (one step each, queued).
      let from = last;
      const steps: Step[] = [];
      for (const k of STAGES.filter((x) => !dates[x])) {
        const date = between(rng, from, t);
        from = date;
        steps.push({
          name: `record ${ref} ${k} ${date}`,
          date,
          cohortDate: curEnquiry,
          byHand: id,
          run: () => app.call('households.recordMilestone', { id, kind: k, date }),
        });
      }
      if (!steps.length) return chooseStep(w);
      w.queue.push(...steps.slice(1));
      return steps[0]!;
    }
    case 'correct': {
      const recorded = MILESTONES.filter((k) => dates[k]);
      const k = rng.pick(recorded);
      const old = dates[k]!;
      const date = addDays(old, rng.int(-40, 40));
      return {
        name: `correct ${ref} ${k} ${old} -> ${date}`,
        date: min(old, date),
        cohortDate: min(curEnquiry, date),
        byHand: id,
        run: () => app.call('households.correctMilestone', { id, kind: k, date, reason: 'typo' }),
      };
    }
    case 'remove': {
      const recorded = STAGES.filter((k) => dates[k]);
      if (!recorded.length) return chooseStep(w);
      const k = recorded[recorded.length - 1]!;
      return {
        name: `remove ${ref} ${k} ${dates[k]}`,
        date: dates[k]!,
        cohortDate: curEnquiry,
        byHand: id,
        run: () => app.call('households.removeMilestone', { id, kind: k, reason: 'wrong' }),
      };
    }
    case 'close': {
      const date = between(rng, last, t);
      const reasonKey = rng.pick(DROPOUT);
      const endedBy =
        reasonKey === 'lost_contact'
          ? 'lost_contact'
          : reasonKey === 'counselled_out'
            ? 'service'
            : 'applicant';
      return {
        name: `close ${ref} ${date} ${reasonKey}`,
        date,
        cohortDate: curEnquiry,
        byHand: id,
        run: () => app.call('households.closeHousehold', { id, date, reasonKey, endedBy }),
      };
    }
    case 'reopen': {
      const enquiryDate = between(rng, closure?.date ?? last, t);
      return {
        name: `reopen ${ref} ${enquiryDate}`,
        date: enquiryDate,
        cohortDate: enquiryDate,
        byHand: id,
        run: () => app.call('households.reopenHousehold', { id, enquiryDate }),
      };
    }
    case 'cease': {
      // A ceased household: the cessation was recorded by mistake and is taken back (approved again).
      if (h.cessation)
        return {
          name: `uncease ${ref} ${h.cessation.date}`,
          date: min(h.cessation.date, h.cessation.noticeDate),
          cohortDate: curEnquiry,
          byHand: id,
          run: () => app.call('households.removeCessation', { id, reason: 'recorded by mistake' }),
        };
      const date = between(rng, dates.approval ?? last, t);
      // A carer's resignation takes effect 28 days after notice: given as the notice alone, or both.
      const byCarer = rng.chance(0.5);
      const noticeDate = byCarer ? addDays(date, -rng.int(0, 60)) : undefined;
      const noticeOnly = byCarer && rng.chance(0.5);
      return {
        name: `cease ${ref} ${byCarer ? `notice ${noticeDate} ` : ''}${noticeOnly ? '' : date}`,
        date: min(date, noticeDate),
        cohortDate: curEnquiry,
        byHand: id,
        run: () =>
          app.call('households.ceaseHousehold', {
            id,
            ...(noticeOnly ? {} : { date }),
            ...(noticeDate ? { noticeDate } : {}),
            reasonKey: rng.pick(LEAVING),
            initiatedBy: byCarer ? 'carer' : 'service',
          }),
      };
    }
    case 'switch': {
      const lastSwitch = h.pathwayChanges
        .map((c) => c.date)
        .sort()
        .pop();
      // Mostly today, sometimes back to the enquiry or the last switch (the engine refuses some).
      const from = rng.chance(0.5) ? curEnquiry : (lastSwitch ?? curEnquiry);
      const date = rng.chance(0.5) ? t : between(rng, from ?? t, t);
      const pathway = h.pathway === 'kinship' ? 'mainstream' : 'kinship';
      // A kinship step dated on or after the switch changes pathway with it (README: a switch to
      // mainstream dated before a kinship step already recorded), so a viability request stops or
      // starts being the application, which the cohort tables count in the enquiry's year.
      const movesStep = Object.entries(stepsOf(h)).some(
        ([k, s]) => KINSHIP_ONLY.has(k as JourneyDateKind) && s!.date >= date,
      );
      return {
        name: `switch ${ref} -> ${pathway} from ${date}`,
        date,
        cohortDate: movesStep ? min(curEnquiry, date) : date,
        byHand: id,
        run: () => app.call('households.switchPathway', { id, pathway, date }),
      };
    }
    case 'step': {
      // A dated step of the current episode recorded, corrected or removed by hand.
      const steps = stepsOf(h);
      const k = pickStepKind(rng, h.pathway, dates, steps);
      const held = steps[k];
      if (held && rng.chance(0.3))
        return {
          name: `step remove ${ref} ${k} ${held.date}`,
          date: held.date,
          cohortDate: curEnquiry,
          byHand: id,
          run: () => app.call('households.removeJourneyDate', { id, kind: k, reason: 'wrong' }),
        };
      const date = held ? addDays(held.date, rng.int(-40, 40)) : stepDate(rng, k, dates, steps, t);
      const result = rng.pick(['positive', 'negative'] as const);
      return {
        name: `step ${held ? `correct ${ref} ${k} ${held.date} ->` : `record ${ref} ${k}`} ${date}`,
        date: min(held?.date, date),
        cohortDate: curEnquiry,
        byHand: id,
        run: () =>
          app.call('households.recordJourneyDate', {
            id,
            kind: k,
            date,
            ...(k === 'viability_outcome' ? { result } : {}),
            ...(k === 'extension' ? { extensionReason: EXTENSION_REASON } : {}),
            ...(held ? { correctionReason: 'typo' } : {}),
          }),
      };
    }
    case 'respond': {
      // The enquiry answered, mostly on or after it (sometimes not: refused); by hand only while open.
      const from = curEnquiry ?? t;
      const date = rng.chance(0.1) ? addDays(from, -rng.int(1, 10)) : between(rng, from, t);
      // A correction needs its reason (sometimes left out: refused).
      const reason = rng.chance(0.8) ? { correctionReason: 'typo' } : {};
      return {
        name: `respond ${ref} ${date}${'correctionReason' in reason ? '' : ' (no reason)'}`,
        date: curEnquiry,
        cohortDate: curEnquiry,
        byHand: id,
        run: () => app.call('households.recordResponse', { id, date, ...reason }),
      };
    }
    case 'source': {
      const source = rng.pick(SOURCES);
      return {
        name: `source ${ref} -> ${source}`,
        // Only the current episode follows the household's details.
        date: curEnquiry,
        cohortDate: curEnquiry,
        byHand: id,
        run: () => app.call('households.updateDetails', { id, source }),
      };
    }
    case 'interview': {
      // An exit interview after the household's ending (its cessation, else its latest closure): it
      // counts in the ending's period (the drop-out and leaving tables' coverage sections), so no
      // year before the ending changes. Sometimes dated before the ending (refused).
      const c = h.closures.at(-1);
      const ending = h.cessation
        ? { cessationId: h.cessation.id, date: min(h.cessation.date, h.cessation.noticeDate)! }
        : c
          ? { closureId: c.id, date: c.date }
          : null;
      if (!ending) return chooseStep(w);
      const { date, ...which } = ending;
      const status = rng.pick(['offered', 'held', 'declined'] as const);
      const offeredDate = rng.chance(0.1) ? addDays(date, -rng.int(1, 30)) : between(rng, date, t);
      const heldDate = status === 'held' ? between(rng, offeredDate, t) : null;
      const reasons = status === 'held' ? [rng.pick(h.cessation ? LEAVING : DROPOUT)] : [];
      return {
        name: `interview ${ref} ${status} offered ${offeredDate}${heldDate ? ` held ${heldDate}` : ''}`,
        date,
        cohortDate: date,
        byHand: id,
        run: () =>
          app.call('households.saveExitInterview', {
            id,
            ...which,
            status,
            offeredDate,
            heldDate,
            reasons,
            mightReturn: status === 'held' ? rng.chance(0.5) : null,
          }),
      };
    }
    case 'merge': {
      const other = REFS.filter((r) => r !== ref && w.ids.has(r));
      if (!other.length) return chooseStep(w);
      const dup = rng.pick(other);
      return {
        name: `merge ${dup} into ${ref}`,
        date: null,
        byHand: id,
        // Nothing is merged into a purged household (README "Erasure is final").
        expectRefused: w.purged.has(id)
          ? new RegExp(
              `^${ref}'s personal details were erased \\(purged\\).* Merge ${ref} into ${dup} instead\\.$`,
            )
          : undefined,
        run: () => app.call('households.mergeHouseholds', { id, mergeReference: dup, reason: 'same' }),
        after: () => {
          w.ids.delete(dup);
          // The duplicate's merge entries go with it, and the merge adds its own.
          for (const m of w.merges) if (m.holder === dup) m.holder = ref;
          w.merges.push({ reference: dup, holder: ref, on: today(), erased: false });
        },
      };
    }
    case 'import': {
      const rows: string[][] = [];
      let date = '9999-12-31';
      for (const r of REFS) {
        if (!rng.chance(0.5)) continue;
        const x = await get(w, r);
        if (x) rows.push(exportRow(x, rng, t));
        else if (rng.chance(0.5)) {
          const e = between(rng, addDays(t, -400), t);
          const row = [r, uk(e), `Surname${r}`, rng.pick(SOURCES), 'Mainstream'];
          rows.push([...row, ...HEADER.slice(row.length).map(() => '')]);
        }
      }
      if (!rows.length) return chooseStep(w);
      // What the file may change: any date it carries (a coarse bound, so no false alarm).
      for (const row of rows)
        for (const cell of row) {
          const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
          if (m) date = min(date, `${m[3]}-${m[2]}-${m[1]}`);
        }
      for (const row of rows) {
        const x = await get(w, row[0]!);
        // A different pathway is switched on the day of the import; a different source re-credits the current enquiry.
        if (x && x.enquiryDate) date = min(date, x.enquiryDate);
      }
      return importStep(w, `import ${w.files.length + 1}`, csv([HEADER, ...rows]), date, date);
    }
    case 'register':
      return registerStep(w, t);
    case 'oldImport': {
      const old = w.files.filter((f) => f.batch !== null);
      if (!old.length) return chooseStep(w);
      const f = rng.pick(old);
      return importStep(w, `re-import of ${f.name}`, f.text, null, null);
    }
    case 'undo': {
      const batches = [...w.imports.keys()];
      if (!batches.length) return chooseStep(w);
      const batchId = rng.chance(0.6) ? batches[batches.length - 1]! : rng.pick(batches);
      const mark = w.imports.get(batchId)!;
      // A household of the import purged since: what the import replaced is no longer known (README).
      const purged = [...touchedBy(mark)].find((x) => (w.purged.get(x) ?? -1) > mark.step);
      return {
        name: `undo import ${batchId}`,
        date: null,
        expectRefused:
          purged === undefined
            ? undefined
            : new RegExp(`^Import ${batchId} cannot be undone: household .+ has since been purged, `),
        run: () => app.call('imports.undoImport', { batchId }),
        after: () => void w.imports.delete(batchId),
        check: (before, after, fail) => checkUndo(mark, before, after, fail),
      };
    }
  }
}

/** A carers register's columns: approvals, deregistrations and the dated steps a register carries. */
const REGISTER_HEADER = [
  'Foster Carer No.',
  'Carer 1 Name',
  'Panel Date',
  'Date of Approval',
  'Panel Minutes Received',
  'Stage 1 Information Complete',
  'Date Deregistered',
  'Reason for Deregistration',
];
const REGISTER_LEAVING = [
  'Transfer to an independent fostering agency',
  'Permanence plan for child (including Staying Put)',
  'Personal circumstances e.g. separation, bereavement, retirement',
];
const quoted = (cell: string) => (cell.includes(',') ? `"${cell}"` : cell);

/**
 * What a register's row is meant to do: a cessation the engine must refuse (at its row and column,
 * changing nothing of the household), one it must record (on the row's date, unless a warning on
 * that column says why not), one restating the standing cessation (which must stand), an approval.
 */
type RegisterIntent =
  | { kind: 'refused'; column: string; why: string }
  | { kind: 'ceases'; date: string }
  | { kind: 'restates'; date: string }
  | { kind: 'approves'; date: string }
  | { kind: 'lists' };

/**
 * A carers register (no enquiry column: the app reads it as one) with a row for some known
 * households and sometimes a new reference: approvals, cessations (some dated before the approval,
 * before the row's own or the stored dated steps, in the future, or with no approval: refused),
 * the standing cessation restated or moved.
 */
async function registerStep(w: World, t: string): Promise<Step> {
  const { rng } = w;
  const rows: string[][] = [];
  const intents: Array<{ ref: string; id: number | null; intent: RegisterIntent }> = [];
  let date = '9999-12-31';
  for (const ref of REFS) {
    if (!rng.chance(0.5)) continue;
    const h = await get(w, ref);
    const cells: Record<string, string> = { 'Foster Carer No.': ref };
    let intent: RegisterIntent = { kind: 'lists' };
    const refuse = (why: string, column = 'Date Deregistered') => (intent = { kind: 'refused', column, why });
    if (!h) {
      if (!rng.chance(0.5)) continue;
      // A carer the app has not heard of: approved a while ago, sometimes ceased since.
      const approval = between(rng, addDays(t, -600), addDays(t, -2));
      cells['Date of Approval'] = uk(approval);
      if (rng.chance(0.7)) cells['Panel Date'] = uk(addDays(approval, -rng.int(0, 30)));
      const way = rng.pick(['none', 'ok', 'ok', 'beforeApproval', 'beforeMinutes', 'future', 'noApproval']);
      if (way === 'ok') {
        const d = between(rng, approval, t);
        cells['Date Deregistered'] = uk(d);
        intent = { kind: 'ceases', date: d };
      } else if (way === 'beforeApproval') {
        cells['Date Deregistered'] = uk(addDays(approval, -rng.int(1, 60)));
        refuse('before its approval');
      } else if (way === 'beforeMinutes' && cells['Panel Date']) {
        const minutes = between(rng, addDays(approval, 1), t);
        cells['Panel Minutes Received'] = uk(minutes);
        cells['Date Deregistered'] = uk(between(rng, approval, addDays(minutes, -1)));
        refuse('before the row’s panel minutes');
      } else if (way === 'future') {
        cells['Date Deregistered'] = uk(addDays(t, rng.int(1, 30)));
        refuse('in the future');
      } else if (way === 'noApproval') {
        cells['Date Deregistered'] = uk(approval);
        delete cells['Date of Approval'];
        delete cells['Panel Date'];
        // A new carer with no approval is refused at the approval column, before its cessation is asked about.
        refuse('a new carer with no approval', 'Date of Approval');
      } else intent = { kind: 'approves', date: approval };
    } else {
      const dates: Partial<Record<Milestone, string>> = {};
      for (const m of h.milestones) if (m.episode === h.episode) dates[m.kind] = m.date;
      const steps = stepsOf(h);
      const closure = h.closures.find((c) => c.episode === h.episode);
      const last =
        STAGES.map((k) => dates[k])
          .filter(Boolean)
          .pop() ??
        dates.enquiry ??
        t;
      // What a register holds of the household: its panel and approval, its minutes and Stage 1 information.
      cells['Panel Date'] = uk(dates.panel);
      cells['Date of Approval'] = uk(dates.approval);
      cells['Panel Minutes Received'] = uk(steps.panel_minutes?.date);
      cells['Stage 1 Information Complete'] = uk(steps.stage1_information?.date);
      const stepDates = Object.values(steps).map((s) => s!.date);
      // The day a cessation may come from: the approval, every dated step of the episode and the
      // last pathway change (journey-decide-endings.ts: one before it is refused).
      const switches = h.pathwayChanges.map((c) => c.date);
      const from = [dates.approval ?? '', ...stepDates, ...switches].reduce((a, b) => (a > b ? a : b), '');
      const ceased = h.cessation;
      if (!dates.approval) {
        if (rng.chance(0.6) && !closure) {
          // On or after the last milestone and the steps that come before an approval (a reg 24
          // placement, its extension and IRM review, a viability request and outcome).
          const before = (MILESTONE_PRECEDENTS.approval ?? []).map((k) => steps[k]?.date ?? '');
          const d = between(rng, min(t, [last, ...before].sort().pop()), t);
          cells['Date of Approval'] = uk(d);
          intent = { kind: 'approves', date: d };
        } else {
          cells['Date Deregistered'] = uk(between(rng, last, t));
          refuse('with no approval');
        }
      } else {
        // The cessation's exit interview bounds a move (the engine's rule): an ok move stays on or before it.
        const interview = ceased && h.exitInterviews.find((i) => i.cessationId === ceased.id);
        const on = interview ? min(interview.offeredDate, interview.heldDate) : '9999-12-31';
        const upTo = on < t ? on : t;
        const way = rng.pick(
          ceased
            ? ['restate', 'restate', 'move', 'beforeApproval', 'beforeSteps', 'future', 'blank']
            : ['cease', 'cease', 'beforeApproval', 'beforeSteps', 'beforeMinutes', 'future', 'blank'],
        );
        const reason = rng.pick(REGISTER_LEAVING);
        cells['Reason for Deregistration'] = reason;
        const later = stepDates.filter((d) => d > dates.approval!).sort();
        if (way === 'restate' && ceased) {
          cells['Date Deregistered'] = uk(ceased.date);
          cells['Reason for Deregistration'] = ceased.reasonLabel;
          intent = { kind: 'restates', date: ceased.date };
        } else if ((way === 'cease' || way === 'move') && from <= upTo) {
          const d = between(rng, from, upTo);
          cells['Date Deregistered'] = uk(d);
          intent = { kind: 'ceases', date: d };
        } else if (way === 'beforeApproval') {
          cells['Date Deregistered'] = uk(addDays(dates.approval, -rng.int(1, 60)));
          refuse('before its approval');
        } else if (way === 'beforeSteps' && later.length) {
          // Before a stored step dated after the approval (a stored step after a standing cessation
          // being moved is taken: an older version left it).
          const step = later[later.length - 1]!;
          const stale = ceased && step > ceased.date;
          cells['Date Deregistered'] = uk(between(rng, dates.approval, addDays(step, -1)));
          if (stale) cells['Date Deregistered'] = '';
          else refuse('before a stored dated step');
        } else if (way === 'beforeMinutes' && dates.panel && !steps.panel_minutes && dates.approval < t) {
          const minutes = between(rng, addDays(dates.approval, 1), t);
          cells['Panel Minutes Received'] = uk(minutes);
          cells['Date Deregistered'] = uk(between(rng, from, addDays(minutes, -1)));
          if (from < minutes) refuse('before the row’s panel minutes');
          else cells['Date Deregistered'] = '';
        } else if (way === 'future') {
          cells['Date Deregistered'] = uk(addDays(t, rng.int(1, 30)));
          refuse('in the future');
        }
      }
      if (!cells['Date Deregistered']) cells['Reason for Deregistration'] = '';
      // The years the row may change: from its household's enquiry and standing cessation on.
      date = min(date, h.enquiryDate, ceased?.date, ceased?.noticeDate);
    }
    if (rng.chance(0.8)) cells['Carer 1 Name'] = `Pat Surname${ref}`;
    rows.push(REGISTER_HEADER.map((c) => cells[c] ?? ''));
    intents.push({ ref, id: h?.id ?? null, intent });
  }
  if (!rows.length) return chooseStep(w);
  for (const row of rows)
    for (const cell of row) {
      const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell);
      if (m) date = min(date, `${m[3]}-${m[2]}-${m[1]}`);
    }
  const step = importStep(
    w,
    `register ${intents.map((x) => `${x.ref} ${x.intent.kind}${x.intent.kind === 'refused' ? ` (${x.intent.why})` : ''}`).join(', ')}`,
    csv([REGISTER_HEADER, ...rows].map((r) => r.map(quoted))),
    date,
    date,
  );
  let result: ImportResult | null = null;
  const after = step.after!;
  step.after = (r) => {
    result = r as ImportResult;
    after(r);
  };
  step.check = (stored, now, fail) => {
    const r = result!;
    const before = Object.fromEntries(JOURNEY_TABLES.map((t) => [t, stored[t]!]));
    const idOf = (d: Dump, ref: string) =>
      d
        .households!.map((x) => JSON.parse(x) as { id: number; reference: string })
        .find((x) => x.reference === ref)?.id ?? null;
    intents.forEach(({ ref, intent }, i) => {
      const row = i + 2;
      const errors = r.errors.filter((e) => e.row === row);
      const warned = r.warnings.some((e) => e.row === row && e.column === 'Date Deregistered');
      const id = idOf(now, ref);
      const ceasedOn = () =>
        id === null
          ? null
          : (now
              .cessations!.map((x) => JSON.parse(x) as { household_id: number; date: string })
              .find((c) => c.household_id === id)?.date ?? null);
      if (intent.kind === 'refused') {
        if (!errors.some((e) => e.column === intent.column))
          fail(`${ref}'s cessation (${intent.why}) was not refused at row ${row}, ${intent.column}`, {
            errors: r.errors,
            warnings: r.warnings,
          });
        const was = idOf(before, ref);
        if (
          was === null
            ? id !== null
            : JSON.stringify(rowsOf(before, was)) !== JSON.stringify(rowsOf(now, was))
        )
          fail(
            `${ref}'s refused row changed its household`,
            id === null ? {} : diff(rowsOf(before, id), rowsOf(now, id)),
          );
        return;
      }
      if (id !== null && idOf(before, ref) === null) w.fromRegister.add(id);
      if (errors.length) fail(`${ref}'s row (${intent.kind}) was refused`, { errors, warnings: r.warnings });
      if ((intent.kind === 'ceases' || intent.kind === 'restates') && !warned && ceasedOn() !== intent.date)
        fail(`${ref}'s row ${intent.kind} on ${intent.date}, the household's cessation is ${ceasedOn()}`, {
          warnings: r.warnings,
        });
    });
  };
  return step;
}

/**
 * A purge: sometimes the clock moves on first, to where a household's retention period ends (the
 * next to end, or another; sometimes the day before, when it is not yet due), then the due
 * households are listed and all, some or none of them purged (sometimes with a household that is
 * not due: refused, nothing erased).
 */
async function purgeSteps(w: World, t: string): Promise<Step> {
  const { rng } = w;
  const ends: string[] = [];
  for (const ref of w.ids.keys()) {
    const d = expectedDue(w, (await get(w, ref))!);
    if (d) ends.push(d.dueFrom);
  }
  ends.sort();
  // Nothing closed or ceased: sometimes a purge with nothing due, mostly another step.
  if (!ends.length && rng.chance(0.5)) return chooseStep(w);
  let to = t;
  if (ends.length && rng.chance(0.9)) {
    const later = ends.filter((d) => d > t);
    const end = later.length && rng.chance(0.6) ? later[0]! : rng.pick(ends);
    to = end > t && rng.chance(0.15) ? addDays(end, -1) : addDays(end, rng.int(0, 60));
    if (to < t) to = t;
    if (to > HORIZON) to = HORIZON;
  }
  const steps: Step[] = [];
  if (rng.chance(0.2)) steps.push(settingsStep(w));
  if (to > t) steps.push({ name: `clock -> ${to} (for a purge)`, date: null, run: async () => setClock(to) });
  steps.push(purgeStep(w));
  w.queue.push(...steps.slice(1));
  return steps[0]!;
}

/**
 * Settings that decide who is due: a retention period lengthened or shortened (never below its
 * legal minimum: refused, naming it), or the EOI counted as the application or not.
 */
function settingsStep(w: World): Step {
  const { rng, app } = w;
  if (rng.chance(0.3)) {
    const basis = w.basis === 'eoi' ? 'stage1' : 'eoi';
    return {
      name: `settings: the application is the ${basis}`,
      date: null,
      expectRefused: null,
      run: () => app.call('alerts.setApplicationBasis', { basis }),
      after: () => void (w.basis = basis),
    };
  }
  const [rule, field, least, words] = rng.pick(RETENTION);
  const years = rng.int(least - 1, least + 2);
  return {
    name: `settings: ${field} ${years}`,
    date: null,
    expectRefused:
      years < least ? new RegExp(`^retention\\.${field}: ${words}: at least ${least} years?\\.$`) : null,
    run: () => app.call('data.saveSettings', { retention: { [field]: years } }),
    after: () => void (w.retention[rule] = years),
  };
}

/** Every text of a row but the personal columns a purge erases and the row's bookkeeping. */
function anonymous(table: string, row: string): string {
  const o = JSON.parse(row) as Row;
  for (const c of [...(PERSONAL_COLUMNS[table] ?? []), 'purged_at', 'updated_at']) delete o[c];
  return JSON.stringify(o);
}

function purgeStep(w: World): Step {
  const { rng, app } = w;
  let chosen: PurgeCandidate[] = [];
  let result: PurgeResult | null = null;
  const step: Step = {
    name: 'purge',
    date: null,
    reportsKept: true,
    expectRefused: null,
    run: async () => {
      const due = (await app.call('data.listPurgeDue', {})).households;
      const how = rng.next();
      let ids: number[] | undefined;
      if (how < 0.5) chosen = due;
      else {
        chosen = due.filter(() => rng.chance(0.7));
        ids = chosen.map((c) => c.id);
        const notDue = [...w.ids.values()].filter((id) => !due.some((d) => d.id === id));
        if (how > 0.85 && notDue.length) {
          const bad = rng.pick(notDue);
          ids.splice(rng.int(0, ids.length), 0, bad);
          step.expectRefused = new RegExp(`^Household ${bad} is not due for purging; nothing was erased\\.$`);
        }
      }
      w.log.push(
        `   due: ${due.map((d) => `${d.reference} (${d.rule}, ended ${d.endedOn}, due ${d.dueFrom})`).join(', ') || 'none'}; purging ${ids ? `ids ${JSON.stringify(ids)}` : 'all'}`,
      );
      return app.call('data.purgeHouseholds', ids ? { ids } : {});
    },
    after: (r) => {
      result = r as PurgeResult;
      w.log.push(`   purged ${chosen.map((c) => c.reference).join(', ') || 'none'}`);
      for (const c of chosen) {
        w.purged.set(c.id, w.log.length);
        w.typedSince.delete(c.id);
        w.ledger.set(c.reference, today());
        // The merges into it are erased with it; the duplicates' references enter the ledger too.
        for (const m of w.merges)
          if (m.holder === c.reference && !m.erased) {
            m.erased = true;
            if (!w.ids.has(m.reference)) w.ledger.set(m.reference, today());
          }
      }
    },
    check: async (before, after, fail) => {
      const r = result!;
      const byRule = { enquirer: 0, applicant: 0, carer: 0, connected_person: 0 };
      for (const c of chosen) byRule[c.rule]++;
      if (r.purged !== chosen.length || JSON.stringify(r.byRule) !== JSON.stringify(byRule))
        fail('the purge erased other households than were due and chosen', { result: r, chosen });
      if (r.backupsNotErased.length) fail('a backup was not erased', r.backupsNotErased);
      // The anonymous journey stays as it was: every report is counted from it.
      const ids = new Set(chosen.map((c) => c.id));
      for (const t of JOURNEY_TABLES) {
        const b = before[t]!.map((x) => anonymous(t, x)).sort();
        const a = after[t]!.map((x) => anonymous(t, x)).sort();
        if (JSON.stringify(a) !== JSON.stringify(b))
          fail(`the purge changed ${t} beyond personal details`, diff({ [t]: b }, { [t]: a }));
      }
      const stored = Object.fromEntries(JOURNEY_TABLES.map((t) => [t, before[t]!]));
      for (const id of w.ids.values())
        if (!ids.has(id) && JSON.stringify(rowsOf(stored, id)) !== JSON.stringify(rowsOf(after, id)))
          fail(`the purge changed household ${id}, not purged`, diff(rowsOf(stored, id), rowsOf(after, id)));
      // A name no household's export holds any more is nowhere: not in the file, its WAL or a backup.
      const held = new Set<string>();
      for (const id of w.ids.values())
        if (!w.purged.has(id)) {
          const { text } = await exportOf(w, id);
          for (const ref of REFS) if (text.includes(`Surname${ref}`)) held.add(ref);
        }
      const left = leftovers(
        w.app,
        REFS.filter((ref) => !held.has(ref)).map((ref) => `Surname${ref}`),
      );
      if (left.length) fail('an erased name is still held', left);
    },
  };
  return step;
}

/**
 * A JSON export's row as its xlsx holds it (db/subject-access.ts `cellIn`: a day as a date cell,
 * read back as its serial; a moment on the UK clock; an audit value as the value its JSON holds).
 */
const asInXlsx = (table: string, row: Row) =>
  Object.fromEntries(
    Object.keys(row).map((k) => {
      const c = cellIn(table, k, row);
      const v = c && typeof c === 'object' ? Date.parse(`${c.date}T00:00:00Z`) / 86_400_000 + 25_569 : c;
      return [k, v ?? ''];
    }),
  );

/**
 * A subject access export (README "Undo and subject access"), by id or reference: it holds what the
 * record shows, its xlsx what its JSON holds; a reference no household holds says where it went.
 */
function accessStep(w: World, ref: string): Step {
  const { rng, app } = w;
  const id = w.ids.get(ref);
  const byReference = id === undefined || rng.chance(0.4);
  const xlsx = id !== undefined && rng.chance(0.2);
  const problems: string[] = [];
  return {
    name: `access ${ref}${byReference ? ' by reference' : ''}${xlsx ? ' and as xlsx' : ''}`,
    date: null,
    expectRefused: id === undefined ? goneMessage(w, ref) : null,
    run: async () => {
      const file = await app.call(
        'data.exportHousehold',
        byReference ? { reference: ref, format: 'json' } : { id: id!, format: 'json' },
      );
      const body = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as Exported;
      problems.push(...exportDiffers(await app.call('households.getHousehold', { id: id! }), body));
      if (!xlsx) return;
      const sheets = await app.call('data.exportHousehold', { id: id!, format: 'xlsx' });
      const wb = XLSX.read(Buffer.from(sheets.base64, 'base64'));
      for (const [table, rows] of Object.entries(body.tables)) {
        const sheet = wb.Sheets[table.slice(0, 31)];
        const got = sheet ? XLSX.utils.sheet_to_json<Row>(sheet, { defval: '' }) : null;
        const want = rows.map((r) => asInXlsx(table, r));
        if (JSON.stringify(got) !== JSON.stringify(want))
          problems.push(`xlsx sheet ${table}: ${JSON.stringify(got)}; json ${JSON.stringify(want)}`);
      }
    },
    after: () => {
      if (problems.length) throw new Error(`${ref}'s subject access export: ${problems.join('; ')}`);
    },
  };
}

function importStep(
  w: World,
  name: string,
  text: string,
  date: string | null,
  cohortDate: string | null,
): Step {
  const fileName = `f${w.files.length + 1}.csv`;
  const entry = { name: fileName, text, batch: null as number | null };
  let before: Record<string, string[]> = {};
  // Rows of an old export: an enquiry before the household's current episode (issue 12).
  const old: number[] = [];
  // Rows naming someone whose details a purge erased: the row counts, its names are not imported.
  const erased: Array<{ row: number; ref: string }> = [];
  const register = text.startsWith(`${REGISTER_HEADER[0]},`);
  return {
    name: `${name} as ${fileName}:\n${text}`,
    date,
    cohortDate,
    run: async () => {
      before = dump(w.app);
      old.length = 0;
      // A carers register has no enquiry column: none of its rows is an old export's.
      const lines = text.startsWith(`${HEADER[0]},${HEADER[1]},`) ? text.trim().split('\r\n') : [];
      for (const line of lines.slice(1)) {
        const [ref, enquiry] = line.split(',');
        const h = await get(w, ref!);
        const iso = enquiry!.split('/').reverse().join('-');
        if (h && h.episode > 1 && h.enquiryDate && iso < h.enquiryDate) old.push(h.id);
      }
      erased.length = 0;
      text
        .trim()
        .split('\r\n')
        .slice(1)
        .forEach((line, i) => {
          const [ref, second, third] = line.split(',');
          const id = w.ids.get(ref!);
          const purged = id === undefined ? w.ledger.has(ref!) : w.purged.has(id);
          if (purged && (register ? second : third) && !(id !== undefined && old.includes(id)))
            erased.push({ row: i + 2, ref: ref! });
        });
      const path = join(w.app.dir, fileName);
      writeFileSync(path, text);
      const r = await w.app.call('imports.importFile', { path });
      w.files.push(entry);
      return r;
    },
    after: (r) => {
      const result = r as ImportResult;
      const batch = result.batch;
      entry.batch = batch;
      const after = dump(w.app);
      if (batch !== null) w.imports.set(batch, { before, after, step: w.log.length });
      for (const { row, ref } of erased)
        if (
          !result.errors.some((e) => e.row === row) &&
          !result.warnings.some(
            (x) => x.row === row && x.message.startsWith(`${ref}: personal details were erased on `),
          )
        )
          throw new Error(
            `row ${row} names ${ref}, whose details were erased, with no warning that it was not imported`,
          );
      for (const id of old)
        if (JSON.stringify(rowsOf(before, id)) !== JSON.stringify(rowsOf(after, id)))
          throw new Error(
            `an old export's row changed household ${id}: ${JSON.stringify(diff(rowsOf(before, id), rowsOf(after, id)))}`,
          );
    },
  };
}

// ---------- the run ----------

async function run(seed: number) {
  const app = await testApp({ today: FIRST_DAY });
  const w: World = {
    app,
    rng: prng(seed),
    ids: new Map(),
    files: [],
    imports: new Map(),
    log: [],
    queue: [],
    fromRegister: new Set(),
    purged: new Map(),
    typedSince: new Set(),
    ledger: new Map(),
    merges: [],
    retention: { enquirer: 1, applicant: 3, carer: 10, connected_person: 10 },
    basis: 'stage1',
  };
  let cells = await reportCells(app);
  const fail = (what: string, detail: unknown) => {
    // A runner cuts long messages: a hunt prints the whole run.
    if (process.env.JOURNEY_LOG) console.log(`seed ${seed} failed:\n${w.log.join('\n')}`);
    throw new Error(
      `seed ${seed}, step ${w.log.length}: ${what}\n${JSON.stringify(detail, null, 1)}\nsteps:\n${w.log.join('\n')}`,
    );
  };
  for (let i = 0; i < STEPS; i++) {
    const step = await chooseStep(w);
    w.log.push(`${i + 1}. [${today()}] ${step.name}`);
    const stored = dump(app, ALL_TABLES);
    const known = new Set(w.ids.values());
    let result: unknown;
    let refused: ApiError | null = null;
    try {
      result = await step.run();
    } catch (e) {
      if (!(e instanceof ApiError)) fail('not a clear refusal', String((e as Error).stack));
      refused = e as ApiError;
      w.log.push(`   refused: ${refused.message}`);
    }
    const expected = step.expectRefused;
    if (expected && !refused) fail('a step that must be refused was done', { expected: String(expected) });
    if (expected && refused && !expected.test(refused.message))
      fail('refused, but not saying why', { message: refused.message, expected: String(expected) });
    if (expected === null && refused) fail('a step was refused', refused.message);
    if (refused) {
      // A refusal writes nothing.
      const now = dump(app, ALL_TABLES);
      if (JSON.stringify(now) !== JSON.stringify(stored))
        fail('a refused step changed stored rows', diff(stored, now));
    } else {
      if (result && typeof result === 'object' && 'warnings' in result)
        w.log.push(
          `   ${JSON.stringify({ ...(result as object), warnings: undefined, errors: undefined })} ${JSON.stringify((result as { warnings: unknown }).warnings)}`,
        );
      try {
        step.after?.(result);
      } catch (e) {
        fail('a step broke an invariant', String((e as Error).message));
      }
    }

    if (!refused) await step.check?.(stored, dump(app), fail);
    // A hand edit of a purged household: the values it wrote (its history's too) are due for purge
    // in their turn (README "Purge").
    const byHand = step.byHand;
    if (!refused && byHand !== undefined && w.purged.has(byHand)) {
      if (personalValues((await exportOf(w, byHand)).body).length) w.typedSince.add(byHand);
    }

    w.ids = new Map(
      (
        app.ctx.store.db.prepare('SELECT reference, id FROM households').all() as Array<{
          reference: string;
          id: number;
        }>
      ).map((r) => [r.reference, r.id]),
    );
    // A household an import made under a purged reference is made erased (README "Erasure is final").
    for (const [ref, id] of w.ids) if (!known.has(id) && w.ledger.has(ref)) w.purged.set(id, -1);
    // Households: each journey obeys the rules; the list and pipeline agree with the record.
    const list = await app.call('households.listHouseholds', { limit: 500 });
    const pipeline = await app.call('households.getPipeline', { pathway: undefined, limit: 500 });
    const records = new Map<string, HouseholdRecord>();
    for (const ref of [...w.ids.keys()]) {
      const h = (await get(w, ref))!;
      records.set(ref, h);
      const bad = checkJourney(h, w.fromRegister.has(h.id));
      if (bad.length) fail('a journey breaks the rules', { bad, h: { ...h, alerts: undefined } });
      const row = list.rows.find((r) => r.id === h.id);
      if (
        !row ||
        row.status !== h.status ||
        row.stage !== h.stage ||
        row.pathway !== h.pathway ||
        row.enquiryDate !== h.enquiryDate
      )
        fail('the list disagrees with the record', {
          row,
          record: { status: h.status, stage: h.stage, pathway: h.pathway, enquiry: h.enquiryDate },
        });
      // The list's next alert (summary columns kept by every writer) is the record's first, computed afresh.
      const first = h.alerts[0];
      if (
        row &&
        (row.nextAlert !== (first?.kind ?? null) ||
          row.nextAlertDate !== (first?.due ?? null) ||
          row.overdue !== (first?.overdue ?? false))
      )
        fail('the list’s next alert disagrees with the record', {
          ref,
          row: [row.nextAlert, row.nextAlertDate, row.overdue],
          record: h.alerts,
        });
      const inPipeline = pipeline.filter((c) => c.households.some((x) => x.id === h.id)).map((c) => c.stage);
      const expected = h.status === 'open' ? [h.stage] : [];
      if (JSON.stringify(inPipeline) !== JSON.stringify(expected))
        fail('the pipeline disagrees with the record', { ref, inPipeline, status: h.status, stage: h.stage });
      if (h.purged !== w.purged.has(h.id))
        fail(h.purged ? 'a household was purged that was not chosen' : 'a purged household is not', { ref });
      if (h.purged) {
        const bad = await erasure(w, h);
        if (row?.name.includes('Surname')) bad.push(`the list names it: ${row.name}`);
        if (bad.length) fail('a purged household holds personal details again', { ref, bad });
      }
    }
    // The households due for purge are those the retention rules make due today, and none other.
    const due = await app.call('data.listPurgeDue', {});
    const want = [...records.values()]
      .map((h) => expectedDue(w, h))
      .filter((d): d is PurgeCandidate => d !== null && d.dueFrom <= today())
      .map(({ name: _n, ...d }) => d);
    const got = due.households.map(({ name: _n, ...d }) => d);
    const key = (d: Omit<PurgeCandidate, 'name'>) => JSON.stringify(d);
    if (JSON.stringify(got.map(key).sort()) !== JSON.stringify(want.map(key).sort()))
      fail('the households due for purge are not those the retention rules make due', {
        today: today(),
        listed: got,
        rules: want,
      });
    await checkFunnel(
      app,
      [...w.ids.keys()].map((r) => records.get(r)!),
      fail,
      // Every number opens the households it counts: checked every tenth step and at the end.
      (i + 1) % 10 === 0 || i === STEPS - 1,
    );
    if (list.total !== w.ids.size)
      fail('the list counts other households', { total: list.total, ids: [...w.ids] });

    // Published years: a step dated later leaves every earlier year's tables as they were.
    const now = await reportCells(app);
    if (!refused && step.date) {
      const changed = [
        ...changedBefore(cells, now, step.date, byCohort),
        ...changedBefore(cells, now, min(step.date, step.cohortDate), (k) => !byCohort(k)),
      ];
      if (changed.length) fail(`a published year changed (step dated ${step.date})`, changed.slice(0, 20));
    }
    if (refused && JSON.stringify([...now]) !== JSON.stringify([...cells]))
      fail('a refused step changed a report', {});
    // A purge keeps every table as it was: the diversity table's people move to "Erased", its totals stay.
    if (!refused && step.reportsKept) {
      const kept = (k: string) => !k.startsWith('diversity|') || k.split('|')[4] === 'total';
      const changed = [...cells]
        .filter(([k, b]) => kept(k) && JSON.stringify(now.get(k)?.value) !== JSON.stringify(b.value))
        .map(([k, b]) => `${k}: ${JSON.stringify(b.value)} -> ${JSON.stringify(now.get(k)?.value)}`);
      const added = [...now.keys()].filter((k) => kept(k) && !cells.has(k));
      if (changed.length || added.length)
        fail('a purge changed a report', [...changed, ...added].slice(0, 20));
    }
    cells = now;
  }
  return w.log;
}

const FUNNEL_KEYS: Partial<Record<Milestone, string>> = {
  enquiry: 'enquiries',
  eoi: 'eoi',
  stage1: 'stage1',
  stage2: 'stage2',
  approval: 'approved',
};

/**
 * The recruitment table, counted again from the households' records: every event in the year of
 * its date, on the pathway the household was on that day (the "from" of the first switch after it,
 * else the pathway it is on now). An episode's Stage 1 start is its viability request where that
 * was made on kinship and not after a Stage 1 start: its formal application.
 */
async function checkFunnel(
  app: TestApp,
  records: HouseholdRecord[],
  fail: (what: string, detail: unknown) => never,
  drill: boolean,
) {
  const to = fyOf(today());
  const expected: Record<string, Record<string, Record<string, number>>> = {};
  const who: Record<string, Set<string>> = {};
  for (const h of records) {
    const changes = [...h.pathwayChanges].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const pathwayAt = (d: string) => changes.find((c) => c.date > d)?.from ?? h.pathway;
    const request = (episode: number) =>
      h.journeyDates.find((j) => j.episode === episode && j.kind === 'viability_request')?.date;
    const stage1Starts = new Map<number, string>();
    for (const m of h.milestones) if (m.kind === 'stage1') stage1Starts.set(m.episode, m.date);
    for (const j of h.journeyDates) {
      const r = request(j.episode);
      if (j.kind !== 'viability_request' || !r || pathwayAt(r) !== 'kinship') continue;
      const stage1 = stage1Starts.get(j.episode);
      if (!stage1 || r <= stage1) stage1Starts.set(j.episode, r);
    }
    const events = [
      ...h.milestones.filter((m) => m.kind !== 'stage1'),
      ...[...stage1Starts].map(([episode, date]) => ({ kind: 'stage1' as const, date, episode })),
    ];
    for (const m of events) {
      const key = FUNNEL_KEYS[m.kind];
      if (!key || m.date < '2020-04-01') continue;
      for (const p of [pathwayAt(m.date), 'all']) {
        const row = ((expected[p] ??= {})[key] ??= {});
        row[fyOf(m.date)] = (row[fyOf(m.date)] ?? 0) + 1;
        (who[`${p}|${key}|${fyOf(m.date)}`] ??= new Set()).add(h.reference);
      }
    }
  }
  for (const pathway of REPORT_PATHWAYS) {
    const r = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: FIRST_FY, to, pathway, quarterly: false, suppress: false },
    });
    for (const key of Object.values(FUNNEL_KEYS)) {
      const row = r.rows.find((x) => x.key === key)!;
      for (const fy of fyRange(FIRST_FY, to)) {
        const want = expected[pathway]?.[key!]?.[fy] ?? 0;
        if (row.values[fy] !== want)
          fail('the recruitment table disagrees with the records', {
            pathway,
            key,
            fy,
            table: row.values[fy],
            records: want,
          });
        if (!drill || !want) continue;
        const opened = await app.call('reports.listHouseholds', {
          table: 'funnel',
          options: { from: FIRST_FY, to, pathway, quarterly: false, suppress: false },
          row: key!,
          column: fy,
        });
        const refs = opened.households.map((x) => x.reference).sort();
        const wanted = [...who[`${pathway}|${key}|${fy}`]!].sort();
        if (opened.total !== wanted.length || JSON.stringify(refs) !== JSON.stringify(wanted))
          fail('a cell opens other households than it counts', { pathway, key, fy, opened: refs, wanted });
      }
    }
  }
}

/** An import's households: those whose rows it changed. */
function touchedBy(mark: { before: Record<string, string[]>; after: Record<string, string[]> }) {
  const ids = new Set<number>();
  for (const t of Object.keys(mark.after)) {
    const b = new Set(mark.before[t]);
    const a = new Set(mark.after[t]);
    for (const r of [
      ...mark.after[t]!.filter((x) => !b.has(x)),
      ...mark.before[t]!.filter((x) => !a.has(x)),
    ]) {
      const o = JSON.parse(r) as Record<string, unknown>;
      ids.add(Number(t === 'households' ? o.id : o.household_id));
    }
  }
  return ids;
}

function checkUndo(
  mark: { before: Record<string, string[]>; after: Record<string, string[]> },
  beforeUndo: Record<string, string[]>,
  afterUndo: Record<string, string[]>,
  fail: (what: string, detail: unknown) => never,
) {
  const ids = touchedBy(mark);
  for (const id of ids) {
    const want = rowsOf(mark.before, id);
    const got = rowsOf(afterUndo, id);
    if (JSON.stringify(want) !== JSON.stringify(got))
      fail(`undo left household ${id} other than before its import`, diff(want, got));
  }
  const others = (d: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(d).map(([t, rows]) => [
        t,
        rows.filter((r) => {
          const o = JSON.parse(r) as Record<string, unknown>;
          return !ids.has(Number(t === 'households' ? o.id : o.household_id));
        }),
      ]),
    );
  const bu = others(
    Object.fromEntries(Object.entries(beforeUndo).filter(([t]) => JOURNEY_TABLES.includes(t))),
  );
  const au = others(afterUndo);
  if (JSON.stringify(bu) !== JSON.stringify(au)) fail('undo changed other households', diff(bu, au));
}

function diff(a: Record<string, string[]>, b: Record<string, string[]>) {
  const out: Record<string, { gone: string[]; added: string[] }> = {};
  for (const t of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const sa = new Set(a[t] ?? []);
    const sb = new Set(b[t] ?? []);
    const gone = (a[t] ?? []).filter((x) => !sb.has(x));
    const added = (b[t] ?? []).filter((x) => !sa.has(x));
    if (gone.length || added.length) out[t] = { gone, added };
  }
  return out;
}

/** What a run did: steps by kind, how many were refused, and the old exports it warned about. */
function tally(log: string[]): string {
  const counts = new Map<string, { done: number; refused: number }>();
  let kind = '';
  for (const line of log) {
    const step = /^\d+\. \[[^\]]+\] (\S+(?: of| import)?)/.exec(line);
    if (step) {
      kind = step[1]!;
      const c = counts.get(kind) ?? { done: 0, refused: 0 };
      c.done++;
      counts.set(kind, c);
    } else if (line.startsWith('   refused:')) {
      counts.get(kind)!.refused++;
      counts.get(kind)!.done--;
    }
  }
  const earlier = log.filter((l) => l.includes('is an earlier episode')).length;
  const purged = log.filter((l) => /^ {3}purged (?!none)/.test(l)).length;
  return `${[...counts].map(([k, c]) => `${k} ${c.done}+${c.refused} refused`).join(', ')}; imports warning of an earlier episode: ${earlier}; purges that erased: ${purged}`;
}

describe('random journeys through the contract', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: every step keeps the journey's invariants`, { timeout: 600_000 }, async () => {
      const log = await run(seed);
      if (process.env.JOURNEY_LOG) console.log(tally(log));
      if (process.env.JOURNEY_LOG === 'all') console.log(log.join('\n'));
      expect(log.length).toBeGreaterThanOrEqual(STEPS);
    });
  }
});
