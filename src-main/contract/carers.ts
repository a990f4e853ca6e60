import { z } from 'zod';
import { method } from './define.ts';
import {
  CHARACTERISTICS,
  CHARACTERISTIC_VALUES,
  ETHNIC_GROUPS,
  NOT_RECORDED_KEY,
  type Characteristic,
} from '../domain/characteristics.ts';
import { anyDate, recordDate } from './dates.ts';
import { DEREGISTRATION_CATEGORIES } from '../domain/ofsted.ts';

/**
 * A household's carers (or applicants), approval terms and changes of places; the Ofsted
 * return's deregistration mapping and the diversity report's children-in-care profile.
 * Output types are the db layer's plain shapes, repeated here so the renderer imports
 * types only from the contract.
 */
import type { CarersRecord } from '../domain/carers.ts';
export type { CarersRecord, Person as PersonRecord } from '../domain/carers.ts';
/** The characteristics' vocabulary, so the hand forms offer exactly what the core accepts. */
export {
  CHARACTERISTICS,
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  NOT_RECORDED_LABEL,
  type Category,
  type Characteristic,
} from '../domain/characteristics.ts';

export interface OfstedSettings {
  /** Every leaving reason (retired ones too) with the deregistration category it counts under. */
  deregistration: Array<{ reasonKey: string; reasonLabel: string; retired: boolean; category: string }>;
  categories: Array<{ key: string; label: string }>;
  childrenInCare: { asAt: string | null; counts: Record<string, number> };
  /** The groups the profile is entered by (the ONS headings, refusals, not recorded). */
  groups: Array<{ key: string; label: string }>;
}

const id = z.number().int().positive();
/** A mapping's most entries: a record's keys are not a list, so zod gives them no longest length. */
const atMostEntries = (n: number) =>
  [
    (r: Record<string, unknown>) => Object.keys(r).length <= n,
    `At most ${n.toLocaleString('en-GB')} entries.`,
  ] as const;
/** Far more leaving reasons than any service keeps (the defaults are a dozen). */
const MAX_LEAVING_REASONS = 1000;
const householdId = id;
const optName = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v) => (v ? v : null));

/** A characteristic: one of its category keys, or null/absent for "not recorded". */
const characteristic = (c: Characteristic) =>
  z
    .string()
    .max(60)
    .nullish()
    .transform((v) => v ?? null)
    .refine(
      (v) => v === null || CHARACTERISTIC_VALUES[c].some((x) => x.key === v),
      `Choose one of the listed ${c.replace(/_/g, ' ')} categories (or leave it not recorded).`,
    );

const person = z
  .object({
    firstName: optName,
    surname: optName,
    dateOfBirth: anyDate()
      .nullish()
      .transform((v) => v ?? null),
    joinedOn: recordDate()
      .nullish()
      .transform((v) => v ?? null),
    ...(Object.fromEntries(CHARACTERISTICS.map((c) => [c, characteristic(c)])) as Record<
      Characteristic,
      ReturnType<typeof characteristic>
    >),
  })
  .strict();

const count = (max: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(max)
    .nullish()
    .transform((v) => v ?? null);
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);

export const carersContract = {
  'carers.getCarers': method<CarersRecord>()(() => z.object({ householdId }).strict()),
  'carers.savePerson': method<CarersRecord>()(() =>
    z
      .object({ householdId, id: id.optional(), position: z.union([z.literal(1), z.literal(2)]), person })
      .strict(),
  ),
  'carers.recordPersonLeft': method<CarersRecord>()(() =>
    z.object({ householdId, id, date: recordDate() }).strict(),
  ),
  'carers.deletePerson': method<CarersRecord>()(() => z.object({ householdId, id }).strict()),
  'carers.saveTerms': method<CarersRecord>()(() =>
    z
      .object({
        householdId,
        places: count(20),
        ageFrom: count(25),
        ageTo: count(25),
        shortBreaks: flag,
        parentAndChild: flag,
      })
      .strict(),
  ),
  'carers.addPlaceChange': method<CarersRecord>()(() =>
    z
      .object({
        householdId,
        date: recordDate(),
        change: z
          .number()
          .int()
          .min(-20)
          .max(20)
          .refine((n) => n !== 0, 'Give the number of places added (e.g. 1) or removed (e.g. -1).'),
        note: optName,
      })
      .strict(),
  ),
  'carers.deletePlaceChange': method<CarersRecord>()(() => z.object({ householdId, id }).strict()),
  'carers.getOfstedSettings': method<OfstedSettings>()(() => z.object({}).strict()),
  'carers.saveOfstedSettings': method<OfstedSettings>()(() =>
    z
      .object({
        deregistration: z
          .record(
            z.string().min(1).max(60),
            z
              .string()
              .max(60)
              .refine((v) => DEREGISTRATION_CATEGORIES.some((c) => c.key === v), 'Unknown category.'),
          )
          .refine(...atMostEntries(MAX_LEAVING_REASONS))
          .optional(),
        childrenInCare: z
          .object({
            asAt: recordDate()
              .nullish()
              .transform((v) => v ?? null),
            counts: z
              .record(
                z
                  .string()
                  .max(60)
                  .refine(
                    (k) => k === NOT_RECORDED_KEY || ETHNIC_GROUPS.some((g) => g.key === k),
                    'Unknown ethnic group.',
                  ),
                z.number().int().min(0).max(100_000),
              )
              .refine(...atMostEntries(ETHNIC_GROUPS.length + 1)),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
} as const;
