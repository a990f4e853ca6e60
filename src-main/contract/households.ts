import { z } from 'zod';
import { method } from './define.ts';
import { EXIT_INTERVIEW_STATUSES } from '../domain/stages.ts';
import {
  STAGE_FILTERS,
  SORT_COLUMNS,
  type HouseholdList,
  type HouseholdRecord,
  type MergeResult,
  type PipelineColumn,
  type Dashboard,
  type DuplicateCandidate,
  type TimelineEntry,
} from '../domain/household-records.ts';
import { anyDate, recordDate } from './dates.ts';
import { emailFault } from '../domain/email.ts';
import { identifiesHousehold, TEXT_LIMITS, UNIDENTIFIED_HOUSEHOLD } from '../domain/household-details.ts';
import { checkTypedTelephone } from '../domain/telephone.ts';
import { postcodeFault, ukPostcode } from '../domain/postcode.ts';
import { SOURCE_KEYS } from '../domain/sources.ts';
import { isFinancialYear } from '../domain/financial-year.ts';
import {
  CEASE_INITIATED_BY,
  DEFAULT_PATHWAY,
  ENDED_BY,
  MILESTONES,
  PATHWAYS,
  STATUSES,
} from '../domain/stages.ts';

const id = z.number().int().positive();
const text = (max = 200) => z.string().trim().max(max);
const optText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** A closure as recorded, and as corrected. */
const closureFields = () => ({
  id,
  date: recordDate(),
  reasonKey: text(60).min(1, 'Choose a reason.'),
  endedBy: z.enum(ENDED_BY),
});
/** A cessation as recorded, and as corrected. */
const cessationFields = () => ({
  id,
  date: recordDate().optional(),
  noticeDate: recordDate().optional(),
  reasonKey: text(60).min(1, 'Choose a leaving reason.'),
  initiatedBy: z.enum(CEASE_INITIATED_BY),
});
/** What a correction says beside the ending's fields: its notes, and why. */
const correctionFields = (ending: 'closure' | 'cessation') => ({
  // Said, not left out: a correction that leaves them out would clear the notes held.
  notes: text(4000)
    .nullable()
    .transform((v) => v || null),
  because: text(500).min(1, `Say why the ${ending} is corrected.`),
});

export {
  STAGE_FILTERS,
  SORT_COLUMNS,
  type SortColumn,
  type HouseholdListRow,
  type HouseholdList,
  type PipelineColumn,
  type Dashboard,
  type DuplicateCandidate,
  type MilestoneRecord,
  type ExitInterviewRecord,
  type HouseholdRecord,
  type JourneyDateRecord,
  type TimelineEntry,
  type HouseholdFilter,
} from '../domain/household-records.ts';

export const MILESTONE_KINDS = MILESTONES;

