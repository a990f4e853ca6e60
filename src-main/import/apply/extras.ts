import type { Db } from '../../db/open.ts';
import {
  ExtrasReader,
  ExtrasWriter,
  personColumnsOf,
  type JourneyValues,
  type PersonColumnName,
  type PersonLeft,
  type Provenanced,
  type TermsNow,
} from '../../db/queries/import-extras.ts';
import { identifies, importedJoiningDate, personName, samePerson } from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import {
  checkJourneyDate,
  JOURNEY_DATE_KINDS,
  journeyDateFaultPart,
  journeyDateWords,
  KINSHIP_ONLY,
  kinshipApplication,
  type EpisodeEnding,
  type JourneyDateKind,
  type JourneyDates,
} from '../../domain/journey-dates.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { DEFAULT_PATHWAY, type Milestone, type Pathway } from '../../domain/stages.ts';
import {
  JOURNEY_FIELDS,
  carerField,
  type CarerPosition,
  type JourneyField,
} from '../records/extra-fields.ts';
import type { ImportRecord, RowIssue } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { PlannedChange } from './planned-change.ts';
import type { ExtrasChange, ExtrasOptions } from './extras-change.ts';
import { planTerms } from './extras-terms.ts';

/**
 * A row's carers, approval terms and journey dates against what the household holds
 * (issues 14 and 15): planned beside the household's own changes (plan.ts calls withExtras
 * once per row) and written by the same commit (writeExtras), in its transaction. What was
 * typed by hand is kept unless the user chose to overwrite, as for every other field; undo
 * replays the audit entries written here (revertExtra).
 */
export type { ExtrasChange, PersonChange } from './extras-change.ts';

export type { ExtrasOptions } from './extras-change.ts';

const readers = new WeakMap<ExistingIndex, ExtrasReader>();
const readerFor = (index: ExistingIndex): ExtrasReader => {
  let r = readers.get(index);
  if (!r) readers.set(index, (r = new ExtrasReader(index.db)));
  return r;
};

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
    out[h.kind] = { date: h.date, detail: h.detail, reason: h.reason };
  return out;
}

/**
 * The current episode's steps as the row leaves them: those held, with the row's own dates where
 * they land (keptFromRow). The journey engine bounds the milestones a row moves by these, so a row
 * that moves the panel and its minutes together is taken, and one that moves the panel past
 * minutes it leaves as they are is refused. (The steps the row brings are checked against its
 * milestones in withExtras.)
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
 * on `pathway` (the row's, and kinship where it gives kinship steps and no pathway: withExtras; a
 * request on a mainstream household is refused there). A known household's is the engine's.
 */
export function rowKinshipApplication(r: ImportRecord, pathway: Pathway): IsoDate | null {
  return kinshipApplication({ pathway }, r.extras?.journey.viability_request?.date);
}

/**
 * The row's change with its carers, terms and journey dates added: `change` itself (or a change
 * of those alone when the household's own details are unchanged), null when nothing changes,
 * undefined when the row is refused (its errors pushed).
 */
