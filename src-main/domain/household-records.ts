import type { AlertKind } from './alerts.ts';
import type { HouseholdDetails } from './household-details.ts';
import type { ApplicationDate, JourneyDateKind } from './journey-dates.ts';
import type { Reg24Clock } from './decision-clocks.ts';
import {
  CURRENT_STAGES,
  type ExitInterviewStatus,
  type Milestone,
  type Pathway,
  type Status,
} from './stages.ts';
import type { DuplicateWhy } from './duplicates.ts';
import type { AuditFacts } from './timeline.ts';

/**
 * The shapes of a household as the core gives it out: the list's rows, the record, its
 * milestones, journey dates and timeline. Written once here, so the storage layer
 * (db/queries/households*.ts) and the contract the renderer reads agree by construction, and
 * db/ need not import the contract.
 */
export const STAGE_FILTERS = CURRENT_STAGES;
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
export interface HouseholdListRow {
  id: number;
  reference: string;
  name: string;
  pathway: Pathway;
  stage: string;
  stageDate: string | null;
  daysInStage: number | null;
  source: string | null;
  enquiryDate: string | null;
  status: Status;
  nextAlert: AlertKind | null;
  nextAlertDate: string | null;
  /**
   * The next alert in the words its record uses (a decision after panel says what it counts
   * from: domain/alerts.ts nextAlertLabel). Given on the list's page; the export words its own.
   */
  nextAlertWords?: string;
  overdue: boolean;
  /** Masked until the record is opened: `a•••@example.org`, `07•••••••89`. */
  email: string | null;
  telephone: string | null;
  /** Closed: the drop-out reason; ceased: the leaving reason. */
  reason: string | null;
  /**
   * Found by a search through carers' own names, not the household's (domain/search-parts.ts
   * foundByPeople): who, as the list says beside the name. Absent otherwise, and in an export.
   */
  foundBy?: Array<{ name: string; position: number; left: boolean }>;
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
  /** The pathway counted, or null for every pathway: the screen says which from the answer itself. */
  pathway: Pathway | null;
}

export interface DuplicateCandidate {
  id: number;
  reference: string;
  name: string;
  postcode: string | null;
  email: string | null;
  /** Its status as stored ('open'): a screen says it as the list does (STATUS_LABELS). */
  status: Status;
  /** Why it looks like the same household (domain/duplicates.ts). */
  why: DuplicateWhy;
  enquiryDate: string | null;
}

export interface MilestoneRecord {
  kind: Milestone;
  date: string;
  episode: number;
  source: 'hand' | 'import';
}

export interface ExitInterviewRecord {
  id: number;
  closureId: number | null;
  cessationId: number | null;
  status: ExitInterviewStatus;
  offeredDate: string | null;
  heldDate: string | null;
  heldBy: string | null;
  notes: string | null;
  mightReturn: boolean | null;
  reasons: string[];
}

export interface HouseholdRecord extends HouseholdDetails {
  id: number;
  reference: string;
  pathway: Pathway;
  episode: number;
  status: Status;
  stage: string;
  stageDate: string | null;
  enquiryDate: string | null;
  respondedDate: string | null;
  purged: boolean;
  /** The day its personal details were erased (null: never). */
  purgedOn: string | null;
  milestones: MilestoneRecord[];
  closures: Array<{
    id: number;
    episode: number;
    date: string;
    stageReached: string;
    reasonKey: string;
    reasonLabel: string;
    /** The file's own words for a reason not in the list, kept by an import (erased by a purge). */
    reasonText: string | null;
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
    reasonText: string | null;
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
  /** The current episode's application received, as the reports and alerts date it, and which date it is. */
  application: ApplicationDate | null;
  /**
   * The current episode's kinship application (its viability request, made while kinship:
   * journey-dates.ts kinshipApplication), which the stage a closure stands at counts in.
   */
  kinshipApplication: string | null;
  /** The current episode's reg 24 temporary approval clock (once a child is placed), else null. */
  reg24: Reg24Clock | null;
  /** Whether the current episode follows the kinship journey, so its steps are offered (journey-dates.ts followsKinship). */
  followsKinship: boolean;
}

/**
 * A merge's answer: the kept household, and the duplicate merged into it by its reference as
 * stored, which the screen names (the reference typed may differ in case: "enq-2611-029").
 */
export interface MergeResult extends HouseholdRecord {
  mergedReference: string;
}

export interface JourneyDateRecord {
  kind: JourneyDateKind;
  date: string;
  episode: number;
  /** The viability outcome's result: positive or negative. */
  detail: string | null;
  /** The extension's reason. */
  reason: string | null;
  /** The extension's length in weeks, where recorded (else the 8 weeks reg 25 allows at most). */
  weeks: number | null;
  source: 'hand' | 'import';
}

/** One audit entry of a household's history, with what it says in words. */
export interface TimelineEntry extends AuditFacts {
  id: number;
  at: string;
  user: string;
  batchId: number | null;
  /** One readable line, e.g. "Stage 1 recorded: 03/04/2025". */
  summary: string;
}

/**
 * What the households list can be filtered and sorted by (the contract's `listFilter` schema
 * accepts exactly this; the compiler checks the two agree where the handler passes one on).
 */
export interface HouseholdFilter {
  search?: string | undefined;
  stage?: (typeof STAGE_FILTERS)[number] | undefined;
  status?: Status | undefined;
  pathway?: Pathway | undefined;
  source?: string | undefined;
  fy?: string | undefined;
  overdue?: boolean | undefined;
  sort?: SortColumn | undefined;
  dir?: 'asc' | 'desc' | undefined;
}
