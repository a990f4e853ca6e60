import { z } from 'zod';
import { method } from './define.ts';
import { recordDate } from './dates.ts';
import {
  APPLICATION_BASES,
  JOURNEY_DATE_KINDS,
  VIABILITY_RESULTS,
  type ApplicationBasis,
} from '../domain/journey-dates.ts';
import type { HouseholdRecord } from './households.ts';

export {
  APPLICATION_BASES,
  APPLICATION_BASIS_WORDS,
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  KINSHIP_ONLY,
  VIABILITY_RESULTS,
  type ApplicationBasis,
  type JourneyDateKind,
} from '../domain/journey-dates.ts';

const id = z.number().int().positive();
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * The journey's dated steps that are not stages (panel minutes, the kinship journey) and what
 * "application received" means (issues 14 and 15).
 */
export const journeyContract = {
  /** Records a step of the current episode; changing one already recorded needs `correctionReason`. */
  'households.recordJourneyDate': method<HouseholdRecord>()(() =>
    z
      .object({
        id,
        kind: z.enum(JOURNEY_DATE_KINDS),
        date: recordDate(),
        /** The viability outcome: positive or negative. */
        result: z.enum(VIABILITY_RESULTS).nullish(),
        /** Why the temporary approval was extended (reg 25). */
        extensionReason: optText(500),
        /**
         * How many weeks the extension runs (1 to 8, reg 25(2); the engine holds the range); null:
         * not recorded (taken as the longest allowed); not given: the length already held.
         */
        extensionWeeks: z.number().nullish(),
        correctionReason: optText(500),
      })
      .strict(),
  ),
  'households.removeJourneyDate': method<HouseholdRecord>()(() =>
    z
      .object({
        id,
        kind: z.enum(JOURNEY_DATE_KINDS),
        reason: z.string().trim().max(500).min(1, 'Say why the date is removed.'),
      })
      .strict(),
  ),
  'alerts.getApplicationBasis': method<{ basis: ApplicationBasis; default: ApplicationBasis }>()(() =>
    z.object({}).strict(),
  ),
  'alerts.setApplicationBasis': method<{ basis: ApplicationBasis; refreshed: number }>()(() =>
    z.object({ basis: z.enum(APPLICATION_BASES) }).strict(),
  ),
} as const;
