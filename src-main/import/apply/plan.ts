import { formatUkDate, type IsoDate } from '../../domain/dates.ts';
import {
  decide,
  importSwitchDate,
  pathwaySwitchFault,
  placeEnquiry,
  type Dates,
  type JourneyState,
} from '../../domain/journey.ts';
import {
  MILESTONES,
  MILESTONE_LABELS,
  type Milestone,
  type OpenStage,
  type Pathway,
} from '../../domain/stages.ts';
import { MILESTONE_DEPENDANTS, type JourneyDates } from '../../domain/journey-dates.ts';
import { HOUSEHOLD_COLUMNS, type ImportRecord, type RowIssue } from '../records/import-record.ts';
import type { ClosureRow, ExistingHousehold, ExistingIndex } from './existing.ts';
import { sameReference } from './carer-rows.ts';
import { stepsAfterRow, withExtras } from './extras.ts';
import { nearMatches, previewRow } from './near-matches.ts';
import {
  cessationFacts,
  cessationValues,
  closureFacts,
  closureValues,
  newFor,
  rowError,
  withoutErased,
  type PlanOptions,
} from './plan-parts.ts';
import type {
  ClosureValues,
  FieldChange,
  MilestoneChange,
  Plan,
  PlannedChange,
  PreviewRow,
} from './planned-change.ts';

export type { PlanOptions } from './plan-parts.ts';

/** The file's first rows, shown in the preview whatever happens to each (always parsed). */
export const PREVIEW_ROWS = 20;

/** A row counted unchanged by its mark, without being parsed (analyse.ts). */
export interface KnownRow {
  row: number;
}

/**
 * Decides, for every parsed row, whether it is new, an update, unchanged, a duplicate or
 * rejected, and exactly what it will change. Reads the database (through the index) and
 * writes nothing: the commit replays the plan.
 *
 * `known`: rows counted unchanged by their marks, by household. Null when a parsed row matches one
 * of those households (by its reference, or without one): the plan would have weighed the two
 * rows against each other, so the caller plans the file again with every row parsed. (A marked
 * household's reference is its row's: a mark is made only then, and a new reference deletes it.)
 */
