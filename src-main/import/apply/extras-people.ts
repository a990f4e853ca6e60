import type { PersonColumnName, PersonLeft } from '../../db/queries/import-extras.ts';
import {
  anotherPerson,
  identifies,
  importedJoiningDate,
  personName,
  samePerson,
} from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { carerField, type CarerPosition } from '../records/extra-fields.ts';
import type { ImportRecord } from '../records/import-record.ts';
import type { ExistingHousehold, ExistingIndex } from './existing.ts';
import type { ExtrasOptions, ExtrasSink } from './extras-change.ts';
import { readerFor } from './extras-reader.ts';
import type { PlannedChange } from './planned-change.ts';

/**
 * A row's carers against those the household holds (apply/extras.ts plans the rest of the row's
 * extras; a purged household's are refused there). A carer who has left, one recorded in another
 * position, or one deleted by hand is not recorded again; a new one joins on the import's day
 * where the household already has carers (domain/carers.ts importedJoiningDate).
 */
export function planPeople(
  people: NonNullable<ImportRecord['extras']>['people'],
  positions: CarerPosition[],
  r: ImportRecord,
  existing: ExistingHousehold | null,
  change: PlannedChange | null,
  index: ExistingIndex,
  opts: ExtrasOptions,
  to: ExtrasSink,
): void {
  const { out, keptByHand } = to;
  const warn = (field: string, message: string) => to.issue(false, field, message);
  const reader = existing ? readerFor(index) : null;
  const current = existing ? reader!.currentPeople(existing.id) : [];
  let left: PersonLeft[] | null = null;
  // The column that names carer p in this file (one name column or two).
  const nameColumn = (p: CarerPosition) =>
    (['surname', 'full_name', 'first_name', 'date_of_birth'] as const)
      .map((f) => carerField(p, f))
      .find((f) => opts.mapped?.(f)) ?? carerField(p, 'surname');
  for (const p of positions) {
    const given = people[p]!;
    const cur = current.find((c) => c.position === p);
    if (existing && identifies(given) && !(cur && samePerson(given, cur))) {
      // A register pictures the day it was printed: an older one still lists a carer who has
      // left since, and numbers carers as they stood then. Neither a leaving recorded since nor
      // the carer recorded in their place is undone by it (nor by "overwrite": the file does
      // not say they did not leave).
      const gone = (left ??= reader!.leftPeople(existing.id)).find((l) => samePerson(given, l));
      if (gone) {
        warn(
          nameColumn(p),
          `${r.reference}: ${personName(gone)} left the household on ${formatUkDate(gone.left_on)}, so the row does not record them as a current carer again (an older register still lists them; if they did not leave, correct the record by hand).`,
        );
        continue;
      }
      const elsewhere = current.find((c) => c.position !== p && samePerson(given, c));
      if (elsewhere) {
        warn(
          nameColumn(p),
          `${r.reference}: ${personName(elsewhere)} is already recorded as carer ${elsewhere.position}, so the row does not record them again as carer ${p}.`,
        );
        continue;
      }
      // Someone else in that carer's place: not written over them (their name and date of birth
      // were replaced, and the carer recorded never left).
      if (cur && anotherPerson(given, cur)) {
        warn(
          nameColumn(p),
          `${r.reference}: carer ${p} is recorded as ${personName(cur)}, born ${formatUkDate(cur.date_of_birth)}, and the row names ${personName(given)}, born ${formatUkDate(given.date_of_birth)}, so it does not record them over ${personName(cur)}: if one left and the other joined, record that on the household.`,
        );
        continue;
      }
    }
    const deleted =
      !cur && existing && !opts.overwriteHand ? index.personRemovedByHand(existing, `carer${p}`) : undefined;
    // Deleted by hand as entered by mistake: the file does not put them back. Another person the
    // file lists at that position (a partner who joined since) is recorded; whom the entry no
    // longer names (a purge erased it) is taken to be the one deleted.
    if (deleted !== undefined && (deleted === null || !identifies(given) || samePerson(given, deleted))) {
      warn(
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
        warn(
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