export const listFilter = z
  .object({
    search: text(100).optional(),
    stage: z.enum(STAGE_FILTERS).optional(),
    status: z.enum(STATUSES).optional(),
    pathway: z.enum(PATHWAYS).optional(),
    source: text(TEXT_LIMITS.source).optional(),
    // The list's address carries these too, and drops a value they refuse (list-filter.ts).
    fy: z.string().max(7).refine(isFinancialYear, 'Give a financial year like 2024/25.').optional(),
    overdue: z.boolean().optional(),
    sort: z.enum(SORT_COLUMNS).default('enquiryDate'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type ListFilter = z.input<typeof listFilter>;

// The longest text each household field holds: in domain/, so the importer reads it without the schemas.
export { TEXT_LIMITS };

/** An email address typed by hand: checked as an import checks one (domain/email.ts). */
const email = () =>
  optText(TEXT_LIMITS.email).transform((v, ctx) => {
    const fault = v === null ? null : emailFault(v);
    if (fault === null) return v;
    ctx.issues.push({ code: 'custom', message: fault, input: v });
    return z.NEVER;
  });

/** A telephone number typed by hand: a UK one stored in the form an import gives it (domain/telephone.ts). */
const telephone = () =>
  optText(TEXT_LIMITS.telephone).transform((v, ctx) => {
    if (v === null) return null;
    const checked = checkTypedTelephone(v);
    if (checked.ok) return checked.value;
    ctx.issues.push({ code: 'custom', message: checked.message, input: v });
    return z.NEVER;
  });

/** A postcode typed by hand: stored in the form an import gives it (domain/postcode.ts). */
const postcode = () =>
  optText(TEXT_LIMITS.postcode).transform((v, ctx) => {
    if (v === null) return null;
    const tidied = ukPostcode(v);
    if (tidied) return tidied;
    ctx.issues.push({ code: 'custom', message: postcodeFault(v), input: v });
    return z.NEVER;
  });

const details = {
  firstName: optText(TEXT_LIMITS.firstName),
  surname: optText(TEXT_LIMITS.surname),
  email: email(),
  telephone: telephone(),
  postcode: postcode(),
  // One of the listed sources (empty: not known), never free text: a purge keeps it.
  source: optText(TEXT_LIMITS.source).refine(
    (v) => v === null || SOURCE_KEYS.includes(v),
    'Choose one of the listed sources (or leave it not known).',
  ),
  householdType: optText(TEXT_LIMITS.householdType),
  notes: optText(TEXT_LIMITS.notes),
};

const byId = z.object({ id }).strict();

export const householdsContract = {
  'households.listHouseholds': method<HouseholdList>()(() =>
    listFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'households.exportList': method<{ fileName: string; mime: string; base64: string; rows: number }>()(() =>
    listFilter.extend({ format: z.enum(['xlsx', 'csv']) }),
  ),
  'households.getPipeline': method<PipelineColumn[]>()(() =>
    z
      .object({
        pathway: z.enum(PATHWAYS).optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  /** The count above the list: of every pathway, or of the pathway the list is filtered to. */
  'households.getDashboard': method<Dashboard>()(() =>
    z.object({ pathway: z.enum(PATHWAYS).optional() }).strict(),
  ),
  'households.getHousehold': method<HouseholdRecord>()(() => byId),
  'households.getTimeline': method<TimelineEntry[]>()(() => byId),
  'households.findDuplicates': method<DuplicateCandidate[]>()(() =>
    z
      .object({
        email: optText(254),
        firstName: optText(),
        surname: optText(),
        postcode: optText(12),
        telephone: optText(TEXT_LIMITS.telephone),
        /** The enquiry date of the household typed (a same name with a close one is flagged). */
        enquiryDate: anyDate().optional(),
        excludeId: id.optional(),
      })
      .strict(),
  ),
  'households.createHousehold': method<{ id: number; reference: string }>()(() =>
    z
      .object({
        reference: optText(TEXT_LIMITS.reference),
        pathway: z.enum(PATHWAYS).default(DEFAULT_PATHWAY),
        enquiryDate: recordDate(),
        ...details,
        /** Save even though likely duplicates exist (the user saw the warning). */
        confirmDuplicates: z.boolean().default(false),
      })
      .strict()
      .refine(identifiesHousehold, { message: UNIDENTIFIED_HOUSEHOLD, path: ['firstName'] }),
  ),
  'households.updateDetails': method<HouseholdRecord>()(() =>
    z
      .object({ id, ...details })
      .partial()
      .required({ id: true })
      .strict(),
  ),
  'households.recordMilestone': method<HouseholdRecord>()(() =>
    z.object({ id, kind: z.enum(MILESTONE_KINDS), date: recordDate() }).strict(),
  ),
  /**
   * Corrects a recorded milestone's date, with a reason: of the current episode, or of an earlier one
   * (`episode`, as the record numbers them), whose years the reports count it in.
   */
  'households.correctMilestone': method<HouseholdRecord>()(() =>
    z
      .object({
        id,
        kind: z.enum(MILESTONE_KINDS),
        date: recordDate(),
        reason: text(500).min(1, 'Say why the date is corrected.'),
        episode: z.number().int().positive().optional(),
      })
      .strict(),
  ),
  'households.removeMilestone': method<HouseholdRecord>()(() =>
    z
      .object({
        id,
        kind: z.enum(MILESTONE_KINDS),
        reason: text(500).min(1, 'Say why the milestone is removed.'),
      })
      .strict(),
  ),
  /** Records when the enquiry was first answered; correcting a recorded one needs `correctionReason`. */
  'households.recordResponse': method<HouseholdRecord>()(() =>
    z.object({ id, date: recordDate(), correctionReason: optText(500) }).strict(),
  ),
  'households.closeHousehold': method<HouseholdRecord>()(() =>
    z.object({ ...closureFields(), notes: optText(4000) }).strict(),
  ),
  'households.reopenHousehold': method<HouseholdRecord>()(() =>
    z.object({ id, enquiryDate: recordDate(), notes: optText(4000) }).strict(),
  ),
  'households.ceaseHousehold': method<HouseholdRecord>()(() =>
    z.object({ ...cessationFields(), notes: optText(4000) }).strict(),
  ),
  /** The cessation corrected (its dates, reason, who initiated it, notes), with why: its exit interview stays. */
  'households.correctCessation': method<HouseholdRecord>()(() =>
    z.object({ ...cessationFields(), ...correctionFields('cessation') }).strict(),
  ),
  'households.removeCessation': method<HouseholdRecord>()(() =>
    z.object({ id, reason: text(500).min(1, 'Say why the cessation is removed.') }).strict(),
  ),
  'households.removeClosure': method<HouseholdRecord>()(() =>
    z.object({ id, reason: text(500).min(1, 'Say why the closure is removed.') }).strict(),
  ),
  /** The standing closure corrected (date, reason, who ended it, notes), with why: its exit interview stays. */
  'households.correctClosure': method<HouseholdRecord>()(() =>
    z.object({ ...closureFields(), ...correctionFields('closure') }).strict(),
  ),
  'households.saveExitInterview': method<HouseholdRecord>()(() =>
    z
      .object({
        id,
        /** Which ending it follows: a closure (by id) or the cessation. */
        closureId: id.optional(),
        cessationId: id.optional(),
        status: z.enum(EXIT_INTERVIEW_STATUSES),
        offeredDate: recordDate().nullish(),
        heldDate: recordDate().nullish(),
        heldBy: optText(TEXT_LIMITS.heldBy),
        reasons: z.array(text(60)).max(20).default([]),
        notes: optText(TEXT_LIMITS.notes),
        mightReturn: z.boolean().nullish(),
      })
      .strict(),
  ),
  'households.switchPathway': method<HouseholdRecord>()(() =>
    z.object({ id, pathway: z.enum(PATHWAYS), date: recordDate() }).strict(),
  ),
  /**
   * Merges the household with `mergeReference` (a duplicate) into household `id`, which is kept;
   * gives the kept household's record and the duplicate's reference as it was stored.
   */
  'households.mergeHouseholds': method<MergeResult>()(() =>
    z
      .object({
        id,
        mergeReference: text(60).min(1, 'Give the reference of the duplicate to merge.'),
        reason: text(300).min(1, 'Say why these are the same household.'),
        /** Only checked, nothing written: the screen asks for confirmation once the merge would be taken. */
        dryRun: z.boolean().optional(),
      })
      .strict(),
  ),
} as const;
