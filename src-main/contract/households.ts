import { z } from 'zod';
import { method } from './define.ts';
import type { AlertKind } from '../domain/alerts.ts';
import type { JourneyDateKind, Reg24Clock } from '../domain/journey-dates.ts';
import { isValidIsoDate } from '../domain/dates.ts';
import {
  CEASE_INITIATED_BY,
  ENDED_BY,
  MILESTONES,
  OPEN_STAGES,
  PATHWAYS,
  STATUSES,
} from '../domain/stages.ts';

const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
    .refine(isValidIsoDate, 'That date does not exist.');
const id = z.number().int().positive();
const text = (max = 200) => z.string().trim().max(max);
const optText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const STAGE_FILTERS = [...OPEN_STAGES, 'approval', 'ceased'] as const;
export const SORT_COLUMNS = [
  'reference',
  'name',
  'pathway',
  'stage',
  'daysInStage',
  'source',
  'enquiryDate',
  'status',
  'nextAlert',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const MILESTONE_KINDS = MILESTONES;

export const listFilter = z
  .object({
    search: text(100).optional(),
    stage: z.enum(STAGE_FILTERS).optional(),
    status: z.enum(STATUSES).optional(),
    pathway: z.enum(PATHWAYS).optional(),
    source: text(60).optional(),
    fy: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'Give a financial year like 2024/25.')
      .optional(),
    overdue: z.boolean().optional(),
    sort: z.enum(SORT_COLUMNS).default('enquiryDate'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type ListFilter = z.input<typeof listFilter>;

export interface HouseholdListRow {
  id: number;
  reference: string;
  name: string;
  pathway: 'mainstream' | 'kinship';
  stage: string;
  stageDate: string | null;
  daysInStage: number | null;
  source: string | null;
  enquiryDate: string | null;
  status: 'open' | 'closed' | 'approved' | 'ceased';
  nextAlert: AlertKind | null;
  nextAlertDate: string | null;
  overdue: boolean;
  /** Masked until the record is opened: `a•••@example.org`, `07•••••••89`. */
  email: string | null;
  telephone: string | null;
  /** Closed: the drop-out reason; ceased: the leaving reason. */
  reason: string | null;
}

export interface HouseholdList {
  total: number;
  offset: number;
  rows: HouseholdListRow[];
}

export interface PipelineColumn {
  stage: 'enquiry' | 'eoi' | 'stage1' | 'stage2' | 'panel';
  count: number;
  /** Longest waiting first; at most `limit` of them. */
  households: Array<{
    id: number;
    reference: string;
    name: string;
    stageDate: string | null;
    days: number | null;
    overdue: boolean;
  }>;
}

export interface Dashboard {
  overdue: number;
  byAlert: Array<{ kind: AlertKind; count: number }>;
  open: number;
}

export interface DuplicateCandidate {
  id: number;
  reference: string;
  name: string;
  postcode: string | null;
  email: string | null;
  status: string;
  why: 'email' | 'name_postcode';
}

export interface MilestoneRecord {
  kind: (typeof MILESTONE_KINDS)[number];
  date: string;
  episode: number;
  source: 'hand' | 'import';
}

export interface ExitInterviewRecord {
  id: number;
  closureId: number | null;
  cessationId: number | null;
  status: 'offered' | 'held' | 'declined';
  offeredDate: string | null;
  heldDate: string | null;
  heldBy: string | null;
  notes: string | null;
  mightReturn: boolean | null;
  reasons: string[];
}

export interface HouseholdRecord {
  id: number;
  reference: string;
  pathway: 'mainstream' | 'kinship';
  firstName: string | null;
  surname: string | null;
  email: string | null;
  telephone: string | null;
  postcode: string | null;
  source: string | null;
  householdType: string | null;
  notes: string | null;
  episode: number;
  status: 'open' | 'closed' | 'approved' | 'ceased';
  stage: string;
  stageDate: string | null;
  enquiryDate: string | null;
  respondedDate: string | null;
  purged: boolean;
  milestones: MilestoneRecord[];
  closures: Array<{
    id: number;
    episode: number;
    date: string;
    stageReached: string;
    reasonKey: string;
    reasonLabel: string;
    endedBy: string;
    notes: string | null;
    reopenedOn: string | null;
  }>;
  cessation: {
    id: number;
    date: string;
    noticeDate: string | null;
    reasonKey: string;
    reasonLabel: string;
    initiatedBy: string;
    notes: string | null;
  } | null;
  exitInterviews: ExitInterviewRecord[];
  pathwayChanges: Array<{ date: string; from: string; to: string }>;
  alerts: Array<{ kind: AlertKind; label: string; due: string; overdue: boolean }>;
  /** Which fields were last set by hand ('hand') or by an import ('import'). */
  fieldSources: Record<string, 'hand' | 'import'>;
  /** Dated steps that are not stages (panel minutes, the kinship journey), every episode. */
  journeyDates: JourneyDateRecord[];
  /** The current episode's reg 24 temporary approval clock (kinship, once placed), else null. */
  reg24: Reg24Clock | null;
}

export interface JourneyDateRecord {
  kind: JourneyDateKind;
  date: string;
  episode: number;
  /** The viability outcome's result: positive or negative. */
  detail: string | null;
  /** The extension's reason. */
  reason: string | null;
  source: 'hand' | 'import';
}

export interface TimelineEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  batchId: number | null;
  /** One readable line, e.g. "Stage 1 recorded: 03/04/2025". */
  summary: string;
}

/**
 * The longest text each household field holds. Typed values are checked by the schemas
 * below; imported cells by the importer (a longer cell rejects its row), so a field never
 * holds more from a file than a person could type.
 */
export const TEXT_LIMITS = {
  reference: 40,
  firstName: 200,
  surname: 200,
  email: 254,
  telephone: 40,
  postcode: 12,
  source: 60,
  householdType: 40,
  notes: 4000,
  /** A closure or leaving reason's own words, when it is not in the list (a reason's label). */
  reasonText: 200,
} as const;

const details = {
  firstName: optText(TEXT_LIMITS.firstName),
  surname: optText(TEXT_LIMITS.surname),
  email: optText(TEXT_LIMITS.email),
  telephone: optText(TEXT_LIMITS.telephone),
  postcode: optText(TEXT_LIMITS.postcode),
  source: optText(TEXT_LIMITS.source),
  householdType: optText(TEXT_LIMITS.householdType),
  notes: optText(TEXT_LIMITS.notes),
};

const byId = z.object({ id }).strict();

export const householdsContract = {
  'households.listHouseholds': method<HouseholdList>()(
    listFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'households.exportList': method<{ fileName: string; mime: string; base64: string; rows: number }>()(
    listFilter.extend({ format: z.enum(['xlsx', 'csv']) }),
  ),
  'households.getPipeline': method<PipelineColumn[]>()(
    z
      .object({
        pathway: z.enum(PATHWAYS).optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  'households.getDashboard': method<Dashboard>()(z.object({}).strict()),
  'households.getHousehold': method<HouseholdRecord>()(byId),
  'households.getTimeline': method<TimelineEntry[]>()(byId),
  'households.findDuplicates': method<DuplicateCandidate[]>()(
    z
      .object({
        email: optText(254),
        firstName: optText(),
        surname: optText(),
        postcode: optText(12),
        excludeId: id.optional(),
      })
      .strict(),
  ),
  'households.createHousehold': method<{ id: number; reference: string }>()(
    z
      .object({
        reference: optText(TEXT_LIMITS.reference),
        pathway: z.enum(PATHWAYS).default('mainstream'),
        enquiryDate: isoDate(),
        ...details,
        /** Save even though likely duplicates exist (the user saw the warning). */
        confirmDuplicates: z.boolean().default(false),
      })
      .strict(),
  ),
  'households.updateDetails': method<HouseholdRecord>()(
    z
      .object({ id, ...details })
      .partial()
      .required({ id: true })
      .strict(),
  ),
  'households.recordMilestone': method<HouseholdRecord>()(
    z.object({ id, kind: z.enum(MILESTONE_KINDS), date: isoDate() }).strict(),
  ),
  'households.correctMilestone': method<HouseholdRecord>()(
    z
      .object({
        id,
        kind: z.enum(MILESTONE_KINDS),
        date: isoDate(),
        reason: text(500).min(1, 'Say why the date is corrected.'),
      })
      .strict(),
  ),
  'households.removeMilestone': method<HouseholdRecord>()(
    z
      .object({
        id,
        kind: z.enum(MILESTONE_KINDS),
        reason: text(500).min(1, 'Say why the milestone is removed.'),
      })
      .strict(),
  ),
  'households.recordResponse': method<HouseholdRecord>()(z.object({ id, date: isoDate() }).strict()),
  'households.closeHousehold': method<HouseholdRecord>()(
    z
      .object({
        id,
        date: isoDate(),
        reasonKey: text(60).min(1, 'Choose a reason.'),
        endedBy: z.enum(ENDED_BY),
        notes: optText(4000),
      })
      .strict(),
  ),
  'households.reopenHousehold': method<HouseholdRecord>()(
    z.object({ id, enquiryDate: isoDate(), notes: optText(4000) }).strict(),
  ),
  'households.ceaseHousehold': method<HouseholdRecord>()(
    z
      .object({
        id,
        date: isoDate().optional(),
        noticeDate: isoDate().optional(),
        reasonKey: text(60).min(1, 'Choose a leaving reason.'),
        initiatedBy: z.enum(CEASE_INITIATED_BY),
        notes: optText(4000),
      })
      .strict(),
  ),
  'households.saveExitInterview': method<HouseholdRecord>()(
    z
      .object({
        id,
        /** Which ending it follows: a closure (by id) or the cessation. */
        closureId: id.optional(),
        cessationId: id.optional(),
        status: z.enum(['offered', 'held', 'declined']),
        offeredDate: isoDate().nullish(),
        heldDate: isoDate().nullish(),
        heldBy: optText(120),
        reasons: z.array(text(60)).max(20).default([]),
        notes: optText(4000),
        mightReturn: z.boolean().nullish(),
      })
      .strict(),
  ),
  'households.switchPathway': method<HouseholdRecord>()(
    z.object({ id, pathway: z.enum(PATHWAYS), date: isoDate() }).strict(),
  ),
  /** Merges the household with `mergeReference` (a duplicate) into household `id`, which is kept. */
  'households.mergeHouseholds': method<HouseholdRecord>()(
    z
      .object({
        id,
        mergeReference: text(60).min(1, 'Give the reference of the duplicate to merge.'),
        reason: text(300).min(1, 'Say why these are the same household.'),
      })
      .strict(),
  ),
} as const;
