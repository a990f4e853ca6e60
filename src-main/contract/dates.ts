import { z } from 'zod';
import { earlyDateFault, isValidIsoDate } from '../domain/dates.ts';

/**
 * The date schemas of the hand-edit methods, one place for every group (households, journey,
 * carers). Builds zod: the renderer never imports it at run time (renderer-imports.test.ts).
 */

/** Any real calendar day, as YYYY-MM-DD: a date of birth, or a date only looked up by. */
export const anyDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
    .refine(isValidIsoDate, 'That date does not exist.');

/**
 * A date the records hold (a milestone, closure, cessation, response, journey step, exit
 * interview, carer's joining or leaving, change of places): refused before EARLIEST_RECORD_DATE,
 * as the import refuses it, since such a date is a year typed wrong (1925 for 2025), never a real one.
 */
export const recordDate = () =>
  anyDate().refine(
    // A date that is no date at all is refused once, as that.
    (iso) => !isValidIsoDate(iso) || earlyDateFault(iso) === null,
    // The add-household form says it before asking, by the same rule (earlyDateFault).
    { error: (issue) => earlyDateFault(String(issue.input)) ?? '' },
  );
