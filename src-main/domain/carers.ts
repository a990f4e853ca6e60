import type { Characteristic } from './characteristics.ts';
import { normaliseLabel } from './reasons.ts';
import { ageOn, formatUkDate, type IsoDate } from './dates.ts';
import type { Status } from './stages.ts';

/**
 * What a household calls its people: "Carer" once approved (and after it ceased), "Applicant"
 * before. The record's Carers section, the households list and the CLI all say it from here.
 */
export const peopleWord = (status: Status): 'Carer' | 'Applicant' =>
  status === 'approved' || status === 'ceased' ? 'Carer' : 'Applicant';

/** One of a household's people by position: "Applicant 2", "Carer 1", with "(left)" for one who left. */
export const personLabel = (status: Status, position: number, left = false): string =>
  `${peopleWord(status)} ${position}${left ? ' (left)' : ''}`;

/**
 * Who a search found a household by, where its carers' own names matched and not its own (the
 * list's foundBy), as the list says beside its name: "Applicant 2: Ann Smith; Carer 1 (left): Tom Jones".
 */
export const foundByWords = (
  status: Status,
  people: ReadonlyArray<{ name: string; position: number; left: boolean }>,
): string => people.map((p) => `${personLabel(status, p.position, p.left)}: ${p.name}`).join('; ');

/**
 * The shapes of a household's carers, approval terms and place changes: written once here, so
 * the storage layer (db/queries/carers.ts) and the contract the renderer reads agree by
 * construction.
 */
export interface Person {
  id: number;
  position: 1 | 2;
  firstName: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  characteristics: Record<Characteristic, string | null>;
  /** When they joined a household already approved; null: a carer since its approval. */
  joinedOn: string | null;
  leftOn: string | null;
  source: 'hand' | 'import';
}

export interface ApprovalTerms {
  places: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  shortBreaks: boolean | null;
  parentAndChild: boolean | null;
  source: 'hand' | 'import';
}

export interface PlaceChange {
  id: number;
  date: string;
  change: number;
  note: string | null;
}

export interface CarersRecord {
  householdId: number;
  /** Current people first (by position), then those who left (latest first). */
  people: Person[];
  terms: ApprovalTerms | null;
  placeChanges: PlaceChange[];
  /** Places on `today`: terms plus changes so far; null when places were never entered. */
  placesToday: number | null;
  /** First approval date, if approved: place changes cannot be dated before it. */
  approvedOn: string | null;
}

/** A person's identity as a register and the record both give it. */
export interface PersonIdentity {
  first_name?: string | null | undefined;
  surname?: string | null | undefined;
  date_of_birth?: string | null | undefined;
}

const nameOf = (p: PersonIdentity): string | null =>
  p.first_name && p.surname ? `${normaliseLabel(p.first_name)}|${normaliseLabel(p.surname)}` : null;

/**
 * Whether a register's carer is a person the record already holds: the same first name and surname
 * (ignoring case, spacing and punctuation) and no date of birth that differs; or, where either lacks
 * a full name, the same date of birth. A position alone says nothing: registers number carers as they
 * stand on the day they are printed.
 */
export function samePerson(a: PersonIdentity, b: PersonIdentity): boolean {
  const dob = a.date_of_birth && b.date_of_birth ? a.date_of_birth === b.date_of_birth : null;
  const na = nameOf(a);
  const nb = nameOf(b);
  if (na && nb) return na === nb && dob !== false;
  return dob === true;
}

/**
 * Whether two carers are surely two people: their full names differ and so do their dates of
 * birth. Either alone may be a correction (a name's spelling, a mistyped year), which a later
 * register makes; both at once is another person in that carer's place (a partner who joined
 * after another left), which a register does not say.
 */
export function anotherPerson(a: PersonIdentity, b: PersonIdentity): boolean {
  const na = nameOf(a);
  const nb = nameOf(b);
  return !!(
    na &&
    nb &&
    na !== nb &&
    a.date_of_birth &&
    b.date_of_birth &&
    a.date_of_birth !== b.date_of_birth
  );
}

/** A person's name as the record shows it, for messages. */
export const personName = (p: PersonIdentity): string =>
  [p.first_name, p.surname].filter(Boolean).join(' ') || 'the carer';

/** Whether a register's carer can be told apart from another: a full name or a date of birth. */
export const identifies = (p: PersonIdentity): boolean => nameOf(p) !== null || !!p.date_of_birth;

/**
 * Why `dateOfBirth` cannot be a carer's (or an applicant's), or null: not in the future, not before
 * 1900, and not a child's today. The last catches a year mistyped or cut to two digits ("12/05/10"
 * read as 2010), which would otherwise fall in no age band of the Ofsted return.
 */
export function birthFault(dateOfBirth: IsoDate, today: IsoDate): string | null {
  const shown = `Date of birth ${formatUkDate(dateOfBirth)}`;
  if (dateOfBirth > today) return `${shown} is in the future.`;
  if (dateOfBirth < '1900-01-01') return `${shown} is not a living carer's.`;
  const age = ageOn(dateOfBirth, today);
  if (age < 18)
    return `${shown} makes them ${age} today, and a foster carer is an adult: check the year, written in full.`;
  return null;
}

/** Where a household stands for its carers' dates: its first approval and its cessation, if any. */
export interface FosteringSpan {
  reference: string;
  approvedOn: IsoDate | null;
  ceasedOn: IsoDate | null;
}

/**
 * Why a carer cannot have joined on `joinedOn`, or null. The date is for someone who joined an
 * approved household later (blank: a carer since the approval, which the Ofsted return counts from
 * the approval): never before it, never after the household ceased to foster, never in the future.
 */
