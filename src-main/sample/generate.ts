import type { Db } from '../db/open.ts';
import { addDays, daysBetween, type IsoDate } from '../domain/dates.ts';
import { fyOf, fyStart, fyStartYear, fyLabel } from '../domain/financial-year.ts';
import { DEFAULT_DROPOUT_REASONS, defaultCessationInitiator } from '../domain/reasons.ts';
import { SOURCES } from '../domain/sources.ts';
import { stageAtClosure } from '../domain/journey.ts';
import { reasonsGiven } from '../domain/order-rules.ts';
import {
  stageReached,
  type EndedBy,
  type Milestone,
  type OpenStage,
  type Pathway,
} from '../domain/stages.ts';
import { summarise } from '../domain/summary.ts';
import { createRandom, type Random } from './random.ts';
import { interviewStatus, reasonsSaid } from './interviews.ts';
import { refreshAllOpen } from '../db/queries/summary.ts';
import { rebuildAllEpisodes } from '../db/episodes.ts';
import { nowIso } from '../clock.ts';
import { tidyTelephone } from '../domain/telephone.ts';
import { sampleCarers } from './carers.ts';
import { sampleRows } from '../db/queries/sample-rows.ts';
import { BY_HAND, journeyRows } from '../db/journey-rows.ts';

const FIRST = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Eilidh',
  'Femi',
  'Grace',
  'Harjit',
  'Imogen',
  'Jamal',
  'Kate',
  'Liam',
  'Maya',
  'Niall',
  'Olu',
  'Priya',
  'Rhys',
  'Sadia',
  'Tom',
  'Uma',
  'Wiktor',
  'Yasmin',
  'Zoë',
];
const SURNAMES = [
  'Ahmed',
  'Brontë',
  'Clarke',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hussain',
  'Jones',
  "O'Neill",
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Patel',
  'Roberts',
  'Smith',
  'Taylor',
  'Walker',
  'Williams',
  'Wright',
];
const POSTCODE_AREAS = ['LS', 'BD', 'HX', 'HD', 'WF', 'YO', 'HG', 'S', 'DN'];

/** How likely a household is to move on from each milestone, and how many days it takes. */
const STEPS: ReadonlyArray<{ to: Milestone; p: number; days: [number, number]; kinshipP: number }> = [
  { to: 'eoi', p: 0.14, days: [5, 60], kinshipP: 0.9 },
  { to: 'stage1', p: 0.8, days: [7, 35], kinshipP: 0.95 },
  { to: 'stage2', p: 0.7, days: [40, 120], kinshipP: 0.85 },
  { to: 'panel', p: 0.82, days: [90, 200], kinshipP: 0.85 },
  { to: 'approval', p: 0.94, days: [3, 14], kinshipP: 0.9 },
];

const DROPOUT_BY_STAGE: Record<string, ReadonlyArray<readonly [string, number]>> = {
  enquiry: [
    ['lost_contact', 5],
    ['not_as_expected', 3],
    ['housing', 3],
    ['circumstances', 2],
    ['other_provider', 1],
    ['other', 1],
  ],
  eoi: [
    ['circumstances', 3],
    ['not_as_expected', 2],
    ['housing', 2],
    ['lost_contact', 2],
    ['financial', 1],
    ['other', 1],
  ],
  stage1: [
    ['unsuitable_checks', 3],
    ['process', 2],
    ['circumstances', 3],
    ['counselled_out', 2],
    ['allegations_risk', 1],
  ],
  stage2: [
    ['counselled_out', 3],
    ['process', 3],
    ['circumstances', 3],
    ['financial', 1],
    ['other_provider', 1],
  ],
  panel: [
    ['not_approved', 5],
    ['circumstances', 1],
  ],
};

/** A reg 25 extension's length in weeks, by the household's number: mostly the full 8, some shorter. */
const EXTENSION_WEEKS = [8, 8, 8, 6, 4] as const;

