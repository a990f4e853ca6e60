import type { ExtrasReader, TermsColumn } from '../../db/queries/import-extras.ts';
import { importedPlaces } from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import type { ImportRecord } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { ExtrasChange, ExtrasOptions, ExtrasSink } from './extras-change.ts';

/**
 * A row's approval terms against those held (apply/extras.ts plans the rest of the row's extras).
 * The places are the one dated term: a register gives the places it has on the day it was printed,
 * so a later register's other number is a change of places on the import's day (domain/carers.ts
 * importedPlaces), not a rewrite of the places at approval that earlier 31 Marches count.
 */
export function planTerms(
  terms: NonNullable<ImportRecord['extras']>['terms'] & object,
  r: ImportRecord,
  held: { h: ExistingHousehold; reader: ExtrasReader; ceased: boolean } | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  to: ExtrasSink,
): void {
  const { out, issue, keptByHand } = to;
  const cur = held ? held.reader.terms(held.h.id) : null;
  // A later register's places are the places now: a dated change, not the places at approval.
  const { places: filePlaces, ...undated } = terms;
  let atApproval: { places?: number | null } = filePlaces === undefined ? {} : { places: filePlaces };
  let placeChange: ExtrasChange['placeChange'] = null;
  let placeNote = '';
  if (held && cur && filePlaces !== undefined && filePlaces !== null) {
    // The places at approval, then after each change so far: the last is today's.
    const places = [cur.places ?? 0];
    for (const c of held.reader.placeChanges(held.h.id, opts.today))
      places.push(places[places.length - 1]! + c);
    const today = places.pop()!;
    const approved = index.milestones(held.h).some((m) => m.kind === 'approval');
    const p = importedPlaces(filePlaces, {
      atApproval: cur.places,
      today,
      approved,
      ceased: held.ceased,
      before: places,
    });
    atApproval = p && 'atApproval' in p ? { places: p.atApproval } : {};
    if (p && 'older' in p)
      placeNote = `${r.reference}: the row gives ${filePlaces} places, as the household had before a later change; the ${today} held today are kept (an older register?): enter any change of places on the record.`;
    if (p && 'change' in p) {
      if (Math.abs(p.change) > 20)
        issue(
          true,
          'places',
          `${r.reference}: ${filePlaces} places would be a change of ${p.change} from the ${today} held today; a change of places is at most 20 either way.`,
        );
      placeChange = { date: opts.today, change: p.change };
      placeNote = `${r.reference}: its places go from ${today} to ${filePlaces} on ${formatUkDate(opts.today)}, the day of this import (a register gives the places it has now, not since when): enter the date of the change on the record.`;
    }
  }
  const next: Record<TermsColumn, number | null> = {
    places: cur?.places ?? null,
    age_from: cur?.age_from ?? null,
    age_to: cur?.age_to ?? null,
    short_breaks: cur?.short_breaks ?? null,
    parent_and_child: cur?.parent_and_child ?? null,
    ...undated,
    ...atApproval,
  };
  const changed = (Object.keys(next) as TermsColumn[]).some((k) => next[k] !== (cur?.[k] ?? null));
  if (next.age_from !== null && next.age_to !== null && next.age_from > next.age_to) {
    issue(
      true,
      terms.age_from !== undefined ? 'age_from' : 'age_to',
      `With the terms already held for ${r.reference}: the age range would end (${next.age_to}) before it starts (${next.age_from}).`,
    );
  } else if ((changed || placeChange) && cur?.source === 'hand' && !opts.overwriteHand) {
    // Terms typed by hand stand, and the places with them.
    keptByHand('approval terms', terms.places !== undefined ? 'places' : 'age_range');
  } else {
    if (changed) out.terms = { old: cur, next };
    out.placeChange = placeChange;
    if (placeNote) issue(false, 'places', placeNote);
  }
}