export function joiningFault(joinedOn: IsoDate, h: FosteringSpan, today: IsoDate): string | null {
  if (joinedOn > today) return 'The date they joined cannot be in the future.';
  if (!h.approvedOn)
    return `${h.reference} is not approved: a joining date is only for a carer who joined after the approval.`;
  if (joinedOn < h.approvedOn)
    return `They joined before the approval on ${formatUkDate(h.approvedOn)}: leave the date blank for a carer since the approval.`;
  if (h.ceasedOn && joinedOn > h.ceasedOn)
    return `The household ceased to foster on ${formatUkDate(h.ceasedOn)}: no carer can join it after that.`;
  return null;
}

/** A household's people and approval facts as a merge finds them (db/queries/carers.ts moveCarers). */
export interface MergingCarers {
  reference: string;
  /** The positions of its current carers (or applicants): those who have not left. */
  positions: readonly number[];
  /** Whether it holds approval terms or changes of places. */
  approvalFacts: boolean;
}

/**
 * Why a merged duplicate's (`from`) people, approval terms and changes of places cannot move to the
 * household kept (`to`), or null: both hold a current carer at the same position, or both hold terms
 * or changes of places. Which to keep is a person's decision, so the merge is refused, naming it.
 */
export function mergeCarersFault(from: MergingCarers, to: MergingCarers): string | null {
  const clash = from.positions.find((p) => to.positions.includes(p));
  if (clash !== undefined)
    return `${from.reference} and ${to.reference} both have a carer ${clash}: record one as having left, or delete one entered by mistake, then merge.`;
  if (from.approvalFacts && to.approvalFacts)
    return `${from.reference} and ${to.reference} both have approval terms or changes of places: keep them on one of the two, then merge.`;
  return null;
}

/**
 * Why a cessation dated `ceasedOn` cannot stand, or null: a carer's joining or leaving date or a
 * change of places recorded after it (`until`, the latest of them): nobody joins or leaves a
 * household, nor do its places change, after it ceased. Asked of a cessation by hand and by an
 * import (journey-decide-endings.ts), and of one a merge brings together with the other household's
 * carers.
 */
export function cessationCarersFault(
  reference: string,
  ceasedOn: IsoDate,
  until: IsoDate | null | undefined,
): string | null {
  return until && ceasedOn < until
    ? `${reference}: a carer's joining or leaving date or a change of places is recorded on ${formatUkDate(until)}, after the cessation date ${formatUkDate(ceasedOn)}: correct that first.`
    : null;
}

/** Why a carer cannot have left on `leftOn`, or null: not before they joined, after the cessation, or in the future. */
export function leavingFault(
  leftOn: IsoDate,
  joinedOn: IsoDate | null,
  h: FosteringSpan,
  today: IsoDate,
): string | null {
  if (leftOn > today) return 'a leaving date cannot be in the future.';
  if (joinedOn && leftOn < joinedOn)
    return `they joined the household on ${formatUkDate(joinedOn)}; they cannot have left before that.`;
  if (h.ceasedOn && leftOn > h.ceasedOn)
    return `the household ceased to foster on ${formatUkDate(h.ceasedOn)}; a carer cannot leave it after that.`;
  return null;
}

/**
 * The joining date an import gives a carer it adds to a household. A register does not say when a
 * carer joined: one it adds beside the people already recorded on an approved household joined after
 * the approval, on a day it cannot tell, so on the import's day (an earlier 31 March keeps its
 * carers; the record asks for the real date). A new household's carers, a household's first carers
 * (a register with carer columns after one without), an applicant's, and a ceased household's are
 * recorded as carers since the approval (null).
 */
export function importedJoiningDate(
  h: { isNew: boolean; approved: boolean; ceased: boolean; hasPeople: boolean },
  today: IsoDate,
): IsoDate | null {
  return !h.isNew && h.approved && !h.ceased && h.hasPeople ? today : null;
}

/**
 * What a register's number of places does to a household whose places are held. A register gives
 * the places on the day it was printed: on a household approved with places recorded, another number
 * is a change of places by the difference from the places held today, dated the day of the import
 * (the places at an earlier 31 March stay as they were; the record asks for the real date); the same
 * number changes nothing, nor does a number it had before a later change (`before`: the places at
 * approval and after each change but the last; an older register's). A household's first places (none held, or not yet approved) are its places
 * at approval.
 */
export function importedPlaces(
  filePlaces: number,
  held: {
    atApproval: number | null;
    today: number;
    approved: boolean;
    ceased: boolean;
    before: readonly number[];
  },
): { atApproval: number } | { change: number } | { older: true } | null {
  if (held.atApproval === null || !held.approved) return { atApproval: filePlaces };
  // A ceased household's places do not change after it (placeChangeFault).
  if (held.ceased) return null;
  if (filePlaces === held.today) return null;
  // The places it had before a later change: an older register's, which a change recorded since stands over.
  if (held.before.includes(filePlaces)) return { older: true };
  return { change: filePlaces - held.today };
}

/** Why places cannot change on `date`, or null: before the approval, after the cessation, in the future. */
export function placeChangeFault(date: IsoDate, h: FosteringSpan, today: IsoDate): string | null {
  if (h.approvedOn && date < h.approvedOn)
    return `The household was approved on ${formatUkDate(h.approvedOn)}; a change of places cannot be earlier.`;
  if (h.ceasedOn && date > h.ceasedOn)
    return `The household ceased to foster on ${formatUkDate(h.ceasedOn)}; a change of places cannot be later.`;
  if (date > today) return 'A change of places cannot be in the future.';
  return null;
}
