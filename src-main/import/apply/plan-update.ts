import { formatUkDate, type IsoDate } from '../../domain/dates.ts';
import { foldForSearch, spellingLost } from '../../domain/fold.ts';
import { keepsHeldTelephone } from '../../domain/telephone.ts';
import {
  decide,
  episodeStart,
  importSwitchDate,
  pathwaySwitchFault,
  placeEnquiry,
  type Dates,
  type JourneyState,
  type JourneyWrite,
} from '../../domain/journey.ts';
import { endedByInterviewFault } from '../../domain/order-rules.ts';
import {
  ENDED_BY_LABELS,
  MILESTONES,
  MILESTONE_LABELS,
  type EndedBy,
  type Milestone,
  type OpenStage,
  type Pathway,
} from '../../domain/stages.ts';
import { type JourneyDates } from '../../domain/journey-dates.ts';
import { MILESTONE_DEPENDANTS, MILESTONE_PRECEDENTS } from '../../domain/journey-date-order.ts';
import { HOUSEHOLD_COLUMNS, type ImportRecord, type RowIssue } from '../records/import-record.ts';
import type { ClosureRow, ExistingHousehold, ExistingIndex } from './existing.ts';
import { stepsAfterRow, storedSteps } from './extras-journey.ts';
import {
  cessationFacts,
  cessationValues,
  closureFacts,
  closureValues,
  rowError,
  type PlanOptions,
} from './plan-parts.ts';
import type { ClosureValues, FieldChange, MilestoneChange, PlannedChange } from './planned-change.ts';

/*
 * A row for a household the app holds (plan.ts asks, row by row): what it changes, as the journey
 * engine decides it. The plan says what the row brings, leaving out what an import may not touch.
 */

/** updateFor's answer for an old export's row: an episode before the current one, which it leaves alone. */
export const EARLIER_EPISODE = 'earlier episode';

/**
 * A row whose first name and surname both differ from the record's (beyond case, accents and
 * punctuation): the reference is the join key, so the row is taken, but a change of both is
 * more often another household under the same reference in another system than a correction.
 */
function namesSomeoneElse(
  fields: readonly FieldChange[],
  r: ImportRecord,
): { old: string; next: string } | null {
  const first = fields.find((c) => c.field === 'first_name');
  const surname = fields.find((c) => c.field === 'surname');
  if (!first?.old || !surname?.old) return null;
  const differ = (c: FieldChange) => foldForSearch(c.old) !== foldForSearch(c.next);
  if (!differ(first) || !differ(surname)) return null;
  // A couple: the record's name is the row's other carer (a register naming carer 1 differently).
  const named = (p?: Partial<Record<string, string>>) =>
    !!p &&
    foldForSearch(p.first_name) === foldForSearch(first.old) &&
    foldForSearch(p.surname) === foldForSearch(surname.old);
  if (named(r.extras?.people[1]) || named(r.extras?.people[2])) return null;
  return { old: `"${first.old} ${surname.old}"`, next: `"${first.next} ${surname.next}"` };
}

/** The column the row's names came from: surname, full name or carer 1's (as the file has them). */
const nameColumn = (opts: PlanOptions): string =>
  opts.columnOf(
    (['surname', 'full_name', 'carer1_surname', 'carer1_full_name'] as const).find((f) => opts.mapped?.(f)) ??
      'surname',
  );

/**
 * Changes to an existing household: null when nothing would change, undefined when refused,
 * EARLIER_EPISODE for a row of an episode before the current one (warned of; nothing changes).
 */
