/**
 * The journey of a household, in order. This file is the one place that knows the
 * stage order; the import, the UI, the CLI and the reports all ask it.
 */
export const MILESTONES = [
  'enquiry',
  'initial_visit',
  'eoi',
  'stage1',
  'stage2',
  'panel',
  'approval',
] as const;
export type Milestone = (typeof MILESTONES)[number];

export const MILESTONE_LABELS: Record<Milestone, string> = {
  enquiry: 'Enquiry',
  initial_visit: 'Initial visit',
  eoi: 'EOI / application',
  stage1: 'Stage 1',
  stage2: 'Stage 2',
  panel: 'Panel',
  approval: 'Approved',
};

/**
 * Each milestone named inside a sentence ("enquiry to EOI", "Reached panel", "days to approval"):
 * the reports' row labels and definitions build their words from it.
 */
export const MILESTONE_WORDS: Record<Milestone, string> = {
  enquiry: 'enquiry',
  initial_visit: 'initial visit',
  eoi: 'EOI',
  stage1: 'Stage 1',
  stage2: 'Stage 2',
  panel: 'panel',
  approval: 'approval',
};

/** Stages a household can be "at" before approval (the pipeline columns and drop-out table columns). */
export const OPEN_STAGES = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

/**
 * The milestones the funnel and Home's year-to-date figures count, in order: every milestone but
 * the optional initial visit and the panel (whose outcome is the approval that follows it).
 */
export const FUNNEL_MILESTONES = MILESTONES.filter(
  (m): m is Exclude<Milestone, 'initial_visit' | 'panel'> => m !== 'initial_visit' && m !== 'panel',
);
export type FunnelMilestone = (typeof FUNNEL_MILESTONES)[number];

export const STAGE_LABELS: Record<OpenStage, string> = {
  enquiry: 'Enquiry',
  eoi: 'EOI',
  stage1: 'Stage 1',
  stage2: 'Stage 2',
  panel: 'Panel',
};

export const STATUSES = ['open', 'closed', 'approved', 'ceased'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  closed: 'Closed',
  approved: 'Approved',
  ceased: 'Ceased',
};

/**
 * Where a household is now (its `stage`: the list's column and stage filter, the pipeline): the
 * open stage it has reached (or had reached, once closed), approved, or ceased (domain/summary.ts).
 */
export const CURRENT_STAGES = [...OPEN_STAGES, 'approval', 'ceased'] as const;
export type CurrentStage = (typeof CURRENT_STAGES)[number];
export const CURRENT_STAGE_LABELS: Record<CurrentStage, string> = {
  ...STAGE_LABELS,
  approval: MILESTONE_LABELS.approval,
  ceased: STATUS_LABELS.ceased,
};
/** A stored stage's label; an unknown one as it is stored. */
export const currentStageLabel = (stage: string): string =>
  (CURRENT_STAGE_LABELS as Record<string, string>)[stage] ?? stage;

/** What a household behind a figure was counted for, as a drill list's "Counted as" says it. */
export const countedAsWords = (e: {
  kind: 'approved' | 'ceased' | 'closed';
  stage: string | null;
}): string =>
  e.kind === 'approved'
    ? STATUS_LABELS.approved
    : e.kind === 'ceased'
      ? 'Ceased to foster'
      : `Dropped out${e.stage ? ` at ${currentStageLabel(e.stage)}` : ''}`;

export const PATHWAYS = ['mainstream', 'kinship'] as const;
export type Pathway = (typeof PATHWAYS)[number];
export const PATHWAY_LABELS: Record<Pathway, string> = { mainstream: 'Mainstream', kinship: 'Kinship' };
/**
 * Each pathway named in full, where there is room (a form's choice, a report's pathway, a table's
 * title): the short name first, so a list's "Kinship" and a report's read alike.
 */
export const PATHWAY_FULL_LABELS: Record<Pathway, string> = {
  mainstream: PATHWAY_LABELS.mainstream,
  kinship: 'Kinship (connected persons)',
};
/** The pathway a household, a report or a figure is on unless it says otherwise: the recruitment funnel proper. */
export const DEFAULT_PATHWAY: Pathway = 'mainstream';