const LEAVING: ReadonlyArray<readonly [string, number]> = [
  ['permanence', 4],
  ['transfer_la', 1],
  ['transfer_ifa', 2],
  ['personal_circumstances', 5],
  ['not_for_them', 2],
  ['dissatisfied', 1],
  ['safeguarding_termination', 1],
  ['resigned_prior_to_concerns', 1],
  ['other', 2],
];

const endedByFor = (reason: string, r: Random): EndedBy => {
  const def = DEFAULT_DROPOUT_REASONS.find((d) => d.key === reason)?.endedBy;
  return def === 'any' || !def ? r.pick(['applicant', 'service', 'lost_contact'] as const) : def;
};

export interface SampleOptions {
  households: number;
  seed: number;
  /** The day the data is "as of"; enquiries span the five years before the current one and this one. */
  today: IsoDate;
}

/**
 * Fills an empty database with realistic, reproducible households over five financial
 * years: every stage, drop-outs with reasons, approvals, cessations with leaving reasons,
 * exit interviews, both pathways. One transaction; bulk inserts with prepared statements.
 */
export function generateSample(db: Db, opts: SampleOptions): { households: number } {
  const r = createRandom(opts.seed);
  // The five complete financial years before today's, plus the current one so far: the reports'
  // default range is full and the pipeline has households in progress.
  const firstYear = fyStartYear(fyOf(opts.today)) - 5;
  const start = fyStart(fyLabel(firstYear));
  const span = daysBetween(start, opts.today);
  const now = nowIso();
  const rows = sampleRows(db);
  const journey = journeyRows(db);
  // The journey dates draw on their own stream, so adding them left every other sample fact as it was.
  const rj = createRandom((opts.seed ^ 0x5eed) >>> 0);
  // All Stage 1 information obtained likewise.
  const rs = createRandom((opts.seed ^ 0x5eed1) >>> 0);
  // Carers, terms and places likewise (sample/carers.ts).
  const addCarers = sampleCarers(db, createRandom((opts.seed ^ 0xca7e5) >>> 0), FIRST, opts.today, now);
  // What was said at the interviews held likewise (sample/interviews.ts).
  const ri = createRandom((opts.seed ^ 0x5a1d) >>> 0);
  const interview = (
    householdId: number,
    ending: { closureId: number | null; cessationId: number | null; endedBy: EndedBy | null },
    date: IsoDate,
    list: 'dropout' | 'leaving',
    reason: string,
  ) => {
    if (!r.chance(0.6)) return;
    const drawn = r.weighted([
      ['held', 5],
      ['declined', 2],
      ['offered', 1],
    ] as const);
    const heldOn = drawn === 'held' ? addDays(date, r.int(5, 30)) : null;
    if (heldOn && heldOn > opts.today) return;
    const offered = addDays(date, r.int(1, 5));
    // Drawn for every interview drawn held, so one lost contact with (not held) moves nothing else.
    const by = heldOn ? r.pick(['Recruitment officer', 'Supervising social worker', 'Team manager']) : null;
    const mightReturn = heldOn ? (r.chance(0.3) ? 1 : 0) : null;
    const status = interviewStatus(drawn, ending.endedBy);
    const held = status === 'held';
    const id = rows.addInterview(
      householdId,
      ending.closureId,
      ending.cessationId,
      status,
      offered,
      held ? heldOn : null,
      held ? by : null,
      held ? 'Discussed reasons for leaving; feedback passed to the team.' : null,
      held ? mightReturn : null,
    );
    if (!held) return;
    for (const key of reasonsGiven(status, reasonsSaid(list, reason, ri)))
      rows.addInterviewReason(id, list, key);
  };

  db.transaction(() => {
    const refBase = rows.nextSampleNumber();
    for (let i = 0; i < opts.households; i++) {
      const pathway: Pathway = r.chance(0.12) ? 'kinship' : 'mainstream';
      const enquiry = addDays(start, r.int(0, span));
      const first = r.pick(FIRST);
      const surname = r.pick(SURNAMES);
      const reference = `FF${String(refBase + i + 1).padStart(6, '0')}`;
      const postcode = `${r.pick(POSTCODE_AREAS)}${r.int(1, 29)} ${r.int(1, 9)}${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`;
      const email = `${first}.${surname}${r.int(1, 999)}@example.org`
        .toLowerCase()
        .replace(/[^a-z0-9.@]/g, '');
      const milestones: Array<{ kind: Milestone; date: IsoDate; episode: number }> = [
        { kind: 'enquiry', date: enquiry, episode: 1 },
      ];
      if (r.chance(0.4)) {
        const visit = addDays(enquiry, r.int(1, 12));
        if (visit <= opts.today) milestones.push({ kind: 'initial_visit', date: visit, episode: 1 });
      }
      let last = enquiry;
      let stopped = false;
      for (const step of STEPS) {
        const next = addDays(last, r.int(...step.days));
        if (next > opts.today) break;
        if (!r.chance(pathway === 'kinship' ? step.kinshipP : step.p)) {
          stopped = true;
          break;
        }
        milestones.push({ kind: step.to, date: next, episode: 1 });
        last = next;
      }
      const reached = new Set(milestones.map((m) => m.kind));
      const approved = reached.has('approval');
      let closure: {
        date: IsoDate;
        /** Where its milestones stopped (the reason is drawn for it), and the stage it stands at. */
        byMilestones: OpenStage;
        stageReached: OpenStage;
        reason: string;
      } | null = null;
      if (stopped && !approved) {
        const date = addDays(last, r.int(7, 90));
        if (date <= opts.today) {
          const stage = stageReached(reached);
          // A kinship household's viability request (its enquiry here, below) is its application.
          const dates = Object.fromEntries(milestones.map((m) => [m.kind, m.date]));
          const stands = stageAtClosure(dates, date, () => (pathway === 'kinship' ? enquiry : null));
          closure = {
            date,
            byMilestones: stage,
            stageReached: stands,
            reason: r.weighted(DROPOUT_BY_STAGE[stage]!),
          };
        }
      }
      let cessation: { date: IsoDate; notice: IsoDate; reason: string } | null = null;
      if (approved && r.chance(0.3)) {
        const date = addDays(last, r.int(120, 1400));
        if (date <= opts.today) cessation = { date, notice: addDays(date, -28), reason: r.weighted(LEAVING) };
      }
      const s = summarise({
        episode: 1,
        milestones,
        closure: closure ? { episode: 1, date: closure.date, stageReached: closure.stageReached } : null,
        cessation,
      });
      // Drawn in this order (telephone, source, household type) so every sample stays as it was.
      const telephone = tidyTelephone(`07${String(r.int(100000000, 999999999))}`);
      const source =
        pathway === 'kinship'
          ? 'other'
          : r.weighted(SOURCES.map((src, k) => [src.key, k < 3 ? 4 : 1] as const));
      const householdType = r.chance(0.55) ? 'couple' : 'single';
      const id = rows.addHousehold(
        reference,
        pathway,
        first,
        surname,
        email,
        telephone,
        postcode,
        source,
        householdType,
        // Most enquiries were answered the next day; one in 25 is left for the response alert.
        i % 25 === 0 ? null : addDays(enquiry, 1) <= opts.today ? addDays(enquiry, 1) : enquiry,
        s.status,
        s.stage,
        s.stageDate,
        s.enquiryDate,
        now,
        now,
      );
      for (const m of milestones) journey.addMilestone(id, 1, m.kind, m.date, BY_HAND);
      const dated = Object.fromEntries(milestones.map((m) => [m.kind, m.date]));
      const step = (
        kind: string,
        date: IsoDate,
        detail: string | null = null,
        reason: string | null = null,
        weeks: number | null = null,
      ) => {
        // Nothing of the episode after its closure (endingBeforeStepFault): a later step is left out.
        if (date <= opts.today && !(closure && date > closure.date))
          journey.addStep(id, 1, kind, { date, detail, reason, weeks }, BY_HAND);
      };
      // Panel minutes follow the panel by a few days; a kinship household's viability request is
      // its enquiry, its positive outcome its EOI (a negative one ends it at enquiry), and most are
      // placed under reg 24 within weeks.
      if (dated.panel && rj.chance(0.8)) step('panel_minutes', addDays(dated.panel, rj.int(2, 10)));
      if (pathway === 'kinship') {
        step('viability_request', enquiry);
        if (dated.eoi) step('viability_outcome', dated.eoi, 'positive');
        else if (closure?.byMilestones === 'enquiry') step('viability_outcome', closure.date, 'negative');
        if (dated.eoi && rj.chance(0.7)) {
          const placed = addDays(enquiry, rj.int(3, 20));
          step('reg24_placement', placed);
          // Reg 25 allows up to 8 weeks more: most take all 8, some less. The length is drawn from
          // the household's number, not the random stream, so every other sample value stays as it was.
          if (rj.chance(0.3))
            step('extension', addDays(placed, 100), null, 'Assessment delayed', EXTENSION_WEEKS[id % 5] ?? 8);
        }
      }
      // All Stage 1 information obtained, which starts the Stage 1 decision's clock (10 working
      // days to an "unsuitable" decision): most mainstream households at Stage 1 have it recorded
      // before their Stage 2 start; one that ended at Stage 1 a little before its closure (its
      // decision now and then later than the 10 days); one still at Stage 1 only lately, as a
      // service moves on (to Stage 2, or an unsuitable decision) within weeks of it.
      if (pathway === 'mainstream' && dated.stage1) {
        if (closure?.stageReached === 'stage1') {
          const d = addDays(closure.date, -rs.int(2, 20));
          step('stage1_information', d > dated.stage1 ? d : dated.stage1);
        } else if (rs.chance(0.8)) {
          const d = addDays(dated.stage1, rs.int(30, 75));
          const open = !dated.stage2 && !closure && !approved;
          if (dated.stage2 ? d <= dated.stage2 : !open || daysBetween(d, opts.today) <= 14)
            step('stage1_information', d);
        }
      }
      // A kinship household's application is its viability assessment (its EOI here).
      addCarers({
        id,
        first,
        surname,
        couple: householdType === 'couple',
        applied: (pathway === 'kinship' ? dated.eoi : dated.stage1) ?? null,
        approved: dated.approval ?? null,
      });
      if (closure) {
        const endedBy = endedByFor(closure.reason, r);
        const closureId = journey.addClosure(
          id,
          1,
          {
            date: closure.date,
            stage_reached: closure.stageReached,
            reason_key: closure.reason,
            reason_text: null,
            ended_by: endedBy,
            notes: null,
          },
          BY_HAND,
        );
        interview(id, { closureId, cessationId: null, endedBy }, closure.date, 'dropout', closure.reason);
      }
      if (cessation) {
        const cessationId = journey.addCessation(
          id,
          {
            date: cessation.date,
            notice_date: cessation.notice,
            reason_key: cessation.reason,
            reason_text: null,
            initiated_by: defaultCessationInitiator(cessation.reason),
            notes: null,
          },
          BY_HAND,
        );
        interview(
          id,
          { closureId: null, cessationId, endedBy: null },
          cessation.date,
          'leaving',
          cessation.reason,
        );
      }
    }
    // Open households carry timescale alerts; those rules live with the summary, not here.
    // Every household's episodes in one pass (a sample is a bulk load), then the open ones' alerts,
    // in the same transaction: the sample lands whole, episodes and indexes included, or not at all.
    rebuildAllEpisodes(db);
    refreshAllOpen(db, opts.today);
  }).immediate();
  return { households: opts.households };
}
