import { z } from 'zod';
import { method } from './define.ts';
import { REASON_ENDED_BY, REASON_LISTS } from '../domain/reasons.ts';
import { WITHDRAWAL_CODES } from '../domain/ofsted.ts';

export type { ReasonItem } from '../domain/reasons.ts';
import type { ReasonItem } from '../domain/reasons.ts';

const list = z.enum(REASON_LISTS);
/** Who ends an assessment for a drop-out reason: null (as a reason the service added before) is anyone. */
const endedBy = z.enum(REASON_ENDED_BY).nullish();
const key = z.string().trim().min(1).max(60);
/**
 * A name with a letter or digit: an import matches a cell by its letters and digits alone
 * (domain/reasons.ts normaliseLabel), so a reason named "?" or "—" was given every closure whose
 * reason cell held only punctuation ("-", "–"), as exports write for none.
 */
const label = z
  .string()
  .trim()
  .min(1, 'Give the reason a name.')
  .max(200)
  .refine((v) => v === '' || /[\p{L}\p{N}]/u.test(v), 'Give the reason a name with a letter or digit.');
/**
 * One of Ofsted's six withdrawal codes, or none (AW0 in the return). The return counts a
 * withdrawal only under these codes, so any other (AW7 once passed) would drop it from
 * Applications withdrawn.
 */
const codes: readonly string[] = WITHDRAWAL_CODES.map((c) => c.code);
const ofstedCode = z
  .string()
  .trim()
  .max(10)
  .refine((v) => v === '' || codes.includes(v.toUpperCase()), {
    message: `An Ofsted withdrawal code is one of ${codes.join(', ')} (or leave it empty).`,
  })
  .nullish()
  .transform((v) => (v ? v.toUpperCase() : null));

export const reasonsContract = {
  'reasons.listReasons': method<ReasonItem[]>()(() =>
    z.object({ list, includeRetired: z.boolean().default(false) }).strict(),
  ),
  'reasons.addReason': method<ReasonItem[]>()(() =>
    z
      .object({
        list,
        label,
        ofstedCode,
        endedBy,
      })
      .strict(),
  ),
  'reasons.updateReason': method<ReasonItem[]>()(() =>
    z
      .object({
        list,
        key,
        label: label.optional(),
        ofstedCode: ofstedCode.optional(),
        endedBy,
      })
      .strict(),
  ),
  'reasons.moveReason': method<ReasonItem[]>()(() =>
    z.object({ list, key, direction: z.enum(['up', 'down']) }).strict(),
  ),
  'reasons.retireReason': method<ReasonItem[]>()(() =>
    z.object({ list, key, retired: z.boolean() }).strict(),
  ),
} as const;
