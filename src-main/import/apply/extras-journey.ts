import type { JourneyNow, JourneyValues } from '../../db/queries/import-extras.ts';
import type { IsoDate } from '../../domain/dates.ts';
import {
  JOURNEY_DATE_KINDS,
  journeyDateWords,
  KINSHIP_ONLY,
  kinshipApplication,
  type EpisodeEnding,
  type JourneyDateKind,
  type JourneyDates,
} from '../../domain/journey-dates.ts';
import { checkJourneyDate, journeyDateFaultPart } from '../../domain/journey-date-order.ts';
import { DEFAULT_PATHWAY, type Milestone, type Pathway } from '../../domain/stages.ts';
import { JOURNEY_FIELDS, type JourneyField } from '../records/extra-fields.ts';
import type { ImportRecord } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { ExtrasChange, ExtrasOptions, ExtrasSink } from './extras-change.ts';
import { readerFor } from './extras-reader.ts';
import type { PlannedChange } from './planned-change.ts';

/**
 * A row's journey dates (kinship viability, panel dates, extensions: domain/journey-dates.ts)
 * against the steps the household holds (apply/extras.ts plans the rest of the row's extras), and
 * the steps as the row leaves them, which the plan gives the journey engine (plan-update.ts,
 * plan-parts.ts). Checked as a hand entry is, against the episode they land in.
 */

const FIELD_OF_KIND = Object.fromEntries(
  (Object.entries(JOURNEY_FIELDS) as Array<[JourneyField, JourneyDateKind | null]>)
    .filter(([, k]) => k)
    .map(([f, k]) => [k, f]),
) as Record<JourneyDateKind, JourneyField>;

/**
 * Whether a step the row dates stays as the household holds it: typed by hand, or removed by hand
 * (a date removed by hand is not put back by the file, as a milestone's is not: plan.ts), unless
 * the import overwrites what was typed.
 */
function keptFromRow(
  kind: JourneyDateKind,
  old: { source: string } | undefined,
  existing: ExistingHousehold,
  index: ExistingIndex,
  opts: ExtrasOptions,
): 'hand' | 'removed' | null {
  if (opts.overwriteHand) return null;
  if (old) return old.source === 'hand' ? 'hand' : null;
  return index.removedByHand(existing, 'journey_date', kind) ? 'removed' : null;
}

/** The current episode's steps as stored (before the row). */
export function storedSteps(existing: ExistingHousehold, index: ExistingIndex): JourneyDates {
  const out: JourneyDates = {};
  for (const h of readerFor(index).journey(existing.id, existing.episode))
    out[h.kind] = { date: h.date, detail: h.detail, reason: h.reason, weeks: h.weeks };
  return out;
}

/**
 * The current episode's steps as the row leaves them: those held, with the row's own dates where
 * they land (keptFromRow). The journey engine bounds the milestones a row moves by these, so a row
 * that moves the panel and its minutes together is taken, and one that moves the panel past
 * minutes it leaves as they are is refused. (The steps the row brings are checked against its
 * milestones in planJourneyDates.)
 */
export function stepsAfterRow(
  r: ImportRecord,
  existing: ExistingHousehold,
  index: ExistingIndex,
  opts: ExtrasOptions,
): JourneyDates {
  const held = readerFor(index).journey(existing.id, existing.episode);
  const out = storedSteps(existing, index);
  for (const kind of JOURNEY_DATE_KINDS) {
    const given = r.extras?.journey[kind];
    const old = held.find((h) => h.kind === kind);
    if (given && !keptFromRow(kind, old, existing, index, opts)) out[kind] = { ...out[kind], ...given };
  }
  return out;
}

/**
 * A new household's kinship application (domain/journey-dates.ts `kinshipApplication`), which its
 * closure's stage counts (stageAtClosure): the row's own viability request, when the household is
 * on `pathway` (the row's, and kinship where it gives kinship steps and no pathway:
 * planJourneyDates; a request on a mainstream household is refused there). A known household's is
 * the engine's.
 */
export function rowKinshipApplication(r: ImportRecord, pathway: Pathway): IsoDate | null {
  return kinshipApplication({ pathway }, r.extras?.journey.viability_request?.date);
}

/** The episode's milestones as the row leaves them: those held (unless the row re-opens), then the row's. */
function milestonesAfterRow(
  existing: ExistingHousehold | null,
  reopened: boolean,
  change: PlannedChange | null,
  index: ExistingIndex,
): Partial<Record<Milestone, string>> {
  const milestones: Partial<Record<Milestone, string>> = {};
  if (existing && !reopened) for (const m of index.milestones(existing)) milestones[m.kind] = m.date;
  for (const m of change?.milestones ?? []) milestones[m.kind] = m.date;
  Object.assign(milestones, change?.created?.milestones ?? {});
  return milestones;
}

/**
 * No step passes the episode's standing ending; the row's own closure or cessation is checked
 * against the row's steps by the journey engine (endingBeforeStepFault), so named once.
 */