/** A pathway, or both together: a report's pathway filter, a planning figure's pathway. */
export const PATHWAY_SCOPES = [...PATHWAYS, 'all'] as const;
export type PathwayScope = (typeof PATHWAY_SCOPES)[number];
/** Each scope as a report's options and a planning figure name it. */
export const PATHWAY_SCOPE_LABELS: Record<PathwayScope, string> = {
  ...PATHWAY_FULL_LABELS,
  all: 'All pathways',
};

export const ENDED_BY = ['applicant', 'service', 'lost_contact'] as const;
export type EndedBy = (typeof ENDED_BY)[number];

export const ENDED_BY_LABELS: Record<EndedBy, string> = {
  applicant: 'Applicant withdrew',
  service: 'Service ended it',
  lost_contact: 'Lost contact',
};

/** An exit interview, offered after a closure or a cessation: where it stands. */
export const EXIT_INTERVIEW_STATUSES = ['offered', 'held', 'declined'] as const;
export type ExitInterviewStatus = (typeof EXIT_INTERVIEW_STATUSES)[number];
export const EXIT_INTERVIEW_STATUS_LABELS: Record<ExitInterviewStatus, string> = {
  offered: 'Offered',
  held: 'Held',
  declined: 'Declined',
};

/**
 * The reports' rows for the exit interview after an ending (the drop-out table's closures, the
 * leaving table's cessations), in the order they are read, with `none` for an ending that has none.
 */
const EXIT_INTERVIEW_REPORT_LABELS: Record<ExitInterviewStatus | 'none', string> = {
  held: 'Exit interview held',
  declined: 'Exit interview declined',
  offered: 'Offered, not yet held',
  none: 'Not offered or not recorded',
};
export const EXIT_INTERVIEW_REPORT_ROWS = Object.entries(EXIT_INTERVIEW_REPORT_LABELS).map(
  ([key, label]) => ({
    key,
    label,
  }),
);

/** A held exit interview's answer to "Might return later", as the interview form offers it. */
export const MIGHT_RETURN_LABELS = { yes: 'Yes', no: 'No', unknown: 'Not known' } as const;

/**
 * What a household said at the exit interview held after an ending, in a list's words (a drill
 * line, Reports' or Home's, DrillEvent `said` / `mightReturn`): the reasons given (already the
 * service's words), or that none was given, and the answer to "Might return later"; both blank
 * where none was held (`said` null), as a declined or offered interview said nothing.
 */
export function heldInterviewWords(e: { said?: readonly string[] | null; mightReturn?: boolean | null }): {
  said: string;
  mightReturn: string;
} {
  if (e.said === null || e.said === undefined) return { said: '', mightReturn: '' };
  const answer = e.mightReturn === true ? 'yes' : e.mightReturn === false ? 'no' : 'unknown';
  return {
    said: e.said.length > 0 ? e.said.join('; ') : 'No reason given',
    mightReturn: MIGHT_RETURN_LABELS[answer],
  };
}

export const CEASE_INITIATED_BY = ['carer', 'service'] as const;
export type CeaseInitiatedBy = (typeof CEASE_INITIATED_BY)[number];
/** Who initiated a cessation, as the record's form offers it. */
export const CEASE_INITIATED_BY_LABELS: Record<CeaseInitiatedBy, string> = {
  carer: 'The carer',
  service: 'The service',
};

/**
 * Position in the funnel used for order rules. The initial visit is optional and sits
 * between enquiry and EOI; it only has to follow the enquiry.
 */
export const milestoneRank = (m: Milestone): number => MILESTONES.indexOf(m);

/**
 * The open stage a household had reached, from the milestones it has (initial visit
 * does not move it on). Approval is not an open stage: callers check it first.
 */
export function stageReached(has: ReadonlySet<Milestone> | readonly Milestone[]): OpenStage {
  const set = has instanceof Set ? has : new Set(has as readonly Milestone[]);
  for (let i = OPEN_STAGES.length - 1; i >= 0; i--) {
    const stage = OPEN_STAGES[i]!;
    if (set.has(stage)) return stage;
  }
  return 'enquiry';
}
