import type { Db } from '../open.ts';
import {
  CHARACTERISTICS,
  CHARACTERISTIC_VALUES,
  ERASED_KEY,
  type Characteristic,
} from '../../domain/characteristics.ts';
import { AGE_BANDS, notRecordedAgeWords } from '../../domain/ofsted.ts';
import type { Pathway } from '../../domain/stages.ts';
import {
  ACTIVE_AT,
  ACTIVE_BY_HOUSEHOLD,
  activeParams,
  PRESENT_ON,
  type HouseholdSet,
  type PathwayCount,
  type ReturnRange,
} from './ofsted.ts';
import { ERASED_HOUSEHOLD_IDS } from './erased-households.ts';
import type { DrillQuery } from './drill.ts';

/**
 * The Ofsted return's carers at 31 March and their characteristics (and the diversity table's),
 * as sets of people over household_people: who is a carer in an approved household that day, on
 * the household's pathway then, grouped by every characteristic in one pass.
 */
/**
 * The people of a set of households at a date (carers still in the household then), as SQL
 * selecting household_id, the set's `pathway`, the person's columns and `erased` (1 where a purge
 * erased the household's details): the characteristics tables read it.
 */
function peopleAt(households: HouseholdSet, on: string): HouseholdSet {
  return {
    sql: `SELECT p.*, s.pathway, p.household_id IN (${ERASED_HOUSEHOLD_IDS}) AS erased
      FROM household_people p JOIN (${households.sql}) s ON s.household_id = p.household_id
      WHERE ${PRESENT_ON('p')}`,
    params: [...households.params, on, on],
  };
}

/** The households of the people in a set, with the pathway each counts under. */
export const peopleHouseholds = (people: HouseholdSet): HouseholdSet => ({
  sql: `SELECT household_id, pathway FROM (${people.sql})`,
  params: people.params,
});

/** Approved carers at 31 March (in households approved then), on the household's pathway that day. */
export const carersAt = (r: ReturnRange): HouseholdSet =>
  peopleAt({ sql: ACTIVE_AT, params: activeParams(r) }, r.to);

/** A column name of household_people from the fixed vocabulary (never from a user). */
const column = (c: Characteristic): string => {
  if (!CHARACTERISTICS.includes(c)) throw new Error(`Unknown characteristic ${String(c)}`);
  return c;
};

/** Age in whole years on a date, in SQL, from an ISO date of birth column. */
const AGE_SQL = `(CAST(substr(?, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
  - (substr(?, 6, 5) < substr(p.date_of_birth, 6, 5)))`;

/**
 * Carers at 31 March counted alike: pathway, age band (null: no date of birth or no band) and every
 * characteristic. A carer whose details a purge erased has ERASED_KEY for each it erased (a date
 * of birth or value not recorded in an erased household): a past year's return keeps its
 * carers' counts after the purge, and says which it no longer holds (helper-246).
 */
export interface CarerGroup {
  pathway: Pathway;
  ageBand: string | null;
  /** The value when it is one of the vocabulary's keys, else null (not recorded, or a value the return has no row for), or ERASED_KEY. */
  values: Record<Characteristic, string | null>;
  n: number;
}

/**
 * A characteristic's value as a number: its place in the vocabulary + 1, or 0 for null or for any
 * value that is not a key (the return counts those as not recorded). A CASE of equalities costs
 * SQLite less than finding the value in a list.
 */
const codes = CHARACTERISTICS.map((c) => {
  const keys = CHARACTERISTIC_VALUES[c].map((v) => v.key);
  if (keys.some((k) => !/^[a-z0-9_]+$/.test(k))) throw new Error(`A ${c} key is not a plain word`);
  const sql = `CASE p.${column(c)} ${keys.map((k, i) => `WHEN '${k}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;
  return { c, radix: keys.length + 1, sql, keys };
});

/**
 * Age on 31 March as a number, computed once: age - 17 held within 0 (under 18) and 190 (over
 * 206), 191 for no date of birth; every age band lies between 18 and 206.
 */
const AGE_RADIX = 192;
const NO_DATE_OF_BIRTH = 191;
const AGE_CODE_SQL = `COALESCE(MIN(MAX(${AGE_SQL} - 17, 0), 190), ${NO_DATE_OF_BIRTH})`;
if (AGE_BANDS.some((b) => b.from < 18 || b.to > 206)) throw new Error('An age band is outside 18 to 206');
const bandOfAgeCode = (v: number): string | null =>
  v === NO_DATE_OF_BIRTH ? null : (AGE_BANDS.find((b) => v + 17 >= b.from && v + 17 <= b.to)?.key ?? null);

/**
 * One number per carer (or per household with nobody recorded): every characteristic's code,
 * then the age code, 1 for a household whose details were erased, the pathway (1: kinship) and 1
 * for a household with nobody. The erased households are looked up once (the ledger is small).
 */
const CARER_KEY_SQL = `((${codes.reduce((sql, x) => `(${sql}) * ${x.radix} + ${x.sql}`, '0')}) * ${AGE_RADIX}
  + ${AGE_CODE_SQL}) * 8 + (h.household_id IN (${ERASED_HOUSEHOLD_IDS})) * 4 + (h.pathway = 'kinship') * 2
  + (p.id IS NULL)`;
if (codes.reduce((n, x) => n * x.radix, 8 * AGE_RADIX) > Number.MAX_SAFE_INTEGER)
  throw new Error('The carer key does not fit a number');