function standingEnding(
  existing: ExistingHousehold | null,
  reopened: boolean,
  change: PlannedChange | null,
  index: ExistingIndex,
): EpisodeEnding | null {
  const standing = existing && !reopened ? existing : null;
  const closure = standing && (!change?.closure || change.closure.stageOnly) ? index.closure(standing) : null;
  const cessation = standing && !change?.cessation ? index.cessation(standing) : null;
  return closure
    ? { what: 'closure', date: closure.date }
    : cessation
      ? { what: 'cessation', date: cessation.date }
      : null;
}

/**
 * The row's dated steps that land (`journey` takes them): those that change what is held, less
 * those kept as typed or removed by hand (keptFromRow, with a warning).
 */
function landingSteps(
  kinds: JourneyDateKind[],
  given: NonNullable<ImportRecord['extras']>['journey'],
  held: JourneyNow[],
  journey: JourneyDates,
  r: ImportRecord,
  standing: ExistingHousehold | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  to: ExtrasSink,
): ExtrasChange['journey'] {
  const landing: ExtrasChange['journey'] = [];
  for (const kind of kinds) {
    const step = given[kind]!;
    const old = held.find((h) => h.kind === kind);
    const next: JourneyValues = {
      date: step.date,
      detail: kind === 'viability_outcome' ? (step.detail ?? null) : null,
      reason: kind === 'extension' ? (step.reason ?? null) : null,
      // A file with no length leaves the one held (typed by hand, or an earlier file's).
      weeks: kind === 'extension' ? (step.weeks ?? old?.weeks ?? null) : null,
    };
    if (
      old &&
      old.date === next.date &&
      old.detail === next.detail &&
      old.reason === next.reason &&
      old.weeks === next.weeks
    )
      continue;
    const kept = standing ? keptFromRow(kind, old, standing, index, opts) : null;
    if (kept === 'hand') {
      to.keptByHand(journeyDateWords(kind), FIELD_OF_KIND[kind]);
      continue;
    }
    if (kept === 'removed') {
      to.issue(
        false,
        FIELD_OF_KIND[kind],
        `${r.reference}: its ${journeyDateWords(kind)} was removed by hand, so the row's date is not recorded again (choose "overwrite" to record it).`,
      );
      continue;
    }
    journey[kind] = next;
    landing.push({
      kind,
      id: old?.id ?? null,
      old: old
        ? {
            date: old.date,
            detail: old.detail,
            reason: old.reason,
            weeks: old.weeks,
            source: old.source,
            batch_id: old.batch_id,
          }
        : null,
      next,
    });
  }
  return landing;
}

/**
 * Plans the row's journey dates into `to.out.journey`, each checked as a hand entry is against the
 * episode it lands in (an error refuses the row). A new household with kinship steps and no
 * pathway column is made a kinship household (`change.pathway`).
 */
export function planJourneyDates(
  given: NonNullable<ImportRecord['extras']>['journey'],
  r: ImportRecord,
  existing: ExistingHousehold | null,
  change: PlannedChange | null,
  purgedAt: string | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  to: ExtrasSink,
): void {
  const kinds = JOURNEY_DATE_KINDS.filter((k) => given[k] && !(purgedAt && k === 'extension'));
  if (kinds.length === 0) return;
  const reader = existing ? readerFor(index) : null;
  const episode = change?.episode ?? existing?.episode ?? 1;
  const reopened = !!change?.reopen;
  const held = existing && !reopened ? reader!.journey(existing.id, episode) : [];
  const milestones = milestonesAfterRow(existing, reopened, change, index);
  const journey: JourneyDates = {};
  for (const h of held)
    journey[h.kind] = { date: h.date, detail: h.detail, reason: h.reason, weeks: h.weeks };
  // A new household with kinship steps and no pathway column is a kinship household.
  if (change?.created && !r.values.pathway && kinds.some((k) => KINSHIP_ONLY.has(k)))
    change.pathway = 'kinship';
  const pathway = (change?.pathwaySwitch?.to ??
    change?.pathway ??
    existing?.pathway ??
    DEFAULT_PATHWAY) as Pathway;
  const standing = existing && !reopened ? existing : null;
  const landing = landingSteps(kinds, given, held, journey, r, standing, index, opts, to);
  const checkedToo = new Set(landing.map((j) => j.kind));
  const ending = standingEnding(existing, reopened, change, index);
  for (const j of landing) {
    const bad = checkJourneyDate(j.kind, j.next, {
      ending,
      pathway,
      // As the hand writer does: the episode's record (not the row's re-opened one) answers for past dates.
      episode: existing && !reopened ? reader!.episodePathway(existing.id, episode) : null,
      milestones,
      journey,
      today: opts.today,
      checkedToo,
    });
    if (!bad) continue;
    const field = {
      result: 'viability_result',
      reason: 'extension_reason',
      weeks: 'extension_weeks',
      date: FIELD_OF_KIND[j.kind],
    }[journeyDateFaultPart(bad)];
    to.issue(true, field, existing ? `${r.reference}: ${bad}` : bad);
  }
  to.out.journey = landing;
}
