/**
 * The shared vocabulary the UI may use at run time: labels, stage order, UK date and
 * financial-year formatting. Re-exported from the domain so each rule has one home.
 * Only pure modules belong here (no Node, no database).
 */
export {
  MILESTONES,
  MILESTONE_LABELS,
  OPEN_STAGES,
  STAGE_LABELS,
  STATUSES,
  STATUS_LABELS,
  PATHWAYS,
  PATHWAY_LABELS,
  PATHWAY_FULL_LABELS,
  PATHWAY_SCOPE_LABELS,
  DEFAULT_PATHWAY,
  ENDED_BY,
  ENDED_BY_LABELS,
  CEASE_INITIATED_BY,
  CEASE_INITIATED_BY_LABELS,
  EXIT_INTERVIEW_STATUSES,
  EXIT_INTERVIEW_STATUS_LABELS,
  MIGHT_RETURN_LABELS,
  heldInterviewWords,
  CURRENT_STAGE_LABELS,
  countedAsWords,
  currentStageLabel,
  stageReached,
} from '../domain/stages.ts';
export type {
  Milestone,
  OpenStage,
  Status as HouseholdStatus,
  ExitInterviewStatus,
  Pathway,
  EndedBy,
  CeaseInitiatedBy,
} from '../domain/stages.ts';
export { firstMilestone, latestMilestone, stageAtClosure } from '../domain/journey-state.ts';
export { cessationDate } from '../domain/journey-events.ts';
export {
  formatUkDate,
  formatUkDateTime,
  parseUkDate,
  daysBetween,
  addDays,
  isValidIsoDate,
  MONTH_NAMES,
} from '../domain/dates.ts';
export type { IsoDate } from '../domain/dates.ts';
export { DUPLICATE_WHY_LABELS } from '../domain/duplicates.ts';
export {
  RETENTION_RULE_LABELS,
  backupLabel,
  CONNECTED_PERSON_BASES,
  CONNECTED_PERSON_BASIS_LABELS,
} from '../domain/data-protection.ts';
export type { ConnectedPersonBasis } from '../domain/data-protection.ts';
export {
  fyOf,
  quarterOf,
  fyLabel,
  fyRange,
  isFinancialYear,
  lastCompleteYears,
} from '../domain/financial-year.ts';
export { SOURCES, sourceLabel } from '../domain/sources.ts';
export { foundByWords, peopleWord, personLabel } from '../domain/carers.ts';
export {
  countOf,
  ERASED_NAME,
  LIKELY_RANGE,
  LIKELY_RANGE_HEADING,
  LIKELY_RANGE_MEANS,
  rangeWords,
} from '../domain/words.ts';
export { checkEndDate, checkMilestoneOrder, missingStepsOfRecord } from '../domain/order-rules.ts';
// What Add household says of its fields before asking, by the rules the core refuses them by.
export { earlyDateFault } from '../domain/dates.ts';
export { emailFault } from '../domain/email.ts';
export { checkTypedTelephone } from '../domain/telephone.ts';
export { postcodeFault, ukPostcode } from '../domain/postcode.ts';
export {
  endingErased,
  handActionAllowed,
  mergeIntoAllowed,
  responseChangeAllowed,
} from '../domain/hand-actions.ts';
export { HOUSEHOLD_TYPES, householdTypeLabel } from '../domain/household-types.ts';
/** The longest each typed text may be, as the core keeps it: a field's maxLength. */
export { identifiesHousehold, TEXT_LIMITS, UNIDENTIFIED_HOUSEHOLD } from '../domain/household-details.ts';
export {
  REASON_LIST_NAMES,
  REASON_ENDED_BY,
  REASON_ENDED_BY_LABELS,
  endedByFault,
  givenInInterview,
  interviewHeldAfter,
  reasonEndedBy,
  reasonStageFault,
  reasonWithText,
} from '../domain/reasons.ts';
export type { ReasonEndedBy } from '../domain/reasons.ts';
/** The one rate formula of the reports (the funnel chart's step conversions use it too). */
export { rate } from '../reports/rate.ts';
export { reportFileBase } from '../reports/file-name.ts';
// The UI's other vocabularies, here rather than from the contract's method modules: those build
// zod schemas as they load, and importing a label from one put zod and every schema into the
// UI's first script (a sixth of it, evaluated before the first screen draws).
export { ALERT_LABELS } from '../domain/alerts.ts';
export { pastStage1 } from '../domain/decision-clocks.ts';
export { SORT_COLUMNS, STAGE_FILTERS } from '../domain/household-records.ts';
export {
  APPLICATION_BASES,
  APPLICATION_BASIS_WORDS,
  extensionWeeksWords,
  JOURNEY_DATE_KINDS,
  journeyDateDetail,
  JOURNEY_DATE_LABELS,
  JOURNEY_DATE_STATUSES,
  KINSHIP_ONLY,
  REG25_MAX_WEEKS,
  VIABILITY_RESULTS,
  VIABILITY_RESULT_LABELS,
} from '../domain/journey-dates.ts';
export { JOURNEY_DATE_NEEDS } from '../domain/journey-date-order.ts';
export type { ViabilityResult } from '../domain/journey-dates.ts';
export { endingBeforeStepFault } from '../domain/journey-dates.ts';
export { otherPathway } from '../domain/episode-pathway.ts';
export { pathwaySwitchFault } from '../domain/pathway-switch.ts';
export {
  CHARACTERISTICS,
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  NOT_RECORDED_LABEL,
} from '../domain/characteristics.ts';
export {
  BASES,
  BASIS_LABELS,
  FIGURE_PATHWAYS,
  MEASURES,
  MEASURE_KIND,
  MEASURE_LABELS,
  checkValue,
  figureNumberText,
} from '../domain/targets.ts';