/**
 * The approved carers at 31 March in one read: the households approved that day (ACTIVE_AT)
 * with the people still in them, counted by pathway, age band and every characteristic, and the
 * households with nobody recorded (the carers figure's "not recorded"). The carers figure and the
 * characteristics sections all come from it (they took two reads of the same join, and the
 * sections a GROUP BY of nine columns). Each carer is read as one number and counted in a Map:
 * SQLite groups by sorting every row, which cost more than the join itself (some 116,000 carers at
 * 1,000,000 households), while counting numbers costs next to nothing. `carersAt` and
 * `carers_31_march` select the same people, for the drill.
 */
export function countCarersAt(db: Db, r: ReturnRange): { carers: PathwayCount[]; groups: CarerGroup[] } {
  const tally = new Map<number, number>();
  const keys = db
    .prepare<unknown[], number>(
      `${ACTIVE_BY_HOUSEHOLD} SELECT ${CARER_KEY_SQL} FROM h
       LEFT JOIN household_people p ON p.household_id = h.household_id AND ${PRESENT_ON('p')}`,
    )
    .pluck()
    // ACTIVE_BY_HOUSEHOLD's three, then the age's two and PRESENT_ON's two: 31 March.
    .all(...activeParams(r), r.to, r.to, r.to, r.to);
  for (const k of keys) tally.set(k, (tally.get(k) ?? 0) + 1);
  const carers = new Map<Pathway, PathwayCount>();
  const groups: CarerGroup[] = [];
  for (const [key, n] of tally) {
    let rest = key;
    const missing = rest % 2 === 1;
    rest = Math.floor(rest / 2);
    const pathway: Pathway = rest % 2 === 1 ? 'kinship' : 'mainstream';
    rest = Math.floor(rest / 2);
    const erased = rest % 2 === 1;
    rest = Math.floor(rest / 2);
    const c = carers.get(pathway) ?? { pathway, n: 0, missing: 0 };
    carers.set(pathway, c);
    if (missing) {
      c.missing += n;
      continue;
    }
    c.n += n;
    const ageCode = rest % AGE_RADIX;
    const ageBand = erased && ageCode === NO_DATE_OF_BIRTH ? ERASED_KEY : bandOfAgeCode(ageCode);
    rest = Math.floor(rest / AGE_RADIX);
    const values = {} as CarerGroup['values'];
    for (let i = codes.length - 1; i >= 0; i--) {
      const x = codes[i]!;
      const code = rest % x.radix;
      values[x.c] = code === 0 ? (erased ? ERASED_KEY : null) : x.keys[code - 1]!;
      rest = Math.floor(rest / x.radix);
    }
    groups.push({ pathway, ageBand, values, n });
  }
  return { carers: [...carers.values()], groups };
}

/**
 * The households of the people in a set with one value of a characteristic (null = not recorded:
 * nothing stored, or a value that is none of the vocabulary's keys, as the return counts them;
 * ERASED_KEY: the same in a household whose details were erased).
 */
export function peopleWith(people: HouseholdSet, c: Characteristic, value: string | null): HouseholdSet {
  const keys = CHARACTERISTIC_VALUES[c].map((v) => v.key);
  return value === null || value === ERASED_KEY
    ? {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p
          WHERE (p.${column(c)} IS NULL OR p.${column(c)} NOT IN (${keys.map(() => '?').join(', ')}))
            AND p.erased = ${value === ERASED_KEY ? 1 : 0}`,
        params: [...people.params, ...keys],
      }
    : {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE p.${column(c)} = ?`,
        params: [...people.params, value],
      };
}

/**
 * The households of the people in a set aged within a band on a date (null band = not recorded, as
 * countCarersAt counts it: no date of birth, or one giving an age in no band, a typing error such
 * as a carer 17 at 31 March, whose `date_of_birth` each row has for the list to say why;
 * ERASED_KEY = no date of birth, in a household whose details were erased).
 */
export function peopleAged(
  people: HouseholdSet,
  on: string,
  band: { from: number; to: number } | null | typeof ERASED_KEY,
): HouseholdSet {
  if (band === ERASED_KEY)
    return {
      sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p
        WHERE p.date_of_birth IS NULL AND p.erased = 1`,
      params: people.params,
    };
  if (band === null)
    return {
      sql: `SELECT household_id, pathway, 1 AS n, date_of_birth FROM (${people.sql}) p
        WHERE (p.date_of_birth IS NULL AND p.erased = 0)
          OR (p.date_of_birth IS NOT NULL AND NOT (${AGE_BANDS.map(() => `${AGE_SQL} BETWEEN ? AND ?`).join(' OR ')}))`,
      params: [...people.params, ...AGE_BANDS.flatMap((b) => [on, on, b.from, b.to])],
    };
  return {
    sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE ${AGE_SQL} BETWEEN ? AND ?`,
    params: [...people.params, on, on, band.from, band.to],
  };
}

/**
 * What the list behind the age table's Not recorded says of each carer in it (peopleAged with no
 * band): no date of birth, or one giving an age in no band on `on` (domain/ofsted.ts words it).
 */
export const notRecordedAgeWhy = (aged: HouseholdSet, on: string): NonNullable<DrillQuery['why']> => ({
  sql: `SELECT household_id, date_of_birth FROM (${aged.sql})`,
  params: aged.params,
  words: (r) => notRecordedAgeWords(r.date_of_birth as string | null, on) ?? '',
});
