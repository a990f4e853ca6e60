import { daysBetween } from './dates.ts';
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
 * Names, postcodes and telephone numbers are compared by their keys below.
 */
export const NEAR_DAYS = 31;

export type DuplicateWhy = 'email' | 'name_postcode' | 'name_enquiry' | 'telephone';

/** How each reason reads, in a warning or an import's preview. */
export const DUPLICATE_WHY_LABELS: Record<DuplicateWhy, string> = {
  email: 'same email',
  name_postcode: 'same name and postcode',
  name_enquiry: 'same name and close enquiry dates',
  telephone: 'same telephone number',
};

/** A name ignoring case, spacing and punctuation ("Anne-Marie O'Neil" = "anne marie oneil"). */
export const nameKey = (first: string | null | undefined, surname: string | null | undefined): string =>
  `${normaliseLabel(first ?? '')}|${normaliseLabel(surname ?? '')}`;

export const postcodeKey = (postcode: string | null | undefined): string => normaliseLabel(postcode ?? '');

/** The digits of a telephone number, +44 read as 0; '' for fewer than 7 (not a number to match on). */
export const phoneKey = (t: string | null | undefined): string => {
  const digits = (t ?? '').replace(/\D/g, '').replace(/^44/, '0');
  return digits.length >= 7 ? digits : '';
};

/** Whether two households of the same name enquired close enough together to be one. */
export function closeEnquiries(a: string | null | undefined, b: string | null | undefined): boolean {
  return a && b ? Math.abs(daysBetween(a, b)) <= NEAR_DAYS : true;
}
