import type { Db } from '../../db/open.ts';
import {
  ExtrasWriter,
  personColumnsOf,
  type JourneyValues,
  type Provenanced,
  type TermsNow,
} from '../../db/queries/import-extras.ts';
import type { ExtrasChange } from './extras-change.ts';
import { nameParts } from '../../db/name-parts.ts';

/**
 * Writes a row's planned carers, approval terms and journey dates (planned by extras.ts) inside the
 * commit's transaction (commit.ts), each with the audit entry that undo replays (undo.ts
 * revertExtra), so undo restores exactly what was there.
 */

const writers = new WeakMap<Db, ExtrasWriter>();
const writerFor = (db: Db): ExtrasWriter => {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new ExtrasWriter(db)));
  return w;
};

/**
 * Writes one row's carers, terms and journey dates (inside the commit's transaction). A new
 * household's are not audited one by one, as its milestones are not: undo removes the
 * household and they go with it (ON DELETE CASCADE). `refreshed`: the commit refreshes the
 * household's summaries after (refreshSummaries), which makes its name parts right with its carers.
 */
export function writeExtras(
  db: Db,
  x: ExtrasChange,
  at: {
    householdId: number;
    episode: number;
    batchId: number;
    user: string;
    now: string;
    isNew: boolean;
    refreshed: boolean;
  },
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
  // The search finds the household by its carers' own names too: a household the commit refreshes
  // after (one it already had, or a new one it writes the long way) has them synced there, once;
  // a new one written whole here is not refreshed.
  if (x.people.length && !at.refreshed) nameParts(db).syncHousehold(at.householdId);
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