export function planImport(
  records: readonly ImportRecord[],
  index: ExistingIndex,
  opts: PlanOptions,
  known: ReadonlyMap<number, KnownRow> = new Map(),
): Plan | null {
  const plan: Plan = {
    changes: [],
    counts: {
      rows: records.length + known.size,
      new: 0,
      updated: 0,
      unchanged: known.size,
      duplicates: 0,
      rejected: 0,
    },
    errors: [],
    warnings: [],
    nearMatches: [],
    preview: [],
    marks: { ids: [], hashes: [] },
  };
  // The preview shows the file's first rows, in file order, whatever happens to each.
  const shown = new Set(records.slice(0, PREVIEW_ROWS));
  const preview = (r: ImportRecord, action: PreviewRow['action']) => {
    if (shown.has(r)) plan.preview.push(previewRow(r, action));
  };
  const reject = (r: ImportRecord) => {
    plan.counts.rejected++;
    preview(r, 'rejected');
  };

  // Same reference twice: identical rows count once, a household's two carers on two rows are
  // joined (apply/carer-rows.ts), other different ones are all refused.
  const groups = new Map<string, ImportRecord[]>();
  for (const r of records) {
    plan.warnings.push(...r.warnings);
    if (r.errors.length > 0) {
      plan.errors.push(...r.errors);
      reject(r);
      continue;
    }
    const g = groups.get(r.reference);
    if (g) g.push(r);
    else groups.set(r.reference, [r]);
  }

  const claimed = new Map<number, number>();
  for (const [reference, group] of groups) {
    if (known.size > 0 && known.has(index.byReference(reference)?.id ?? 0)) return null;
    let first = group[0]!;
    if (group.length > 1) {
      const same = sameReference(group);
      if (same.kind === 'different' || same.kind === 'too many carers') {
        const rows = group.map((r) => r.row).join(', ');
        const why =
          same.kind === 'too many carers'
            ? ', one carer per row, but a household has two carers at most'
            : ' with different values';
        for (const r of group) {
          plan.errors.push({
            row: r.row,
            column: opts.columnOf('reference'),
            message: `Reference ${r.derived ? '(derived) ' : ''}${reference} appears on rows ${rows}${why}: correct the file, the app will not guess.`,
          });
          reject(r);
        }
        continue;
      }
      if (same.kind === 'two carers') {
        // The household is planned from the joined record; the preview shows it on the first row.
        if (shown.has(same.carer1)) shown.add(same.joined);
        first = same.joined;
        plan.warnings.push({
          row: same.carer2.row,
          column: opts.columnOf('reference'),
          message: `Rows ${same.carer1.row} and ${same.carer2.row} each name one carer of ${reference}: read as its carer 1 (row ${same.carer1.row}) and carer 2 (row ${same.carer2.row}), one household.`,
        });
      }
      // Every row after the household's first repeats its reference (identical, or its carer 2).
      for (const dup of group.slice(1)) {
        plan.counts.duplicates++;
        preview(dup, 'duplicate');
      }
    }

    const errors: RowIssue[] = [];
    const warned = plan.warnings.length;
    const existing = findExisting(first, index, opts, errors);
    if (existing && known.has(existing.id)) return null;
    if (existing && claimed.has(existing.id)) {
      errors.push({
        row: first.row,
        column: opts.columnOf('reference'),
        message: `Row ${claimed.get(existing.id)} already matches household ${existing.reference}; this row matches it too.`,
      });
    }
    // Erasure is final: a purged household (or a reference in the purge ledger) takes no personal detail again.
    const purgedAt = existing ? existing.purged_at : (index.purged.get(first.reference) ?? null);
    const row = purgedAt ? withoutErased(first, purgedAt, opts, plan.warnings) : first;
    const planned =
      errors.length === 0
        ? existing
          ? updateFor(row, existing, index, opts, errors, plan.warnings)
          : newFor(row, opts, errors)
        : null;
    let change = planned === EARLIER_EPISODE ? null : planned;
    // Carers, approval terms and journey dates (apply/extras.ts), beside the household's own changes;
    // none from an old export's row, which changes nothing of the newer episode.
    if (row.extras && change !== undefined && errors.length === 0 && planned !== EARLIER_EPISODE)
      change = withExtras(row, existing, change, purgedAt, index, opts, errors, plan.warnings);
    if (change && !existing && purgedAt) change.purgedAt = purgedAt;
    if (errors.length > 0 || change === undefined) {
      plan.errors.push(...errors);
      reject(first);
      continue;
    }
    if (existing) claimed.set(existing.id, first.row);
    // A re-import of this row will change nothing, so long as the household stays as this import
    // leaves it: mark it (rows with warnings, extras, repeats or another reference are left out).
    const markable =
      first.rowHash !== undefined &&
      group.length === 1 &&
      first.warnings.length === 0 &&
      plan.warnings.length === warned &&
      !first.extras &&
      !purgedAt &&
      (!existing || existing.reference === first.reference);
    if (change === null) {
      if (markable && existing) {
        plan.marks.ids.push(existing.id);
        plan.marks.hashes.push(first.rowHash!);
      }
      plan.counts.unchanged++;
      preview(first, 'unchanged');
      continue;
    }
    if (markable) change.rowHash = first.rowHash;
    plan.changes.push(change);
    if (existing) plan.counts.updated++;
    else {
      plan.counts.new++;
      plan.nearMatches.push(...nearMatches(first, index));
    }
    preview(first, existing ? 'updated' : 'new');
  }
  plan.preview.sort((a, b) => a.row - b.row);
  return plan;
}

function findExisting(
  r: ImportRecord,
  index: ExistingIndex,
  opts: PlanOptions,
  errors: RowIssue[],
): ExistingHousehold | null {
  const byRef = index.byReference(r.reference);
  if (byRef || !r.derived) return byRef ?? null;
  const hits = index.matchWithoutReference(r.values);
  if (hits.length > 1) {
    errors.push({
      row: r.row,
      column: opts.columnOf(r.values.email ? 'email' : 'surname'),
      message: `No reference, and ${hits.length} households match (${hits.map((h) => h.reference).join(', ')}): add the reference to the row.`,
    });
    return null;
  }
  return hits[0] ?? null;
}

/** updateFor's answer for an old export's row: an episode before the current one, which it leaves alone. */
const EARLIER_EPISODE = 'earlier episode';

/**
 * Changes to an existing household: null when nothing would change, undefined when refused,
 * EARLIER_EPISODE for a row of an episode before the current one (warned of; nothing changes).
 */
