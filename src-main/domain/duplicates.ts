import { daysBetween } from './dates.ts';
import { foldForSearch } from './fold.ts';
import { normaliseLabel } from './reasons.ts';

/**
 * When two households are probably one: the one rule for an import's near matches (listed in its
 * preview) and a household typed by hand (a warning before it is saved). Either way the person
 * decides: nothing is merged by it.
 *
 * - the same email (any case);
 * - the same name and postcode;
 * - the same name with enquiries at most NEAR_DAYS apart, or either without an enquiry date (a
 *   telephone enquiry typed in the week after the web form that brought the same family);
 * - the same telephone number (by its digits; a hand entry reads the numbers ending in the same
 *   four digits, as households hold no index on it: db/queries/households-list.ts findDuplicates).
 * Names, postcodes and telephone numbers are compared by their keys below (a name with its
 * accents, case, spacing and punctuation ignored). duplicateWhy weighs the signs in this order and
 * names the first two households share: the hand and an import find candidates by whatever index
 * they hold, and it decides, so both name the same sign.
 */
export const NEAR_DAYS = 31;

export type DuplicateWhy = 'email' | 'name_postcode' | 'name_enquiry' | 'name_undated' | 'telephone';

/** How each reason reads, in a warning or an import's preview. */
export const DUPLICATE_WHY_LABELS: Record<DuplicateWhy, string> = {
  email: 'same email',
  name_postcode: 'same name and postcode',
  name_enquiry: 'same name and close enquiry dates',
  // One of the two without an enquiry date (a carers register's household): nothing to compare.
  name_undated: 'same name, no enquiry date to compare',
  telephone: 'same telephone number',
};

/**
 * One name as the check compares it: folded as the households search folds it (domain/fold.ts:
 * accents off, ł/ø/ß spelt out, lower case), then spacing and punctuation dropped, so "Brontë"
 * = "Bronte", "O'Neil" = "ONeil", "Smith-Jones" = "Smith Jones". `folded` is a name already
 * folded (households keep theirs: first_name_fold, surname_fold), so the import and the hand
 * read the stored folds, not every name folded again.
 */
export const foldedNameKey = (folded: string | null | undefined): string => normaliseLabel(folded ?? '');

/** A household's first name and surname as one key (nameKeyOfFolds for names already folded). */
export const nameKeyOfFolds = (
  firstFold: string | null | undefined,
  surnameFold: string | null | undefined,
): string => `${foldedNameKey(firstFold)}|${foldedNameKey(surnameFold)}`;

/** A name as typed ("Anne-Marie O'Neil" = "anne marie oneil", "Zoë Brontë" = "Zoe Bronte"). */
export const nameKey = (first: string | null | undefined, surname: string | null | undefined): string =>
  nameKeyOfFolds(foldForSearch(first ?? ''), foldForSearch(surname ?? ''));

/** An email as the check compares it: trimmed, any case. */
export const emailKey = (email: string | null | undefined): string => (email ?? '').trim().toLowerCase();

export const postcodeKey = (postcode: string | null | undefined): string => normaliseLabel(postcode ?? '');

/** The digits of a telephone number, +44 read as 0; '' for fewer than 7 (not a number to match on). */
export const phoneKey = (t: string | null | undefined): string => {
  const digits = (t ?? '').replace(/\D/g, '').replace(/^44/, '0');
  return digits.length >= 7 ? digits : '';
};

/**
 * Why two households of the same name may be one, as an import's preview and a household typed by
 * hand say it: close enquiry dates, or one of them without an enquiry date (a carers register's
 * household), which both called "close enquiry dates" too (helper-245, helper-249).
 */
export const sameNameWhy = (a: string | null | undefined, b: string | null | undefined): DuplicateWhy =>
  a && b ? 'name_enquiry' : 'name_undated';

/** Whether two households of the same name enquired close enough together to be one. */
export function closeEnquiries(a: string | null | undefined, b: string | null | undefined): boolean {
  return a && b ? Math.abs(daysBetween(a, b)) <= NEAR_DAYS : true;
}

/** One household as duplicateWhy weighs it: its keys ('' where it has none to match on). */
export interface DuplicateKeys {
  email: string;
  /** nameKey or nameKeyOfFolds; '' without a surname (a first name alone identifies no one). */
  name: string;
  postcode: string;
  telephone: string;
  enquiry: string | null;
}

/** `name`: the household's nameKey (or nameKeyOfFolds); the other fields as held or typed. */
export function duplicateKeys(h: {
  email?: string | null;
  name: string;
  postcode?: string | null;
  telephone?: string | null;
  enquiry?: string | null;
}): DuplicateKeys {
  return {
    email: emailKey(h.email),
    name: h.name.endsWith('|') ? '' : h.name,
    postcode: postcodeKey(h.postcode),
    telephone: phoneKey(h.telephone),
    enquiry: h.enquiry || null,
  };
}

/** The key of a household's name and postcode together (an index's), '' without either. */
export const namePostcodeKey = (k: DuplicateKeys): string =>
  k.name && k.postcode ? `${k.name}|${k.postcode}` : '';

/** Why `a` and `b` may be one household: the first sign of the list above they share; null: none. */
export function duplicateWhy(a: DuplicateKeys, b: DuplicateKeys): DuplicateWhy | null {
  if (a.email && a.email === b.email) return 'email';
  if (a.name && a.name === b.name) {
    if (a.postcode && a.postcode === b.postcode) return 'name_postcode';
    if (closeEnquiries(a.enquiry, b.enquiry)) return sameNameWhy(a.enquiry, b.enquiry);
  }
  if (a.telephone && a.telephone === b.telephone) return 'telephone';
  return null;
}