export function updateFor(
  r: ImportRecord,
  h: ExistingHousehold,
  index: ExistingIndex,
  opts: PlanOptions,
  errors: RowIssue[],
  warnings: RowIssue[],
): PlannedChange | null | undefined | typeof EARLIER_EPISODE {
  // Provenance is read only when a value would change (most re-imported rows change nothing).
  let provCache: ReturnType<ExistingIndex['provenance']> | null = null;
  const prov = { get: (f: string) => (provCache ??= index.provenance(h)).get(f) };
  const keptByHand = (what: string, column: string) =>
    warnings.push({
      row: r.row,
      column,
      message: `Kept the ${what} entered by hand (choose "overwrite" to replace it).`,
    });
  const fields: FieldChange[] = [];
  for (const f of HOUSEHOLD_COLUMNS) {
    // The pathway is not a detail to overwrite: the engine dates a switch (below).
    if (f === 'pathway') continue;
    const next = r.values[f];
    const old = h[f];
    if (!next || next === old) continue;
    if ((f === 'first_name' || f === 'surname') && spellingLost(next, old)) continue;
    if (f === 'telephone' && keepsHeldTelephone(next, old)) continue;
    const p = prov.get(f) ?? null;
    if (p?.source === 'hand' && !opts.overwriteHand) {
      keptByHand(f.replace('_', ' '), opts.columnOf(f));
      continue;
    }
    fields.push({ field: f, old, next, prev: p });
  }

  // The journey's rules are the engine's (domain/journey.ts): the plan only says what the row
  // brings, leaving out what an import may not touch (dates and endings kept by hand).
  const current = index.milestones(h);
  const standing = index.closure(h);
  const ceased = index.cessation(h);
  const state: JourneyState = {
    reference: h.reference,
    episode: h.episode,
    pathway: h.pathway as Pathway,
    dates: Object.fromEntries(current.map((m) => [m.kind, m.date])),
    respondedDate: h.responded_date,
    closure: standing
      ? { id: standing.id, date: standing.date, stage: standing.stage_reached as OpenStage }
      : null,
    cessation: ceased ? { id: ceased.id, date: ceased.date } : null,
  };
  // The day the current episode starts: its switches are those from it on.
  const start = episodeStart(state.dates, standing?.date ?? null);
  const enquiry = r.milestones.enquiry;
  let reopenOn: string | null = null;
  if (enquiry && enquiry !== state.dates.enquiry) {
    const place = placeEnquiry(enquiry, state);
    if (place === 'earlier') {
      // An old export's row: it belongs to an episode before the current one, and an import
      // never rewrites a newer episode (nor the household's details) from it.
      warnings.push({
        row: r.row,
        column: opts.columnOf('enquiry_date'),
        message: `${h.reference}: this row is an earlier episode (enquiry ${formatUkDate(enquiry)}); the household enquired again on ${formatUkDate(state.dates.enquiry!)}, so the row changes nothing.`,
      });
      return EARLIER_EPISODE;
    }
    // A closed household enquiring again, on or after its closure, starts a new episode; the closure keeps its record.
    if (place === 'reopens') reopenOn = enquiry;
  }
  const held = reopenOn ? [] : current;
  const dates: Dates = {};
  for (const kind of MILESTONES) {
    const date = r.milestones[kind];
    const old = held.find((m) => m.kind === kind);
    if (!date || old?.date === date) continue;
    if (old?.source === 'hand' && !opts.overwriteHand) {
      keptByHand(`${MILESTONE_LABELS[kind]} date`, opts.columnOf(`${kind}_date`));
      continue;
    }
    // A date removed by hand (entered on the wrong household, say) is not put back by the file.
    if (!old && !reopenOn && !opts.overwriteHand && index.removedByHand(h, 'milestone', kind)) {
      warnings.push({
        row: r.row,
        column: opts.columnOf(`${kind}_date`),
        message: `${h.reference}: its ${MILESTONE_LABELS[kind]} date was removed by hand, so the row's date is not recorded again (choose "overwrite" to record it).`,
      });
      continue;
    }
    dates[kind] = date;
  }

  // The row's response date, unless one typed by hand stands (a re-opening row's is the new episode's).
  let responded: IsoDate | null = null;
  if (r.responded && (reopenOn || r.responded !== h.responded_date)) {
    if (!reopenOn && h.responded_date && prov.get('responded_date')?.source === 'hand' && !opts.overwriteHand)
      keptByHand('date the enquiry was answered', opts.columnOf('responded_date'));
    else responded = r.responded;
  }

  // The cessation the row brings, first: a pathway change may not come after it.
  let cessation: PlannedChange['cessation'] = null;
  // The row's cessation is not recorded (removed by hand, or one entered by hand kept): the engine
  // is not given it either, so the plan and the engine bound the row's other dates alike.
  let unrecorded = false;
  // The row's cessation as the plan reads it (a reason or initiator kept as recorded): the engine's too.
  let rowCessation: ReturnType<typeof cessationValues> | null = null;
  if (r.cessation) {
    // A row moving the date with no reason for leaving (its cell blank, or no such column) keeps
    // the stored reason, as a blank in a later export never erases: it was read as "Other".
    const keptReason = !!(r.cessation.noReason && ceased);
    const values = cessationValues(r);
    const next = keptReason
      ? { ...values, reason_key: ceased!.reason_key, reason_text: ceased!.reason_text }
      : values;
    // Who initiated it is the row's only where the row says it (its "Initiated by" cell); else it
    // stays as recorded beside the recorded reason (a file that does not say never resets it), and
    // goes with a new reason (a safeguarding termination is the service's).
    if (!r.cessation.initiatedByGiven && ceased && ceased.reason_key === next.reason_key)
      next.initiated_by = ceased.initiated_by as typeof next.initiated_by;
    rowCessation = next;
    // A row with the cessation's date and no reason for leaving restates it, as a closure's does,
    // unless it says another initiated it.
    const same =
      ceased &&
      ((r.cessation.noReason && ceased.date === next.date && ceased.initiated_by === next.initiated_by) ||
        (Object.keys(next) as Array<keyof typeof next>).every((k) => ceased[k] === next[k]));
    // A cessation removed by hand (recorded by mistake) is not brought back by the file it came from,
    // nor by another carrying the same date; one on another date is a cessation of its own.
    const removed = !ceased && !opts.overwriteHand ? index.endingRemovedByHand(h, 'cessation') : undefined;
    if (!same) {
      if (ceased?.source === 'hand' && !opts.overwriteHand) {
        keptByHand('deregistration', opts.columnOf('deregistration_date'));
        unrecorded = true;
      } else if (removed !== undefined && (removed === null || removed === next.date)) {
        warnings.push({
          row: r.row,
          column: opts.columnOf('deregistration_date'),
          message: `${h.reference}: its cessation was removed by hand, so the row's deregistration is not recorded again (choose "overwrite" to record it).`,
        });
        unrecorded = true;
      } else cessation = { old: ceased, next, ...(keptReason ? { keptReason } : {}) };
    }
  }

  let pathwayTo: Pathway | null = null;
  let switchOn: IsoDate | null = null;
  const filePathway = r.values.pathway as Pathway | undefined;
  if (filePathway && filePathway !== h.pathway) {
    // A re-enquiry is a new episode, on the file's pathway: a pathway kept by hand was the last one's.
    if (prov.get('pathway')?.source === 'hand' && !opts.overwriteHand && !reopenOn)
      keptByHand('pathway', opts.columnOf('pathway'));
    else pathwayTo = filePathway;
  }
  // A re-enquiry comes on or after the last pathway change (the engine's rule: checkReopen), and
  // so does a cessation (ceaseFostering).
  if (reopenOn || cessation) state.lastSwitchOn = index.lastSwitchOn(h);
  if (pathwayTo) {
    // A switch the engine would refuse (a third in the episode) keeps the pathway, with a warning:
    // the rest of the row still counts, as for a pathway kept by hand. A row that re-opens starts
    // an episode with no switch yet.
    // The episode as the row leaves it: a household with no milestone may take one from the row.
    state.lastSwitchOn = index.lastSwitchOn(h);
    const after = { ...state.dates, ...dates };
    const from = start ?? episodeStart(after, null);
    if (from) state.episodeSwitches = index.episodeSwitches(h, from);
    // The cessation the row records bounds the switch as a stored one does (the engine records it
    // first); one it does not record (removed by hand, or kept as entered by hand) bounds nothing new.
    const bound = cessation ? { id: null, date: cessation.next.date } : state.cessation;
    const episode = reopenOn
      ? { ...state, dates: { enquiry: reopenOn }, episodeSwitches: [] }
      : { ...state, dates: after, cessation: bound };
    switchOn = importSwitchDate(reopenOn, state.lastSwitchOn, opts.today);
    const fault = pathwaySwitchFault(episode, switchOn, opts.today);
    if (fault) {
      warnings.push({
        row: r.row,
        column: opts.columnOf('pathway'),
        message: `Kept the ${h.pathway} pathway: ${fault}`,
      });
      pathwayTo = null;
    }
  }

  // The closure the row brings (its stage is the engine's, below), unless it restates the standing one.
  let rowClosure: { old: ClosureRow | null; values: Omit<ClosureValues, 'stage_reached'> } | null = null;
  if (r.closure) {
    const oldClosure = reopenOn ? null : standing;
    const values = closureValues(r, reopenOn ? h.episode + 1 : h.episode);
    // A row with the closure's date and no reason (its reason cell blank, or a file with no reason
    // column) restates it, its stored reason not turned into "Other reason / unknown", unless its
    // Closed by names someone else.
    const restated =
      oldClosure &&
      r.closure.noReason &&
      oldClosure.date === values.date &&
      oldClosure.episode === values.episode &&
      (!r.closure.endedByGiven || oldClosure.ended_by === values.ended_by);
    const same =
      oldClosure &&
      (restated ||
        (Object.keys(values) as Array<keyof typeof values>).every((k) => oldClosure[k] === values[k]));
    // A closure removed by hand (recorded by mistake) is not brought back by the file it came from,
    // nor by another carrying the same date, as a cessation is not.
    const removed =
      !oldClosure && !reopenOn && !opts.overwriteHand ? index.endingRemovedByHand(h, 'closure') : undefined;
    // A closure whose exit interview is held is not made one ended by lost contact (the engine's
    // rule for a correction by hand, endedByInterviewFault; the engine sees no interview): a Closed
    // by cell, or a reason read as lost contact ("No response", reason-phrasings.ts).
    const heldFault =
      !same && oldClosure && values.ended_by !== oldClosure.ended_by
        ? endedByInterviewFault(
            values.ended_by,
            oldClosure.ended_by,
            index.closureInterviewHeld(oldClosure.id) ? 'held' : null,
          )
        : null;
    if (!same) {
      if (oldClosure?.source === 'hand' && !opts.overwriteHand)
        keptByHand('closure', opts.columnOf('closed_date'));
      else if (heldFault)
        warnings.push({
          row: r.row,
          column: opts.columnOf(r.closure.endedByGiven ? 'closed_by' : 'closure_reason'),
          message: `${h.reference}: kept its closure as recorded ("${ENDED_BY_LABELS[oldClosure!.ended_by as EndedBy]}"): the row says contact was lost, but an exit interview was held after it.`,
        });
      else if (removed !== undefined && (removed === null || removed === values.date))
        warnings.push({
          row: r.row,
          column: opts.columnOf('closed_date'),
          message: `${h.reference}: its closure was removed by hand, so the row's date closed is not recorded again (choose "overwrite" to record it).`,
        });
      else rowClosure = { old: oldClosure, values };
    }
  }

  // The episode's dated steps as the row leaves them, read only where a rule asks: a milestone the
  // row moves may not pass the steps that follow from it (the enquiry a viability request or reg 24
  // placement, the panel its minutes) nor come before those it follows (the approval a reg 24
  // placement, a temporary approval), a closure (the row's, or a standing one) stands at Stage 1
  // once the kinship application is made and may not come before it. A re-opening row's steps are
  // the new episode's: its own.
  const bounding = [
    ...Object.keys(MILESTONE_DEPENDANTS),
    ...Object.keys(MILESTONE_PRECEDENTS),
  ] as Milestone[];
  let steps: JourneyDates | null | undefined;
  if (reopenOn) steps = r.extras?.journey ?? null;
  else if (
    bounding.some((k) => dates[k] && dates[k] !== state.dates[k]) ||
    rowClosure ||
    cessation ||
    (standing && (index.holdsJourneyDates(h) || Object.keys(r.extras?.journey ?? {}).length > 0))
  ) {
    // As stored, for the engine to tell a step the row brings from one an earlier version left.
    state.journeyDates = storedSteps(h, index);
    steps = stepsAfterRow(r, h, index, opts);
    // A viability request counts as a kinship application by the pathway the episode had that day.
    if ((rowClosure || standing) && steps.viability_request && start && !state.episodeSwitches)
      state.episodeSwitches = index.episodeSwitches(h, start);
  }
  // A moved enquiry may not pass the episode's pathway changes (the engine's rule).
  if (!reopenOn && dates.enquiry && start && !state.episodeSwitches)
    state.episodeSwitches = index.episodeSwitches(h, start);
  // An approval or a cessation the row brings is bounded by the carers' dates (the engine's rule).
  if (dates.approval || (r.cessation && r.cessation.date !== ceased?.date))
    state.carerDates = index.carerDates(h);
  // An ending the row moves may not pass the exit interview that follows it (the engine's rule).
  if (rowClosure?.old && state.closure && rowClosure.values.date !== rowClosure.old.date)
    state.closure.interview = index.exitInterview('closure', rowClosure.old.id);
  if (cessation?.old && state.cessation && cessation.next.date !== cessation.old.date)
    state.cessation.interview = index.exitInterview('cessation', cessation.old.id);
  const decision = decide(
    state,
    {
      type: 'importRow',
      reopenOn,
      dates,
      closure: rowClosure && closureFacts(rowClosure.values, r.closure?.reason ?? null),
      // A cessation the row restates unchanged still needs its approval: the engine checks both.
      // One it moves keeps its stored notice (the writer does not touch it), so the engine checks
      // the new date against that notice too (28 days: reg 28(13)).
      cessation:
        r.cessation && !unrecorded
          ? {
              ...cessationFacts(cessation?.next ?? rowCessation ?? cessationValues(r)),
              ...(ceased?.notice_date ? { noticeDate: ceased.notice_date } : {}),
            }
          : null,
      pathway: pathwayTo,
      responded,
      ...(steps !== undefined ? { steps } : {}),
    },
    opts.today,
  );
  for (const v of decision.violations) errors.push(rowError(r.row, h.reference, v, opts));
  // The closure's stage is the engine's last word: the row's closure at the stage its dates give,
  // or a standing one moved by the row's dates or the switch it dates.
  // (A row never removes a closure: only the hand does.)
  const staged = decision.writes.findLast(
    (w): w is Extract<JourneyWrite, { to: 'closureStage' } | { op: 'insert' | 'update'; to: 'closure' }> =>
      (w.to === 'closure' && w.op !== 'delete') || w.to === 'closureStage',
  );
  const stage = staged?.to === 'closure' ? staged.stageReached : staged?.stage;
  let closure: PlannedChange['closure'] = null;
  if (rowClosure && stage)
    closure = { old: rowClosure.old, next: { ...rowClosure.values, stage_reached: stage } };
  else if (standing && stage && !reopenOn) {
    const { id: _id, source: _source, batch_id: _batch, ...values } = standing;
    closure = { old: standing, next: { ...values, stage_reached: stage }, stageOnly: true };
  }
  const milestones: MilestoneChange[] = [];
  for (const w of decision.writes) {
    if (w.to !== 'milestone' || w.op === 'delete') continue;
    const old = held.find((m) => m.kind === w.kind);
    milestones.push({
      kind: w.kind,
      id: old?.id ?? null,
      old: old ? { date: old.date, source: old.source, batch_id: old.batch_id } : null,
      date: w.date,
    });
  }
  const reopen: PlannedChange['reopen'] =
    reopenOn && standing
      ? { closureId: standing.id, on: reopenOn, fromEpisode: h.episode, respondedDate: h.responded_date }
      : null;
  const moved = decision.writes.find((w) => w.to === 'reopenedOn');
  const reopenedClosure = moved ? index.reopenedClosure(h) : null;
  const reopenedOn: PlannedChange['reopenedOn'] =
    moved && reopenedClosure
      ? { closureId: reopenedClosure.id, old: reopenedClosure.reopened_on, on: moved.on }
      : null;
  const answered = decision.writes.find((w) => w.to === 'responded');
  const respondedChange: PlannedChange['responded'] = answered
    ? { old: answered.old, next: answered.date, prev: prov.get('responded_date') ?? null }
    : null;
  const switched = decision.writes.find((w) => w.to === 'pathway');
  const pathwaySwitch = switched
    ? { from: switched.from, to: switched.pathway, date: switched.date, prev: prov.get('pathway') ?? null }
    : null;
  const episode = decision.state.episode;
  if (errors.length > 0) return undefined;
  if (
    fields.length === 0 &&
    milestones.length === 0 &&
    !respondedChange &&
    !closure &&
    !cessation &&
    !pathwaySwitch
  )
    return null;
  // Said only of a row that is taken (not refused, nor an earlier episode's, which changes nothing).
  const renamed = namesSomeoneElse(fields, r);
  if (renamed)
    warnings.push({
      row: r.row,
      column: nameColumn(opts),
      message: `${h.reference}: the row names ${renamed.next} where the record has ${renamed.old}; recorded as the file says. If they are two households, the two systems give them one reference: undo this import and correct it in one of them.`,
    });
  return {
    row: r.row,
    reference: h.reference,
    derived: r.derived,
    householdId: h.id,
    episode,
    reopen,
    reopenedOn,
    oldUpdatedAt: h.updated_at,
    pathway: h.pathway,
    fields,
    milestones,
    responded: respondedChange,
    pathwaySwitch,
    closure,
    cessation,
  };
}