export function withExtras(
  r: ImportRecord,
  existing: ExistingHousehold | null,
  change: PlannedChange | null,
  purgedAt: string | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  errors: RowIssue[],
  warnings: RowIssue[],
): PlannedChange | null | undefined {
  const x = r.extras;
  if (!x) return change;
  const reader = existing ? readerFor(index) : null;
  const issue = (list: RowIssue[], field: string, message: string) =>
    list.push({ row: r.row, column: opts.columnOf(field), message });
  const keptByHand = (what: string, field: string) =>
    issue(warnings, field, `Kept the ${what} entered by hand (choose "overwrite" to replace it).`);
  const out: ExtrasChange = { people: [], terms: null, journey: [] };

  // People: erasure is final, so a purged household takes no carer's details again.
  const positions = Object.keys(x.people).map(Number) as CarerPosition[];
  const erasedWarned = () =>
    warnings.some(
      (w) => w.row === r.row && w.message.startsWith(`${r.reference}: personal details were erased`),
    );
  if (purgedAt && positions.length > 0) {
    // One warning a row: plan.ts's own about the household's details, or this one.
    if (!erasedWarned())
      issue(
        warnings,
        carerField(positions[0]!, 'surname'),
        `${r.reference}: personal details were erased on ${formatUkDate(purgedAt.slice(0, 10))} (retention period passed), so this row's carers were not imported.`,
      );
  } else {
    const current = existing ? reader!.currentPeople(existing.id) : [];
    let left: PersonLeft[] | null = null;
    // The column that names carer p in this file (one name column or two).
    const nameColumn = (p: CarerPosition) =>
      (['surname', 'full_name', 'first_name', 'date_of_birth'] as const)
        .map((f) => carerField(p, f))
        .find((f) => opts.mapped?.(f)) ?? carerField(p, 'surname');
    for (const p of positions) {
      const given = x.people[p]!;
      const cur = current.find((c) => c.position === p);
      if (existing && identifies(given) && !(cur && samePerson(given, cur))) {
        // A register pictures the day it was printed: an older one still lists a carer who has
        // left since, and numbers carers as they stood then. Neither a leaving recorded since nor
        // the carer recorded in their place is undone by it (nor by "overwrite": the file does
        // not say they did not leave).
        const gone = (left ??= reader!.leftPeople(existing.id)).find((l) => samePerson(given, l));
        if (gone) {
          issue(
            warnings,
            nameColumn(p),
            `${r.reference}: ${personName(gone)} left the household on ${formatUkDate(gone.left_on)}, so the row does not record them as a current carer again (an older register still lists them; if they did not leave, correct the record by hand).`,
          );
          continue;
        }
        const elsewhere = current.find((c) => c.position !== p && samePerson(given, c));
        if (elsewhere) {
          issue(
            warnings,
            nameColumn(p),
            `${r.reference}: ${personName(elsewhere)} is already recorded as carer ${elsewhere.position}, so the row does not record them again as carer ${p}.`,
          );
          continue;
        }
      }
      const deleted =
        !cur && existing && !opts.overwriteHand
          ? index.personRemovedByHand(existing, `carer${p}`)
          : undefined;
      // Deleted by hand as entered by mistake: the file does not put them back. Another person the
      // file lists at that position (a partner who joined since) is recorded; whom the entry no
      // longer names (a purge erased it) is taken to be the one deleted.
      if (deleted !== undefined && (deleted === null || !identifies(given) || samePerson(given, deleted))) {
        issue(
          warnings,
          nameColumn(p),
          `${r.reference}: carer ${p} was deleted by hand (entered by mistake), so the row's carer ${p} is not recorded again (choose "overwrite" to record them).`,
        );
        continue;
      }
      if (!cur) {
        const joinedOn = existing
          ? importedJoiningDate(
              {
                isNew: false,
                approved: index.milestones(existing).some((m) => m.kind === 'approval'),
                // Ceased before, or by this row: no carer joins after it.
                ceased: !!change?.cessation || index.cessation(existing) !== null,
                hasPeople: current.length > 0 || (left ??= reader!.leftPeople(existing.id)).length > 0,
              },
              opts.today,
            )
          : null;
        if (joinedOn)
          issue(
            warnings,
            nameColumn(p),
            `${r.reference}: ${personName(given)} joins as carer ${p} on ${formatUkDate(joinedOn)}, the day of this import (a register does not say when a carer joined): enter the date they joined on the record.`,
          );
        out.people.push({ position: p, id: null, old: null, next: given, joinedOn });
        continue;
      }
      const cols = (Object.keys(given) as PersonColumnName[]).filter((c) => given[c] !== cur[c]);
      if (cols.length === 0) continue;
      if (cur.source === 'hand' && !opts.overwriteHand) {
        keptByHand(`carer ${p}'s details`, carerField(p, cols[0] === 'surname' ? 'surname' : cols[0]!));
        continue;
      }
      out.people.push({
        position: p,
        id: cur.id,
        old: {
          ...Object.fromEntries(cols.map((c) => [c, cur[c]])),
          source: cur.source,
          batch_id: cur.batch_id,
        },
        next: Object.fromEntries(cols.map((c) => [c, given[c]])),
      });
    }
  }

  if (x.terms)
    planTerms(
      x.terms,
      r,
      existing && reader
        ? // Ceased before, or by this row.
          { h: existing, reader, ceased: !!change?.cessation || index.cessation(existing) !== null }
        : null,
      index,
      opts,
      {
        out,
        issue: (error, field, message) => issue(error ? errors : warnings, field, message),
        keptByHand,
      },
    );

  // Journey dates: checked as a hand entry is, against the episode they land in.
  const kinds = JOURNEY_DATE_KINDS.filter((k) => x.journey[k] && !(purgedAt && k === 'extension'));
  if (kinds.length > 0) {
    const episode = change?.episode ?? existing?.episode ?? 1;
    const reopened = !!change?.reopen;
    const held = existing && !reopened ? reader!.journey(existing.id, episode) : [];
    const milestones: Partial<Record<Milestone, string>> = {};
    if (existing && !reopened) for (const m of index.milestones(existing)) milestones[m.kind] = m.date;
    for (const m of change?.milestones ?? []) milestones[m.kind] = m.date;
    Object.assign(milestones, change?.created?.milestones ?? {});
    const journey: JourneyDates = {};
    for (const h of held) journey[h.kind] = { date: h.date, detail: h.detail, reason: h.reason };
    // A new household with kinship steps and no pathway column is a kinship household.
    if (change?.created && !r.values.pathway && kinds.some((k) => KINSHIP_ONLY.has(k)))
      change.pathway = 'kinship';
    const pathway = (change?.pathwaySwitch?.to ??
      change?.pathway ??
      existing?.pathway ??
      DEFAULT_PATHWAY) as Pathway;
    const landing: ExtrasChange['journey'] = [];
    for (const kind of kinds) {
      const given = x.journey[kind]!;
      const next: JourneyValues = {
        date: given.date,
        detail: kind === 'viability_outcome' ? (given.detail ?? null) : null,
        reason: kind === 'extension' ? (given.reason ?? null) : null,
      };
      const old = held.find((h) => h.kind === kind);
      if (old && old.date === next.date && old.detail === next.detail && old.reason === next.reason) continue;
      const kept = existing && !reopened ? keptFromRow(kind, old, existing, index, opts) : null;
      if (kept === 'hand') {
        keptByHand(journeyDateWords(kind), FIELD_OF_KIND[kind]);
        continue;
      }
      if (kept === 'removed') {
        issue(
          warnings,
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
              source: old.source,
              batch_id: old.batch_id,
            }
          : null,
        next,
      });
    }
    const checkedToo = new Set(landing.map((j) => j.kind));
    // No step passes the episode's standing ending; the row's own closure or cessation is checked
    // against the row's steps by the journey engine (endingBeforeStepFault), so named once.
    const standing = existing && !reopened ? existing : null;
    const closure =
      standing && (!change?.closure || change.closure.stageOnly) ? index.closure(standing) : null;
    const cessation = standing && !change?.cessation ? index.cessation(standing) : null;
    const ending: EpisodeEnding | null = closure
      ? { what: 'closure', date: closure.date }
      : cessation
        ? { what: 'cessation', date: cessation.date }
        : null;
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
        date: FIELD_OF_KIND[j.kind],
      }[journeyDateFaultPart(bad)];
      issue(errors, field, existing ? `${r.reference}: ${bad}` : bad);
    }
    out.journey = landing;
  }

  if (errors.length > 0) return undefined;
  if (out.people.length === 0 && !out.terms && !out.placeChange && out.journey.length === 0) return change;
  if (change) {
    change.extras = out;
    return change;
  }
  // The household's own details are unchanged: a change of its carers, terms or dates alone.
  const h = existing!;
  return {
    row: r.row,
    reference: h.reference,
    derived: r.derived,
    householdId: h.id,
    episode: h.episode,
    reopen: null,
    oldUpdatedAt: h.updated_at,
    pathway: h.pathway,
    fields: [],
    milestones: [],
    closure: null,
    cessation: null,
    extras: out,
  };
}

