import { formatUkDate, type IsoDate } from './dates.ts';
import { journeyDateWords } from './journey-dates.ts';
import { MILESTONE_DEPENDANTS, milestoneStepsFault } from './journey-date-order.ts';
import { statusOf, type Dates } from './journey-state.ts';
import {
  checkBeforeCessation,
  checkBeforeClosure,
  checkMilestoneOrder,
  checkReopen,
  responseFault,
} from './order-rules.ts';
import { MILESTONE_LABELS, MILESTONES, type Milestone } from './stages.ts';
import type { WorkingCopy } from './journey-working-copy.ts';

/**
 * How the journey engine (journey-decider.ts) sets, corrects and removes the current episode's
 * milestone dates and its enquiry response: the order rules, the standing endings, the dated
 * steps and the carers' dates each date is held to.
 */

/** Order violations the new dates introduce (old data's own faults do not block an unrelated change). */
function checkOrder(d: WorkingCopy, next: Dates, field: (kind: Milestone) => string): void {
  const old = new Set(checkMilestoneOrder(d.state.dates, d.today).map((v) => v.message));
  for (const v of checkMilestoneOrder(next, d.today))
    if (!old.has(v.message)) d.fail(v.field, field(v.field), v.message);
}

/** Records when the enquiry was first answered (responseFault: after the enquiry, not in the future). */
export function recordResponse(
  d: WorkingCopy,
  date: IsoDate,
  field: string,
  enquiry: IsoDate | undefined,
  reason?: string | null,
): void {
  const bad = responseFault(date, enquiry, d.today);
  if (bad) d.fail('response', field, bad);
  d.writes.push({ to: 'responded', date, old: d.state.respondedDate, ...(reason ? { reason } : {}) });
  d.state.respondedDate = date;
}

export function milestoneNotRecorded(d: WorkingCopy, kind: Milestone): void {
  d.fail(kind, 'kind', `${MILESTONE_LABELS[kind]} is not recorded for ${d.state.reference}.`, 'not_found');
}

/** Sets (inserts or replaces) milestone dates of the current episode, checking order and the standing endings. */
export function setMilestoneDates(
  d: WorkingCopy,
  next: Dates,
  field: (kind: Milestone) => string,
  boundBy: { closure: boolean; cessation: boolean },
  reason?: string,
): void {
  const s = d.state;
  // Nothing new (an import row restating its dates, a new row's ending asked alone): nothing to
  // check or write, and the order check's two passes are most of an unchanged row's cost.
  if (!MILESTONES.some((kind) => next[kind] && next[kind] !== s.dates[kind])) return;
  const merged = { ...s.dates, ...next };
  checkOrder(d, merged, field);
  for (const kind of MILESTONES) {
    const date = next[kind];
    if (!date || s.dates[kind] === date) continue;
    const late =
      (boundBy.closure && checkBeforeClosure(kind, date, s.closure?.date ?? null)) ||
      (boundBy.cessation && checkBeforeCessation(kind, date, s.cessation?.date ?? null));
    if (late) d.fail(kind, field(kind), late);
    // An approved household is not also a drop-out: a register listing one closed (as not approved,
    // say) approved it beside its closure, counted in the same year as an approval and a drop-out.
    // By hand, Approved is not offered on a closed household (hand-actions.ts).
    if (kind === 'approval' && boundBy.closure && s.closure)
      d.fail(
        kind,
        field(kind),
        `${s.reference} is closed (a drop-out on ${formatUkDate(s.closure.date)}), so it cannot also be approved: re-open it or remove the closure first, if the approval stands.`,
      );
    // A re-enquiry comes on or after the closure it re-opens, corrected later as when recorded.
    const early = kind === 'enquiry' && s.reopenedAfter && checkReopen(date, s.reopenedAfter, d.today);
    if (early) d.fail(kind, field(kind), early);
    // Nor onto or before the earlier episode's last pathway change (one recorded while closed, most
    // often): a change on or after the enquiry is the episode's own, so this one would move into
    // it, and an episode holding three is read as holding one (journey-state.ts priorSwitchOn).
    const prior = kind === 'enquiry' ? s.priorSwitchOn : null;
    if (prior && date <= prior)
      d.fail(
        kind,
        field(kind),
        `Enquiry date ${formatUkDate(date)} is not after the pathway change on ${formatUkDate(prior)}, which belongs to the episode before: a re-enquiry comes after it.`,
      );
    // A pathway change dated in the episode stays in it: the episodes record places a change by the
    // enquiry before it, so an enquiry moved past one would file it under another episode, or none.
    const switched = kind === 'enquiry' ? s.episodeSwitches?.[0] : undefined;
    if (switched && date > switched)
      d.fail(
        kind,
        field(kind),
        `Enquiry date ${formatUkDate(date)} is after the pathway change on ${formatUkDate(switched)}, which would then fall outside its episode.`,
      );
    const passes = milestoneStepsFault(kind, date, s.journeyDates);
    if (passes) d.fail(kind, field(kind), passes);
    // The response follows the enquiry (responseFault) however either moves.
    const answered = kind === 'enquiry' && s.respondedDate && responseFault(s.respondedDate, date, d.today);
    if (answered) d.fail(kind, field(kind), `${answered} Correct the response first.`);
    const from = kind === 'approval' ? s.carerDates?.from : null;
    if (from && date > from)
      d.fail(
        kind,
        field(kind),
        `A carer's joining date or a change of places is recorded on ${formatUkDate(from)}, before the approval date ${formatUkDate(date)}: correct that first.`,
      );
    const old = s.dates[kind];
    d.writes.push(
      old
        ? {
            to: 'milestone',
            op: 'update',
            episode: s.episode,
            kind,
            date,
            old,
            ...(reason ? { reason } : {}),
          }
        : { to: 'milestone', op: 'insert', episode: s.episode, kind, date },
    );
    // The closure it re-opened says when the household enquired again: that is this enquiry.
    if (kind === 'enquiry' && old && s.episode > 1)
      d.writes.push({ to: 'reopenedOn', episode: s.episode - 1, on: date, old });
  }
  s.dates = merged;
}

export function removeMilestone(d: WorkingCopy, kind: Milestone, reason: string): void {
  const s = d.state;
  if (kind === 'enquiry')
    return d.fail(
      kind,
      'kind',
      'The enquiry starts the episode and cannot be removed: correct its date instead.',
    );
  const old = s.dates[kind];
  if (!old) return milestoneNotRecorded(d, kind);
  const status = statusOf(s);
  if (kind === 'approval' && status === 'ceased')
    return d.fail(kind, 'kind', 'Remove the cessation before the approval.');
  if (status === 'closed')
    return d.fail(
      kind,
      'kind',
      'The household is closed with the stage it had reached: re-open it before removing a milestone.',
    );
  const step = (MILESTONE_DEPENDANTS[kind] ?? []).find((k) => s.journeyDates?.[k]);
  if (step) return d.fail(kind, 'kind', `Remove the ${journeyDateWords(step)} first.`);
  d.writes.push({ to: 'milestone', op: 'delete', episode: s.episode, kind, old, reason });
  delete s.dates[kind];
}