function updateFor(
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

  let pathwayTo: Pathway | null = null;
  let switchOn: IsoDate | null = null;
  const filePathway = r.values.pathway as Pathway | undefined;
  if (filePathway && filePathway !== h.pathway) {
    // A re-enquiry is a new episode, on the file's pathway: a pathway kept by hand was the last one's.
    if (prov.get('pathway')?.source === 'hand' && !opts.overwriteHand && !reopenOn)
      keptByHand('pathway', opts.columnOf('pathway'));
    else pathwayTo = filePathway;
  }
  // A re-enquiry comes on or after the last pathway change (the engine's rule: checkReopen).
  if (reopenOn) state.lastSwitchOn = index.lastSwitchOn(h);
  if (pathwayTo) {
    // A switch the engine would refuse (a third in the episode) keeps the pathway, with a warning:
    // the rest of the row still counts, as for a pathway kept by hand. A row that re-opens starts
    // an episode with no switch yet.
    state.lastSwitchOn = index.lastSwitchOn(h);
    if (state.dates.enquiry) state.episodeSwitches = index.episodeSwitches(h, state.dates.enquiry);
    const episode = reopenOn ? { ...state, dates: { enquiry: reopenOn }, episodeSwitches: [] } : state;
    switchOn = importSwitchDate(reopenOn, state.lastSwitchOn, opts.today);
    const fault = pathwaySwitchFault(episode, switchOn);
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
    const same =
      oldClosure &&
      (Object.keys(values) as Array<keyof typeof values>).every((k) => oldClosure[k] === values[k]);
    if (!same) {
      if (oldClosure?.source === 'hand' && !opts.overwriteHand)
        keptByHand('closure', opts.columnOf('closed_date'));
      else rowClosure = { old: oldClosure, values };
    }
  }
  let cessation: PlannedChange['cessation'] = null;
  if (r.cessation) {
    const next = cessationValues(r);
    const same =
      ceased && (Object.keys(next) as Array<keyof typeof next>).every((k) => ceased[k] === next[k]);
    // A cessation removed by hand (recorded by mistake) is not brought back by the file it came from,
    // nor by another carrying the same date; one on another date is a cessation of its own.
    const removed = !ceased && !opts.overwriteHand ? index.cessationRemovedByHand(h) : undefined;
    if (!same) {
      if (ceased?.source === 'hand' && !opts.overwriteHand)
        keptByHand('deregistration', opts.columnOf('deregistration_date'));
      else if (removed !== undefined && (removed === null || removed === next.date))
        warnings.push({
          row: r.row,
          column: opts.columnOf('deregistration_date'),
          message: `${h.reference}: its cessation was removed by hand, so the row's deregistration is not recorded again (choose "overwrite" to record it).`,
        });
      else cessation = { old: ceased, next };
    }
  }

  // The episode's dated steps as the row leaves them, read only where a rule asks: a milestone the
  // row moves may not pass the steps that follow from it (the enquiry a viability request or reg 24
  // placement, the panel its minutes), a closure (the row's, or a standing one) stands at Stage 1
  // once the kinship application is made and may not come before it. A re-opening row's steps are
  // the new episode's: its own.
  const bounding = Object.keys(MILESTONE_DEPENDANTS) as Milestone[];
  let steps: JourneyDates | null | undefined;
  if (reopenOn) steps = r.extras?.journey ?? null;
  else if (bounding.some((k) => dates[k] && dates[k] !== state.dates[k]) || rowClosure || standing) {
    steps = stepsAfterRow(r, h, index, opts);
    // The request counts as a kinship application by the pathway the episode had that day.
    if ((rowClosure || standing) && state.dates.enquiry && !state.episodeSwitches)
      state.episodeSwitches = index.episodeSwitches(h, state.dates.enquiry);
  }
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
      cessation: r.cessation ? cessationFacts(cessationValues(r)) : null,
      pathway: pathwayTo,
      ...(steps !== undefined ? { steps } : {}),
    },
    opts.today,
  );
  for (const v of decision.violations) errors.push(rowError(r.row, h.reference, v, opts));
  // The closure's stage is the engine's last word: the row's closure at the stage its dates give,
  // or a standing one moved by the row's dates or the switch it dates.
  const staged = decision.writes.findLast((w) => w.to === 'closure' || w.to === 'closureStage');
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
  const switched = decision.writes.find((w) => w.to === 'pathway');
  const pathwaySwitch = switched
    ? { from: switched.from, to: switched.pathway, date: switched.date, prev: prov.get('pathway') ?? null }
    : null;
  const episode = decision.state.episode;
  if (errors.length > 0) return undefined;
  if (fields.length === 0 && milestones.length === 0 && !closure && !cessation && !pathwaySwitch) return null;
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
    pathwaySwitch,
    closure,
    cessation,
  };
}