const writers = new WeakMap<Db, ExtrasWriter>();
const writerFor = (db: Db): ExtrasWriter => {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new ExtrasWriter(db)));
  return w;
};

/**
 * Writes one row's carers, terms and journey dates (inside the commit's transaction). A new
 * household's are not audited one by one, as its milestones are not: undo removes the
 * household and they go with it (ON DELETE CASCADE).
 */
export function writeExtras(
  db: Db,
  x: ExtrasChange,
  at: { householdId: number; episode: number; batchId: number; user: string; now: string; isNew: boolean },
): void {
  const w = writerFor(db);
  const audit = (...a: Parameters<ExtrasWriter['audit']> extends [unknown, ...infer R] ? R : never) => {
    if (!at.isNew)
      w.audit({ at: at.now, user: at.user, householdId: at.householdId, batchId: at.batchId }, ...a);
  };
  const provenance = { source: 'import' as const, batch_id: at.batchId };
  for (const p of x.people) {
    if (p.id === null) {
      const id = w.insertPerson(at.householdId, p.position, p.next, at.batchId, at.now, p.joinedOn ?? null);
      audit(
        'carer',
        id,
        `carer${p.position}`,
        null,
        p.joinedOn ? { ...p.next, joined_on: p.joinedOn } : p.next,
      );
    } else {
      w.updatePerson(p.id, p.next, provenance, at.now);
      audit('carer', p.id, `carer${p.position}`, p.old, p.next);
    }
  }
  if (x.terms) {
    w.saveTerms(at.householdId, x.terms.next, at.batchId, at.now);
    audit('approval_terms', at.householdId, 'terms', x.terms.old, x.terms.next);
  }
  if (x.placeChange) {
    const id = w.insertPlaceChange(at.householdId, x.placeChange, at.batchId, at.now);
    audit('place_change', id, 'change', null, x.placeChange);
  }
  for (const j of x.journey) {
    let id = j.id;
    if (id === null) id = w.insertJourney(at.householdId, at.episode, j.kind, j.next, at.batchId);
    else w.updateJourney(id, j.next, at.batchId);
    audit('journey_date', id, j.kind, j.old, j.next);
  }
}

/**
 * Undoes one audit entry written by writeExtras: true when the entry was one of them. A person
 * or date the import added is removed, one it changed gets its old values, source and batch back.
 */
export function revertExtra(
  db: Db,
  r: { entity: string; entity_id: number | null; household_id: number; old_value: string | null },
  now: string,
): boolean {
  const old = r.old_value === null ? null : (JSON.parse(r.old_value) as Record<string, unknown>);
  const w = writerFor(db);
  if (r.entity === 'carer') {
    if (!old) w.deletePerson(r.entity_id!);
    else
      w.updatePerson(
        r.entity_id!,
        personColumnsOf(old),
        { source: old.source as Provenanced['source'], batch_id: (old.batch_id as number | null) ?? null },
        now,
      );
    return true;
  }
  if (r.entity === 'place_change') {
    w.deletePlaceChange(r.entity_id!);
    return true;
  }
  if (r.entity === 'approval_terms') {
    w.restoreTerms(r.household_id, old as TermsNow | null, now);
    return true;
  }
  if (r.entity === 'journey_date') {
    w.restoreJourney(r.entity_id!, old as (JourneyValues & Provenanced) | null);
    return true;
  }
  return false;
}
